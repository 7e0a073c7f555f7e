"""The text of a message without what mail adds to a story: quoted replies, forwarding headers,
the signature and the footers and disclaimers mail systems append.

Only what is sure goes: a signature below the `-- ` delimiter (RFC 3676) when it is short,
`>` quoted lines, the quoted history below a reply's `-----Original Message-----`, and trailing
paragraphs that are a known kind of footer (sent-from-my-phone, confidentiality notices,
unsubscribe lines, a company's register imprint). A forwarded story keeps the forwarded text
and loses the forwarding note above it and the forwarded message's header lines.
"""

from __future__ import annotations

import re

from wirehouse.readers.text import split_paragraphs

_SIGNATURE = re.compile(r"^--[ \t]?$")
_MAX_SIGNATURE_LINES = 12
_MAX_FOOTER_CHARS = 600
_CLOSING = re.compile(
    r"^(?:(?:best|kind|warm|many)\s+(?:regards|wishes)|regards|cheers|sincerely|yours sincerely|"
    r"mit freundlichen grüßen|mit freundlichem gruß|freundliche grüße|viele grüße|beste grüße|"
    r"liebe grüße|herzliche grüße|cordialement|bien à vous|saludos(?: cordiales)?|"
    r"un saluto|cordiali saluti|met vriendelijke groet(?:en)?|med vänlig hälsning|"
    r"med venlig hilsen|vennlig hilsen)[ ,.!]*$",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"^[ \t]*>")
# `On Tue, 3 Dec 2026 at 10:00, Jane Doe <jane@…> wrote:`, `Am 03.12.2026 schrieb …:`
_ATTRIBUTION = re.compile(
    r"^(?:On\b.{5,200}\bwrote|Am\b.{5,200}\bschrieb|Le\b.{5,200}\ba écrit|El\b.{5,200}\bescribió)"
    r"\s*:?\s*$",
    re.IGNORECASE,
)
_FORWARD_MARKER = re.compile(
    r"^[ \t]*(?:-{2,}\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré|"
    r"Mensaje reenviado|Messaggio inoltrato|Doorgestuurd bericht|Videresendt melding|"
    r"Vidarebefordrat meddelande)\s*-{2,}|Begin forwarded message:|Anfang der weitergeleiteten "
    r"Nachricht:)[ \t]*$",
    re.IGNORECASE,
)
_HISTORY_MARKER = re.compile(
    r"^[ \t]*(?:-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|"
    r"Mensaje original|Messaggio originale|Oorspronkelijk bericht)\s*-{2,}|_{20,})[ \t]*$",
    re.IGNORECASE,
)
# The header lines of a forwarded or quoted message, in the languages mail clients write them.
_FORWARDED_FIELD = re.compile(
    r"^[ \t]*\*?(?:From|Sent|Date|To|Cc|Subject|Reply-To|Von|Gesendet|Datum|An|Betreff|De|"
    r"Envoyé|À|Objet|Enviado|Para|Asunto|Da|Inviato|A|Oggetto|Van|Verzonden|Aan|Onderwerp)"
    r"\*?[ \t]*:",
)
_FOOTER = re.compile(
    r"^(?:sent from my|von meinem .{1,30} gesendet|envoyé de mon|enviado desde mi|get outlook for)"
    r"|\b(?:this|the) (?:e-?mail|message|communication)\b.{0,80}\b(?:confidential|intended "
    r"(?:solely|only|exclusively) for|privileged)"
    r"|\bif you (?:have )?received this (?:e-?mail|message|communication) (?:in error|by mistake)"
    r"|\bdiese (?:e-?mail|nachricht)\b.{0,80}\b(?:vertraulich|irrtümlich|nicht der richtige "
    r"adressat)"
    r"|\b(?:please )?consider the environment before printing|\bdenken sie an die umwelt\b"
    r"|\bto unsubscribe\b|\bunsubscribe\b.{0,40}\b(?:click|here|link)"
    r"|\b(?:newsletter|e-?mails?|verteiler)\b.{0,60}\b(?:abmelden|abbestellen)\b"
    r"|\byou (?:are )?receiv(?:e|ed|ing) this (?:e-?mail|message|newsletter) because"
    r"|\bsie erhalten diese (?:e-?mail|nachricht)"
    r"|\b(?:scanned|checked) (?:for|by) (?:viruses|virus|anti-?virus)",
    re.IGNORECASE,
)
# A company's legal imprint under every mail (German law asks for it): register, court, CEO.
_IMPRINT_WORD = re.compile(
    r"\b(?:Sitz(?: der Gesellschaft)?|Registergericht|Amtsgericht|HRB \d+|Handelsregister|"
    r"Geschäftsführ(?:er|ung)|USt-?Id(?:Nr)?|Vorstand|Aufsichtsrat(?:svorsitz)|Registered "
    r"(?:office|in England)|Company (?:registration|number|No)|VAT (?:No|number|reg))",
    re.IGNORECASE,
)


