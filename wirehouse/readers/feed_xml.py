"""A feed's XML before feedparser sees it: through our safety gate, with its common faults mended.

Every feed is parsed by `xml.parse_xml` first (size cap, no DTD, no external entities, bounded
entity expansion, depth); feedparser only ever gets that tree serialised again. Two faults of
real feeds are mended on the way:

- a well-known prefix used without its declaration (`<dc:creator>` in a feed that never
  declares `xmlns:dc`): libxml2 refuses the file; the prefix's namespace is declared on the
  root and the file parsed again (only for the prefixes below, never a guessed one);
- a bare `&` (`<link>…?a=1&b=2</link>`, `<title>A & B</title>`): feeds built by joining
  strings write them; escaped to `&amp;` outside CDATA sections and the file parsed again;
- a Media RSS caption (`media:description` inside `media:content`) that feedparser would take
  for the item's description, or a `media:title` for its title.
"""

from __future__ import annotations

import re

from lxml import etree

from wirehouse.model import WireParseError
from wirehouse.readers import xml

# Root elements (local names) of the three feed families; RSS 1.0's is `rdf:RDF`.
ROOTS = ("rss", "feed", "RDF")
ITEM_NAMES = ("item", "entry")
_ATOM_NAMESPACES = {"http://www.w3.org/2005/Atom", "http://purl.org/atom/ns#"}
_RDF_NAMESPACE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_MRSS = "http://search.yahoo.com/mrss"
_KNOWN_PREFIXES = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
    "atom": "http://www.w3.org/2005/Atom",
    "slash": "http://purl.org/rss/1.0/modules/slash/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "georss": "http://www.georss.org/georss",
    "itunes": "http://www.itunes.com/dtds/podcast-1.0.dtd",
    "rdf": _RDF_NAMESPACE,
}
_BARE_AMPERSAND_ERRORS = ("EntityRef: expecting ';'", "xmlParseEntityRef: no name")
_BARE_AMPERSAND = re.compile(
    r"<!\[CDATA\[.*?\]\]>|&(?!(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z_][\w.-]*);)", re.DOTALL
)
_UNDECLARED = re.compile(
    r"Namespace prefix (?P<prefix>[\w.-]+) (?:for [\w.-]+ )?on \S+ is not defined"
)
_ROOT_START = re.compile(r"<(?:rss|feed|rdf:RDF)(?=[\s/>])")


def parse_feed(data: bytes, *, max_bytes: int | None = None) -> etree._Element:
    """The feed's root element, parsed safely; WireParseError saying why when it cannot be."""
    xml.check_size(data, max_bytes)
    text = xml.decode_xml(data)
    declared: set[str] = set()  # the prefixes declared so far, and `&` once ampersands are mended
    while True:
        try:
            root = xml.parse_xml_text(text)
            break
        except WireParseError as exc:
            if "&" not in declared and any(e in str(exc) for e in _BARE_AMPERSAND_ERRORS):
                declared.add("&")
                text = _BARE_AMPERSAND.sub(_escape_ampersand, text)
                continue
            match = _UNDECLARED.search(str(exc))
            prefix = match.group("prefix") if match else None
            root_start = _ROOT_START.search(text)
            if prefix not in _KNOWN_PREFIXES or prefix in declared or root_start is None:
                raise
            declared.add(prefix)
            at = root_start.end()
            text = f'{text[:at]} xmlns:{prefix}="{_KNOWN_PREFIXES[prefix]}"{text[at:]}'
    _check_root(root)
    return root


def _escape_ampersand(match: re.Match[str]) -> str:
    return match.group(0) if match.group(0).startswith("<") else "&amp;"


def _check_root(root: etree._Element) -> None:
    name = xml.local(root)
    namespace = etree.QName(root).namespace
    if name == "feed" and namespace not in _ATOM_NAMESPACES:
        raise WireParseError(f"XML with root element <feed> in namespace {namespace!r} is not Atom")
    if name == "RDF" and namespace != _RDF_NAMESPACE:
        raise WireParseError("XML with root element <RDF> is not an RSS 1.0 feed")
    if name not in ROOTS:
        raise WireParseError(f"not an RSS or Atom feed: the root element is <{name}>")
    if not any(xml.local(el) in ITEM_NAMES for el in root.iter()):
        raise WireParseError(f"a feed (<{name}>) with no items")


_OWN_TEXT = {"description", "summary", "content", "encoded"}


def drop_media_captions(root: etree._Element) -> None:
    """Media RSS titles and descriptions that describe a picture, not the item.

    Kept only where the item has no title or text of its own (a video feed whose only text is
    its `media:group`).
    """
    for item in (el for el in root.iter() if xml.local(el) in ITEM_NAMES):
        own = {xml.local(c) for c in item if not _in_mrss(c)}
        for el in [d for d in item.iterdescendants() if _in_mrss(d)]:
            parent = el.getparent()
            if parent is None or xml.local(el) not in ("title", "description"):
                continue
            caption = _in_mrss(parent) and xml.local(parent) != "group"
            has_own = "title" in own if xml.local(el) == "title" else bool(own & _OWN_TEXT)
            if caption or has_own:
                parent.remove(el)


def _in_mrss(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and (etree.QName(el).namespace or "").startswith(_MRSS)
