"""Hardened XML parsing and markup helpers shared by the NITF, NewsML and ninjs readers.

Wire XML comes from outside: it is parsed with no DTD loading, no network and a size cap;
libxml2 never sees a DTD. Agencies do send internal DTD subsets (Keystone-SDA's NewsML pulls the
NITF DTD in with a parameter entity): parameter entities and external DTDs are dropped unread,
internal general entities are expanded here under a bound on their total size (an expansion
bomb is refused before anything grows), and a reference to an external entity is refused.
The encoding is decided by evidence, not by the declaration alone: a file that says ISO-8859-1
but holds UTF-8 is read as UTF-8.
"""

from __future__ import annotations

import re
from html.entities import name2codepoint

from lxml import etree
from lxml import html as lxml_html

from wirehouse.model import WireParseError
from wirehouse.readers.markup import paragraphs
from wirehouse.readers.text import decode_bytes
from wirehouse.readers.xml_entities import resolve_doctype

# Module-level default cap for one wire file; every reader takes `max_bytes=` to override it.
MAX_BYTES = 20 * 1024 * 1024

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_DECLARATION = re.compile(r"^\s*<\?xml\b[^>]*\?>", re.IGNORECASE)
_DECLARED_ENCODING = re.compile(
    rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']"""
)
# Characters XML 1.0 forbids: on the wire they are framing that leaked in, never text.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_NAMED_REF = re.compile(r"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_PREDEFINED = {"amp", "lt", "gt", "quot", "apos"}


def check_size(data: bytes, max_bytes: int | None) -> None:
    limit = MAX_BYTES if max_bytes is None else max_bytes
    if len(data) > limit:
        raise WireParseError(
            f"the file is {len(data):,} bytes, over the {limit:,}-byte cap for one wire file"
        )


def decode_xml(data: bytes) -> str:
    """XML bytes to text: the declared encoding is a hint that the bytes can overrule."""
    declared = _DECLARED_ENCODING.match(data[:200])
    return decode_bytes(data, declared.group(1).decode("ascii") if declared else None)


def _named_to_numeric(match: re.Match[str]) -> str:
    name = match.group(1)
    if name in _XML_PREDEFINED or name not in name2codepoint:
        return match.group(0)
    return f"&#{name2codepoint[name]};"


def _prepare(text: str) -> bytes:
    text = _DECLARATION.sub("", text, count=1)
    # No DTD ever reaches libxml2: nothing to fetch, validate against or expand.
    text = resolve_doctype(text)
    text = _XML_ILLEGAL.sub("", text)
    # Agencies paste HTML entities (`&nbsp;`) into XML that never declares them.
    text = _NAMED_REF.sub(_named_to_numeric, text)
    return text.encode("utf-8")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
    )


_PARSER_ADVICE = re.compile(r",?\s*use XML_PARSE_HUGE option")


def parse_xml(data: bytes, *, max_bytes: int | None = None) -> etree._Element:
    """Parse untrusted wire XML safely; raise WireParseError saying why it cannot be read."""
    check_size(data, max_bytes)
    return parse_xml_text(decode_xml(data))


def parse_xml_text(text: str) -> etree._Element:
    prepared = _prepare(text)
    try:
        root = etree.fromstring(prepared, _parser())
    except etree.XMLSyntaxError as exc:
        # libxml2 advises its own parser switch (`use XML_PARSE_HUGE option`): not for operators.
        message = _PARSER_ADVICE.sub("", exc.msg)
        raise WireParseError(f"not well-formed XML: {message}") from None
    except (ValueError, RecursionError, MemoryError) as exc:
        raise WireParseError(f"cannot parse the XML: {exc}") from None
    if root is None:
        raise WireParseError("the XML has no root element")
    if root.getroottree().docinfo.internalDTD is not None:
        raise WireParseError("the XML has a second DTD after its first; refused")
    return root


def parse_html_fragment(markup: str) -> etree._Element:
    """Body markup from JSON (ninjs): XHTML when it is well-formed, else forgiving HTML."""
    try:
        return parse_xml_text(f"<div>{markup}</div>")
    except WireParseError:
        pass
    try:
        return lxml_html.fragment_fromstring(
            _XML_ILLEGAL.sub("", markup), create_parent="div", parser=_html_parser()
        )
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise WireParseError(f"the body markup cannot be read: {exc}") from None


def _html_parser() -> lxml_html.HTMLParser:
    return lxml_html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)


# --- navigating namespaced trees by local name -------------------------------------------------


def local(el: etree._Element) -> str:
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def kids(el: etree._Element | None, *names: str) -> list[etree._Element]:
    if el is None:
        return []
    return [c for c in el if local(c) in names]


def kid(el: etree._Element | None, *names: str) -> etree._Element | None:
    found = kids(el, *names)
    return found[0] if found else None


def path(el: etree._Element | None, *steps: str) -> etree._Element | None:
    """Follow child steps by local name: `path(item, "itemMeta", "pubStatus")`."""
    for step in steps:
        el = kid(el, step)
    return el


def descendants(el: etree._Element | None, *names: str) -> list[etree._Element]:
    if el is None:
        return []
    return [d for d in el.iterdescendants() if local(d) in names]


def first_descendant(el: etree._Element | None, *names: str) -> etree._Element | None:
    if el is None:
        return None
    return next((d for d in el.iterdescendants() if local(d) in names), None)


def text(el: etree._Element | None) -> str | None:
    """All text inside an element, whitespace collapsed; None when there is none."""
    if el is None:
        return None
    joined = " ".join("".join(el.itertext()).split())
    return joined or None


def attr(el: etree._Element | None, name: str) -> str | None:
    if el is None:
        return None
    value = el.get(name)
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def lang_of(el: etree._Element | None) -> str | None:
    return attr(el, XML_LANG) if el is not None else None


def markup(el: etree._Element | None) -> str | None:
    if el is None:
        return None
    return etree.tostring(el, encoding="unicode", with_tail=False)


__all__ = ["paragraphs"]  # re-exported: readers call `xml.paragraphs`


def remove_keeping_tail(el: etree._Element) -> None:
    """Drop an element but keep the text that follows it (its tail) where it stood."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)