def story_text(text: str, *, forwarded: bool) -> tuple[str, bool]:
    """(`text` without quoting, reply history, signature and footers, whether it is forwarded
    text). A forwarded message (`forwarded`: the subject says so, or a forwarding marker) gives
    the forwarded text without the note above it."""
    lines = text.split("\n")
    below = _forwarded_part(lines, forwarded)
    lines = _without_history(below if below is not None else lines)
    lines = _without_quotes(lines)
    lines = _without_signature(lines)
    lines = _without_attribution(lines)
    return _without_footers("\n".join(lines)), below is not None


def _forwarded_part(lines: list[str], forwarded: bool) -> list[str] | None:
    """Below a forwarding marker, without the forwarded header lines; the note above goes."""
    for at, line in enumerate(lines):
        if _FORWARD_MARKER.match(line) or (forwarded and _HISTORY_MARKER.match(line)):
            below = _skip_forwarded_fields(lines[at + 1 :])
            if below is not None and any(line.strip() for line in below):
                return below
    return None


def _skip_forwarded_fields(lines: list[str]) -> list[str] | None:
    """The lines after the header lines of a forwarded message; None if there are none.

    Blank lines may stand between the header lines (an HTML forward gives one per line)."""
    end = None
    for at, line in enumerate(lines):
        if not line.strip():
            continue
        if _FORWARDED_FIELD.match(line) or (end == at and line[:1] in " \t"):
            end = at + 1
            continue
        break
    return lines[end:] if end is not None else None


def _without_history(lines: list[str]) -> list[str]:
    """A reply's quoted history (`-----Original Message-----` and its header lines) goes."""
    for at, line in enumerate(lines):
        if _HISTORY_MARKER.match(line) and _skip_forwarded_fields(lines[at + 1 :]) is not None:
            return lines[:at]
    return lines


def _without_quotes(lines: list[str]) -> list[str]:
    kept: list[str] = []
    for line in lines:
        if _QUOTED.match(line):
            while kept and not kept[-1].strip():
                kept.pop()
            if kept and _ATTRIBUTION.match(kept[-1].strip()):
                kept.pop()  # `On … wrote:` belongs to the quote
            continue
        kept.append(line)
    return kept


def _without_attribution(lines: list[str]) -> list[str]:
    """A reply's `On … wrote:` left last once HTML quoting was dropped goes too."""
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    if lines and _ATTRIBUTION.match(lines[-1].strip()):
        return lines[:-1]
    return lines


def _without_signature(lines: list[str]) -> list[str]:
    """The `-- ` line opens the signature, a closing formula (`Best regards,`, `Mit
    freundlichen Grüßen`) on a line of its own the sign-off: from the first of them with only
    a few lines after it, the rest goes."""
    filled_after = 0
    cut = len(lines)
    for at in range(len(lines) - 1, -1, -1):
        if filled_after > _MAX_SIGNATURE_LINES:
            break
        if _SIGNATURE.match(lines[at]) or _CLOSING.match(lines[at].strip()):
            cut = at
        if lines[at].strip():
            filled_after += 1
    return lines[:cut]


def _without_footers(text: str) -> str:
    """Trailing paragraphs that are mail footers go, from the last up to the first that is not."""
    paragraphs = split_paragraphs(text, join_lines=False)
    while paragraphs and is_footer(paragraphs[-1]):
        paragraphs.pop()
    return "\n\n".join(paragraphs)


def is_footer(paragraph: str) -> bool:
    flat = " ".join(paragraph.split())
    if len(flat) <= 600 and _FOOTER.search(flat):
        return True
    return (
        len(flat) <= 600 and len(set(m.group(0).lower() for m in _IMPRINT_WORD.finditer(flat))) >= 2
    )
