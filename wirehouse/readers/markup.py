"""Markup (NITF body.content, XHTML, HTML) to plain-text paragraphs, in reading order."""

from __future__ import annotations

import re

from lxml import etree

from wirehouse.model import count_words

_SKIP = frozenset(
    {
        "head",
        "header",
        "footer",
        "nav",
        "aside",
        "script",
        "style",
        "media",
        "figure",
        "img",
        "iframe",
        "object",
        "body.head",
        "body.end",
        "note",
        "nitf-table-metadata",
        "title",
        "meta",
        "link",
    }
)
_LEAF = {
    "p",
    "hl1",
    "hl2",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "pre",
    "address",
    "caption",
    "tagline",
}


# Blocks that make a heading or paragraph around them a container (TT's `<h4><p>…</p></h4>`).
_BLOCKS = frozenset({"p", "div", "blockquote", "ul", "ol", "li", "table", "section", "h4"})
# Elements inside a line of text: their text runs on with what stands around them.
_INLINE = frozenset(
    {"b", "i", "em", "strong", "u", "a", "span", "q", "abbr", "small", "sub", "sup", "font"}
    | {"person", "org", "location", "chron", "money", "num", "event", "classifier"}
)


def local(el: etree._Element) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def paragraphs(el: etree._Element | None) -> list[str]:
    """Plain-text paragraphs of a body in NITF or XHTML markup, in reading order.

    Block elements become paragraphs; media, notes and page furniture are not body text;
    table rows keep their cells apart with ` | `; `pre` keeps its line breaks.
    """
    out: list[str] = []
    if el is not None:
        _walk(el, out, _SKIP)
        # Page furniture is skipped only while the rest holds the text: when the skipped parts
        # hold a good share of it, they are how this agency wraps its story (Reuters' XHTML).
        whole = count_words(" ".join(_text_outside(el, _NEVER_TEXT)))
        if count_words(" ".join(out)) < 0.9 * whole:
            out = []
            _walk(el, out, _NEVER_TEXT)
    return [p for p in out if p]


# What is never story text, whatever wraps it.
_NEVER_TEXT = frozenset(
    {
        "head",
        "script",
        "style",
        "title",
        "meta",
        "link",
        "media",
        "img",
        "figure",
        "iframe",
        "object",
    }
)


def _text_outside(el: etree._Element, skip: frozenset[str]) -> list[str]:
    if local(el).lower() in skip:
        return []
    parts = [el.text or ""]
    for child in el:
        parts.extend(_text_outside(child, skip))
        parts.append(child.tail or "")
    return parts


def _collapse(value: str | None) -> str:
    return " ".join((value or "").split())


def _walk(el: etree._Element, out: list[str], skip: frozenset[str]) -> None:
    name = local(el).lower()
    if not name or name in skip:
        return
    if name == "pre":
        lines = [line.rstrip() for line in "".join(el.itertext()).strip("\n").split("\n")]
        out.append("\n".join(line for line in lines if line.strip()))
        return
    if name in _LEAF and not any(local(child).lower() in _BLOCKS for child in el):
        laid_out = _wire_layout(el) if name == "p" else None
        out.extend(laid_out or [_inline_text(el)])
        return
    if name == "table":
        # A table stays one paragraph: one line per row, cells apart with ` | `.
        rows = [r for r in el.iter() if local(r).lower() == "tr"]
        lines = [
            " | ".join(_inline_text(c) for c in r if local(c).lower() in ("td", "th")) for r in rows
        ]
        out.append("\n".join(line for line in lines if line.strip(" |")))
        return
    # Text and inline elements between blocks are one paragraph (`Steven <b>Van Geel</b> gaf`).
    run: list[str] = [el.text or ""]
    for child in el:
        if local(child).lower() in _INLINE:
            run.append(_inline_text(child))
        elif local(child).lower() == "br":
            _flush(run, out)  # a line break between blocks of loose text ends a paragraph
        else:
            _flush(run, out)
            _walk(child, out, skip)
        run.append(_tail(child))
    _flush(run, out)


def _flush(run: list[str], out: list[str]) -> None:
    if _collapse("".join(run)):
        out.append(_collapse("".join(run)))
    run.clear()


# A line that opens a paragraph in wire copy: indented (`    Traders were …`) or after a blank line.
_INDENT = ("  ", "\t")


def _wire_layout(el: etree._Element) -> list[str] | None:
    """Paragraphs of wire copy pasted whole into one `<p>` (Reuters' XHTML, ANSA's text).

    The text keeps the teleprinter layout: hard-wrapped lines, each paragraph opening with an
    indent or after a blank line. Only a `<p>` holding bare text whose lines mix indented and
    flush ones (or hold a blank line) is split; pretty-printed markup indents every line alike.
    """
    if len(el) or not el.text or "\n" not in el.text.strip():
        return None
    lines = el.text.strip("\n").split("\n")
    later = [line for line in lines[1:] if line.strip()]
    flush = [line for line in later if not line.startswith(_INDENT)]
    indented = len(later) - len(flush)
    blank_inside = any(not line.strip() for line in lines[1:-1])
    if not ((flush and indented) or blank_inside):
        return None
    paragraphs: list[list[str]] = []
    opens = True
    for line in lines:
        if not line.strip():
            opens = True
            continue
        if opens or line.startswith(_INDENT) or not paragraphs:
            paragraphs.append([])
        paragraphs[-1].append(line.strip())
        opens = False
    return [" ".join(" ".join(p).split()) for p in paragraphs]


def _inline_text(el: etree._Element) -> str:
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if local(node).lower() in ("media", "note", "script", "style"):
            return
        if local(node).lower() == "br":
            parts.append(" ")
        elif node.text:
            parts.append(node.text)
        for child in node:
            visit(child)
            if child.tail:
                parts.append(_tail(child))

    visit(el)
    return _collapse("".join(parts))


# PA breaks the line after an inline element, before the punctuation that follows it
# (`<person>Tony Lankester</person>\n, chief executive`): the comma belongs to the name.
_LINE_BEFORE_PUNCTUATION = re.compile(r"^[ \t]*\n\s*(?=[,.;:)])")


def _tail(el: etree._Element) -> str:
    return _LINE_BEFORE_PUNCTUATION.sub("", el.tail or "")
