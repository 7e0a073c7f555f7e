"""Which ContentItem of a NewsML 1.2 item is the story, and its paragraphs.

A NewsComponent tree holds text, pictures, captions, style sheets and logos side by side; the
story is a text ContentItem outside the furniture roles, read from NITF, XHTML, HTML in CDATA
(or escaped into the text) or plain text.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from wirehouse.readers import nitf, xml
from wirehouse.readers.text import split_paragraphs, strip_controls

# Components in these roles hold no story text: page furniture, media and their captions.
_NOT_BODY_ROLES = {
    "caption",
    "docudescription",
    "stylesheet",
    "subheadline",
    "headline",
    "logo",
    "contact",
    "thumbnail",
    "preview",
    "quicklook",
    "highdef",
    "picture",
    "photo",
}
_BODY_ROLES = ("main", "body", "text", "")
_TEXT_MEDIA = ("", "text", "html", "xhtml")
# HTML escaped into a text DataContent (Belga's `Steven &lt;b&gt;Van Geel&lt;/b&gt;`).
_ESCAPED_MARKUP = re.compile(r"</?(?:p|br|b|i|em|strong|u|a|span|div)\b[^<>]{0,200}>", re.I)
_PICTURE_MEDIA = {"photo", "image", "graphic", "video", "audio", "picture"}


def _role(content: etree._Element) -> str:
    """The Role of the nearest NewsComponent around a ContentItem (lower case, '' if none)."""
    for ancestor in content.iterancestors():
        if xml.local(ancestor) != "NewsComponent":
            continue
        role = xml.attr(xml.kid(ancestor, "Role"), "FormalName")
        if role:
            return role.lower()
    return ""


def _is_text(content: etree._Element) -> bool:
    media = (xml.attr(xml.kid(content, "MediaType"), "FormalName") or "").lower()
    mime = (xml.attr(xml.kid(content, "MimeType"), "FormalName") or "").lower()
    fmt = (xml.attr(xml.kid(content, "Format"), "FormalName") or "").lower()
    data = xml.kid(content, "DataContent")
    if data is None or fmt == "css" or mime == "text/css":
        return False
    if media == "complexdata" and _holds_nitf(data, mime):
        return True  # TASS labels its NITF stories ComplexData (MimeType text/vnd.IPTC.NITF)
    if media not in _TEXT_MEDIA:
        return False
    if mime and not mime.startswith("text/") and "xml" not in mime:
        return False
    return bool(len(data) or (data.text or "").strip())


def _holds_nitf(data: etree._Element, mime: str) -> bool:
    inner = next(iter(data), None)
    return "nitf" in mime or (inner is not None and xml.local(inner) == "nitf")


def text_content(component: etree._Element) -> etree._Element | None:
    """The ContentItem holding the story: a text one in a body role, else any text one.

    Captions, style sheets, logos, contacts and the headline-as-XHTML components of Business
    Wire releases are text too, but not the story.
    """
    texts = [c for c in xml.descendants(component, "ContentItem") if _is_text(c)]
    stories = [c for c in texts if _role(c) not in _NOT_BODY_ROLES]
    preferred = [c for c in stories if _role(c) in _BODY_ROLES]
    return next(iter(preferred or stories), None)


def role_text(component: etree._Element | None, role: str) -> str | None:
    """Text of the component in a given Role (Business Wire's HeadLine / SubHeadLine parts)."""
    for content in xml.descendants(component, "ContentItem"):
        if _role(content) == role and _is_text(content):
            return xml.text(xml.kid(content, "DataContent"))
    return None


def main_is_media(component: etree._Element | None) -> bool:
    """A picture (or video, audio) in the main role: the item is that media, text is caption."""
    for content in xml.descendants(component, "ContentItem"):
        media = (xml.attr(xml.kid(content, "MediaType"), "FormalName") or "").lower()
        if media in _PICTURE_MEDIA and _role(content) == "main":
            return True
    return False


def skip_reason(component: etree._Element | None) -> tuple[str, str]:
    contents = xml.descendants(component, "ContentItem")
    media = sorted(
        {m for el in xml.descendants(component, "MediaType") if (m := xml.attr(el, "FormalName"))}
    )
    what = "/".join(media) if media else "no content"
    kinds = {m.lower() for m in media}
    by_reference = bool(contents) and all(xml.kid(c, "DataContent") is None for c in contents)
    if main_is_media(component) or (
        kinds & _PICTURE_MEDIA and not (by_reference and "text" in kinds)
    ):
        return f"NewsML item is media ({what}) with at most a caption, not a story", what.lower()
    if by_reference:
        return (
            f"NewsML item whose content ({what}) is only referenced by Href, not included",
            what.lower(),
        )
    if xml.descendants(component, "NewsItemRef"):
        return "NewsML package: it refers to other items and carries no text of its own", "package"
    return f"NewsML item without text content ({what})", what.lower()


def body(content: etree._Element) -> dict[str, Any]:
    """Paragraphs (and markup) of a text ContentItem: NITF, XHTML, HTML in CDATA, or plain."""
    values: dict[str, Any] = {}
    data = xml.kid(content, "DataContent")
    assert data is not None
    inner = next(iter(data), None)
    media = (xml.attr(xml.kid(content, "MediaType"), "FormalName") or "").lower()
    if inner is not None and xml.local(inner) == "nitf":
        values = {k: v for k, v in nitf.extract(inner).items() if v not in (None, [], "")}
    elif inner is not None:
        # XHTML, or loose paragraphs and media straight inside DataContent (AFP's journal).
        values["paragraphs"] = xml.paragraphs(inner if len(data) == 1 else data)
        values["body_markup"] = xml.markup(inner if len(data) == 1 else data)
    elif media == "html" or _ESCAPED_MARKUP.search(data.text or ""):
        values["paragraphs"] = xml.paragraphs(xml.parse_html_fragment(data.text or ""))
        values["body_markup"] = data.text
    else:
        values["paragraphs"] = split_paragraphs(strip_controls(data.text or ""))
    values.setdefault("paragraphs", [])
    return values


def language_versions(component: etree._Element | None) -> list[etree._Element]:
    """The language versions of one story side by side in a NewsItem (Belga sends the Dutch
    and the French story as sibling NewsComponents, each with its own xml:lang and text).

    Empty unless there are two or more, in different languages, each holding story text.
    """
    kids = [
        kid
        for kid in xml.kids(component, "NewsComponent")
        if xml.lang_of(kid) and text_content(kid) is not None
    ]
    languages = {(xml.lang_of(kid) or "").lower() for kid in kids}
    return kids if len(kids) >= 2 and len(languages) == len(kids) else []
