"""One spelling per news agency, and the agency of a story that does not name it in its field.

Agencies write their own names many ways (`dpa`, `Deutsche Presse-Agentur GmbH`, `dpa.com`;
`REUTERS`, `Thomson Reuters`, `tag:reuters.com`; `أ ف ب` for AFP), and an analyst grouping
by `agency` must see one. The table below is the only place that knows them. A name that is not
in it stays as it was sent: an unknown agency is still better named than guessed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# canonical name -> (names and abbreviations as agencies write them, their web domains).
# Names match case-insensitively as a whole; domains match anywhere in an id, URL or line.
AGENCIES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "dpa": (
        ("dpa", "Deutsche Presse-Agentur", "dpa-infocom", "dpa international"),
        ("dpa.com", "dpa.de", "dpa-international.com"),
    ),
    "dpa-AFX": (
        ("dpa-AFX", "dpa AFX", "AFX", "dpa-AFX Wirtschaftsnachrichten"),
        ("dpa-afx.de", "dpa-afx.com"),
    ),
    "AP": (("AP", "Associated Press", "The Associated Press"), ("ap.org", "apnews.com")),
    "Reuters": (
        ("Reuters", "Reuter", "Thomson Reuters", "Reuters News"),
        ("reuters.com", "thomsonreuters.com"),
    ),
    "AFP": (
        ("AFP", "Agence France-Presse", "Agence France Presse", "أ ف ب", "Agencia France-Presse"),
        ("afp.com",),
    ),
    "ANSA": (("ANSA", "Agenzia Nazionale Stampa Associata"), ("ansa.it",)),
    "EFE": (("EFE", "Agencia EFE"), ("efe.com", "efeservicios.com", "agenciaefe.es")),
    "PA": (
        (
            "PA",
            "PA Media",
            "Press Association",
            "The Press Association",
            "PA Media Group",
            "PA_API",
        ),
        ("pa.media", "pressassociation.com"),
    ),
    "Ritzau": (("Ritzau", "Ritzaus Bureau"), ("ritzau.dk",)),
    "STT": (("STT", "Suomen Tietotoimisto", "STT-Lehtikuva"), ("stt.fi",)),
    "AAP": (("AAP", "Australian Associated Press"), ("aap.com.au",)),
    "APA": (
        (
            "APA",
            "Austria Presse Agentur",
            "APA - Austria Presse Agentur",
            "APA-Austria Presse Agentur",
        ),
        ("apa.at",),
    ),
    "APA-OTS": (("APA-OTS", "APA OTS"), ("ots.at",)),
    "Keystone-SDA": (
        (
            "Keystone-SDA",
            "SDA",
            "Keystone-ATS",
            "ATS",
            "Schweizerische Depeschenagentur",
            "Keystone-SDA-ATS",
        ),
        ("keystone-sda.ch", "sda.ch"),
    ),
    "TT": (("TT", "TT Nyhetsbyrån", "Tidningarnas Telegrambyrå"), ("tt.se",)),
    "NTB": (("NTB", "Norsk Telegrambyrå"), ("ntb.no",)),
    "Business Wire": (("Business Wire", "BusinessWire"), ("businesswire.com",)),
    "PR Newswire": (("PR Newswire", "PRNewswire"), ("prnewswire.com",)),
    "GlobeNewswire": (("GlobeNewswire", "Globe Newswire"), ("globenewswire.com",)),
    "news aktuell": (("news aktuell", "news aktuell ots"), ("presseportal.de", "newsaktuell.de")),
    "KNA": (("KNA", "Katholische Nachrichten-Agentur"), ("kna.de",)),
    "epd": (("epd", "Evangelischer Pressedienst"), ("epd.de",)),
    "SID": (("SID", "sid", "Sport-Informations-Dienst"), ("sid.de",)),
    "ANP": (("ANP", "Algemeen Nederlands Persbureau"), ("anp.nl",)),
    "Belga": (("Belga",), ("belga.be",)),
    "CTK": (("CTK", "ČTK", "Česká tisková kancelář"), ("ctk.cz",)),
    "PAP": (("PAP", "Polska Agencja Prasowa"), ("pap.pl",)),
    "Lusa": (("Lusa", "Agência Lusa"), ("lusa.pt",)),
    "Europa Press": (("Europa Press",), ("europapress.es",)),
    "Xinhua": (("Xinhua", "Xinhua News Agency"), ("xinhuanet.com", "news.cn")),
    "Kyodo": (("Kyodo", "Kyodo News", "KYODONEWS"), ("kyodonews.net", "kyodonews.jp")),
    "Yonhap": (("Yonhap",), ("yna.co.kr",)),
    "TASS": (("TASS", "ITAR-TASS"), ("tass.ru", "tass.com", "itar-tass.com")),
    "ANA-MPA": (
        ("ANA-MPA", "ΑΠΕ-ΜΠΕ", "ΑΠΕ", "Athens-Macedonian News Agency"),
        ("ana-mpe.gr", "amna.gr"),
    ),
    "Interfax": (("Interfax",), ("interfax.ru", "interfax.com")),
    "UPI": (("UPI", "United Press International"), ("upi.com",)),
    "Canadian Press": (("CP", "Canadian Press", "The Canadian Press"), ("thecanadianpress.com",)),
    "Bloomberg": (("Bloomberg", "Bloomberg News"), ("bloomberg.com",)),
    "Anadolu": (("Anadolu", "Anadolu Agency", "AA"), ("aa.com.tr",)),
    "PTI": (("PTI", "Press Trust of India"), ("ptinews.com",)),
}

# Words around a name that do not change the agency: `Deutsche Presse-Agentur GmbH`.
_LEGAL_SUFFIX = re.compile(
    r"[\s,]+(?:gmbh|ag|ltd\.?|limited|inc\.?|llc|llp|plc|s\.?a\.?|s\.?p\.?a\.?|oy|ab|as|a/s)$"
)
# dpa's closing line and regional datelines name a desk after the agency (`dpa-spe`,
# `dpa/lby`, `dpa/bb`): still dpa (`dpa-AFX` is matched by name before this).
_DPA_DESK = re.compile(r"^dpa ?[-/] ?[a-z]{2,4}$")
# `(dpa) -`, `(AP) _`, `(Reuters) -`: an agency in brackets followed by a dateline's dash, so
# that `Pennsylvania (PA)` or `(AA)` in a sentence is not taken for one.
_DATELINE_AGENCY = re.compile(r"\(([^()\n]{2,40})\)[ \t]*(?:\.?[-–—_]{1,2}|:)(?=\s)")
_COPYRIGHT_WORDS = re.compile(
    r"\b(?:copyright|all rights reserved|alle rechte vorbehalten)\b|\(c\)|©", re.I
)


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold().strip(" \t\r\n.,;:-–—_=<>/")
    text = " ".join(text.split())
    return _LEGAL_SUFFIX.sub("", text)


_BY_NAME: dict[str, str] = {
    _key(alias): canonical
    for canonical, (aliases, _domains) in AGENCIES.items()
    for alias in (canonical, *aliases)
}
_DOMAINS: list[tuple[str, str]] = sorted(
    ((domain, canonical) for canonical, (_a, domains) in AGENCIES.items() for domain in domains),
    key=lambda pair: -len(pair[0]),  # `dpa-afx.de` before `dpa.de`
)
_DOMAIN_PATTERN = re.compile(
    r"(?<![\w-])(?:www\.)?(" + "|".join(re.escape(d) for d, _c in _DOMAINS) + r")(?![\w-])",
    re.IGNORECASE,
)
_CANONICAL_OF_DOMAIN = dict(_DOMAINS)
# Names long or distinctive enough to be found inside a line of text (`Copyright Business Wire
# 2013`). One- and two-letter names (`AP`, `AA`, `CP`) and `ots`/`ATS` are too common as
# words to be found this way; they count only as a whole field or in a dateline's brackets.
_IN_TEXT = sorted(
    (alias for alias in _BY_NAME if len(alias) >= 3 and alias not in {"ats", "sid"}),
    key=len,
    reverse=True,
)
_NAME_PATTERN = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(a) for a in _IN_TEXT) + r")(?![\w-])", re.IGNORECASE
)
# In a copyright line even a short name is the holder (`Copyright 2015 AP`), written in capitals.
_SHORT_NAMES = sorted(
    {a for _c, (aliases, _d) in AGENCIES.items() for a in aliases if len(a) < 3 and a.isupper()}
)
_SHORT_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(_SHORT_NAMES) + r")(?![\w-])")


def canonical_agency(raw: str | None) -> str | None:
    """The one spelling of an agency's name (`REUTERS` → `Reuters`); unknown names unchanged.

    A field holding a domain or id (`afp.com`, `http://www.dpa.de`) names its agency too.
    """
    if raw is None or not raw.strip():
        return None
    key = _key(raw)
    if key in _BY_NAME:
        return _BY_NAME[key]
    if _DPA_DESK.match(key):
        return "dpa"
    domain = _DOMAIN_PATTERN.search(key)
    if domain:
        return _CANONICAL_OF_DOMAIN[domain.group(1).lower()]
    return " ".join(raw.split())


def known_agency(raw: str | None) -> str | None:
    """The canonical name if `raw` names an agency of the table, else None."""
    canonical = canonical_agency(raw)
    return canonical if canonical in AGENCIES else None


def agency_in_text(text: str | None, *, short_names: bool = False) -> str | None:
    """The first known agency a line of text names (`(c) dpa`, `Copyright Thomson Reuters`).

    `short_names` also finds two-letter names in capitals (`AP`, `PA`): only for lines that
    name a holder, such as a copyright line.
    """
    if not text:
        return None
    known = known_agency(text)
    if known:
        return known
    domain = _DOMAIN_PATTERN.search(text)
    patterns = (_NAME_PATTERN, _SHORT_PATTERN) if short_names else (_NAME_PATTERN,)
    names = [m for p in patterns if (m := p.search(text)) is not None]
    found = [m for m in (domain, *names) if m is not None]
    if not found:
        return None
    first = min(found, key=lambda m: (m.start(), -len(m.group(1))))
    if first is domain:
        return _CANONICAL_OF_DOMAIN[first.group(1).lower()]
    return _BY_NAME[_key(first.group(1))]


def agency_in_brackets(text: str | None) -> str | None:
    """A known agency in a dateline near the start of a text: `BERLIN (dpa) -`, `(AP) _`."""
    for match in _DATELINE_AGENCY.finditer((text or "")[:300]):
        found = known_agency(match.group(1))
        if found:
            return found
    return None


@dataclass(frozen=True, slots=True)
class AgencyEvidence:
    """What a story says about its agency, field by field, as the readers filled them."""

    agency: str | None
    copyright: str | None
    guid: str | None
    headline: str | None
    body: str
    byline: str | None = None


def infer_agency(evidence: AgencyEvidence) -> str | None:
    """The story's agency, canonical: the agency field when there is one, else where the file
    says it elsewhere — a dateline's `(dpa)`, the copyright line, the id's domain."""
    if evidence.agency and evidence.agency.strip():
        return canonical_agency(evidence.agency)
    byline = evidence.byline if _COPYRIGHT_WORDS.search(evidence.byline or "") else None
    return (
        agency_in_brackets(evidence.body)
        or agency_in_brackets(evidence.headline)
        or agency_in_text(evidence.copyright, short_names=True)
        or _agency_of_id(evidence.guid)
        or agency_in_text(byline, short_names=True)
    )


def _agency_of_id(guid: str | None) -> str | None:
    """`urn:newsml:dpa.com:…`, `tag:reuters.com,2016:…`, `http://www.businesswire.com/…`."""
    if not guid:
        return None
    domain = _DOMAIN_PATTERN.search(guid)
    if domain:
        return _CANONICAL_OF_DOMAIN[domain.group(1).lower()]
    prefix = re.match(r"^(?:https?://)?([A-Za-z][A-Za-z_]{1,15})(?=[-:/])", guid)
    if prefix and prefix.group(1).lower() not in {"urn", "tag", "http", "https", "www"}:
        return known_agency(prefix.group(1))
    return None
