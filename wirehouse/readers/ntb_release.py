"""NTB's press-release feed (NTB Info, `ntbinfo.no`): one `<release>` document, one release.

Norwegian newsrooms receive these beside NTB's wire. The record is flat and commented:

```
<release id="17854111" lang="no">        the release's id and language
  <body>&lt;p&gt;&amp;ndash; Dette …      the text as HTML, escaped once more (`&amp;aring;`)
  <leadtext>Nye Veier har signert …      the lead, plain text
  <embargo>28.09.2018 11:15</embargo>    `dd.MM.yyyy HH:mm`, Oslo time, often empty
  <publicationDate>28.09.2018 11:15      the same pattern
  <title>Signerte veikontrakt …          the headline
  <type><label>Pressemelding</label>     the kind of release
  <publisher><name>Nye Veier</name>      who issued it (the source; NTB only passes it on)
```
Images, logos, contacts and the publisher's boilerplate are no text of the release.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from lxml import etree

from wirehouse.model import Article, SkippedItem, WireParseError
from wirehouse.readers import xml
from wirehouse.readers.fields import make_article

FORMAT = "ntb_release"
ROOT = "release"
_LOCAL_TIME = ZoneInfo("Europe/Oslo")


def read(data: bytes, *, max_bytes: int | None = None) -> list[Article | SkippedItem]:
    root = xml.parse_xml(data, max_bytes=max_bytes)
    if xml.local(root) != ROOT or xml.kid(root, "title") is None:
        raise WireParseError(
            f"not an NTB press release: the root element is <{xml.local(root)}> without <title>"
        )
    headline = xml.text(xml.kid(root, "title"))
    paragraphs, markup = _html(xml.kid(root, "body"))
    if not headline and not paragraphs:
        raise WireParseError("the NTB press release has neither a title nor body text")
    published = _local_time(xml.text(xml.kid(root, "publicationDate")))
    embargo = _local_time(xml.text(xml.kid(root, "embargo")))
    kind = xml.text(xml.path(root, "type", "label"))
    return [
        make_article(
            FORMAT,
            paragraphs,
            agency="NTB Info",
            guid=f"ntbinfo:{root.get('id')}" if root.get("id") else None,
            headline=headline,
            abstract=xml.text(xml.kid(root, "leadtext")),
            byline=xml.text(xml.path(root, "publisher", "name")),
            take_key=kind,
            first_created=published,
            version_created=published,
            embargo_until=embargo
            if embargo and (published is None or embargo > published)
            else None,
            pubstatus="usable",
            body_markup=markup,
            lang_declared=root.get("lang"),
        )
    ]


def _html(el: etree._Element | None) -> tuple[list[str], str | None]:
    """The body: HTML escaped into the element's text (its entities escaped once more)."""
    markup = (xml.text(el) or "").strip() if el is not None else ""
    if not markup:
        return [], None
    return xml.paragraphs(xml.parse_html_fragment(markup)), markup


def _local_time(value: str | None) -> datetime | None:
    """`28.09.2018 11:15` in Oslo time; None when empty or not in that pattern."""
    if not value:
        return None
    try:
        local = datetime.strptime(value.strip(), "%d.%m.%Y %H:%M").replace(tzinfo=_LOCAL_TIME)
        return local.astimezone(UTC)
    except ValueError:
        return None
