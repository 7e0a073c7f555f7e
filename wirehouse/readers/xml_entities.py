"""The DOCTYPE of untrusted wire XML, handled before libxml2 sees the document.

Real agencies send internal DTD subsets: Keystone-SDA's NewsML 1.2 declares
`<!ENTITY % nitf SYSTEM "nitf-3-0.dtd"> %nitf;` to pull in the NITF DTD, and some feeds
declare a few text entities of their own. What an attacker sends looks the same on the surface
(billion laughs, external entities pointing at files or the network). The rules:

* The DOCTYPE never reaches libxml2: no DTD is loaded, fetched or validated against.
* Parameter entities (`%name;`) only build DTDs, which we never read: they are dropped unread.
* Internal general entities (`<!ENTITY name "text">`) are expanded here, by plain text
  substitution, under a bound on the size of every expansion and of all of them together:
  an expansion bomb is refused before anything grows.
* A reference to an external general entity (`SYSTEM`/`PUBLIC`) is refused; a declared but
  unused one is harmless and ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from wirehouse.model import WireParseError

# One expanded entity, and everything the document gains from expansion, stay this small.
MAX_ENTITY_CHARS = 64 * 1024
MAX_EXPANSION_CHARS = 1024 * 1024
_MAX_DEPTH = 8

_PROLOG_END = re.compile(r"<[A-Za-z_]")
_DOCTYPE = re.compile(r"<!DOCTYPE\s[^\[>]*(?:\[(?P<subset>.*?)\]\s*)?>", re.IGNORECASE | re.DOTALL)
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_ENTITY_START = re.compile(r"<!ENTITY\b", re.IGNORECASE)
_ENTITY = re.compile(
    r"""<!ENTITY\s+(?P<pe>%\s+)?(?P<name>[A-Za-z_:][\w.:-]*)\s+"""
    r"""(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<ext>(?:SYSTEM|PUBLIC)\s[^>]*))\s*>""",
    re.IGNORECASE,
)
_REF = re.compile(r"&(?P<name>[A-Za-z_:][\w.:-]*);")
_PREDEFINED = {"amp", "lt", "gt", "quot", "apos"}


@dataclass(frozen=True, slots=True)
class Declared:
    """The general entities of one internal subset: their text, and the external ones."""

    internal: dict[str, str]
    external: frozenset[str]


def declared_entities(subset: str) -> Declared:
    """The general entities an internal subset declares; refuse declarations we cannot read."""
    subset = _COMMENT.sub("", subset)
    found = list(_ENTITY.finditer(subset))
    if len(found) != len(_ENTITY_START.findall(subset)):
        raise WireParseError(
            "the XML declares entities in its DTD in a form we cannot read safely; refused"
        )
    internal: dict[str, str] = {}
    external: set[str] = set()
    for match in found:
        name = match.group("name")
        if match.group("pe") or name in internal or name in external:
            continue  # parameter entities build DTDs we never read; the first declaration wins
        if match.group("ext") is not None:
            external.add(name)
        else:
            internal[name] = match.group("dq") if match.group("dq") is not None else match["sq"]
    return Declared(internal, frozenset(external))


def _expander(declared: Declared) -> dict[str, str]:
    """Every internal entity fully expanded, each bounded in size, cycles and depth refused."""
    done: dict[str, str] = {}

    def expand(name: str, depth: int, seen: tuple[str, ...]) -> str:
        if name in done:
            return done[name]
        if name in seen or depth > _MAX_DEPTH:
            raise WireParseError(
                f"the XML declares entities in its DTD that nest too deep (at &{name};); refused"
            )
        parts: list[str] = []
        size = 0
        value = declared.internal[name]
        at = 0
        for ref in _REF.finditer(value):
            parts.append(value[at : ref.start()])
            size += ref.start() - at
            inner = ref.group("name")
            if inner in declared.internal:
                piece = expand(inner, depth + 1, (*seen, name))
            else:
                _check_reference(inner, declared)
                piece = ref.group(0)
            parts.append(piece)
            size += len(piece)
            at = ref.end()
            if size > MAX_ENTITY_CHARS:
                _refuse_growth(name)
        parts.append(value[at:])
        done[name] = "".join(parts)
        if len(done[name]) > MAX_ENTITY_CHARS:
            _refuse_growth(name)
        return done[name]

    for entity in declared.internal:
        expand(entity, 0, ())
    return done


def _check_reference(name: str, declared: Declared) -> None:
    if name in declared.external:
        raise WireParseError(
            f"the XML uses an external entity (&{name};) declared in its DTD; refused "
            "(external entities are never resolved from wire files)"
        )


def _refuse_growth(name: str) -> None:
    raise WireParseError(
        f"the XML declares entities in its DTD that expand beyond the bound (&{name};); "
        "refused as an entity expansion bomb"
    )


def resolve_doctype(text: str) -> str:
    """The document without its DOCTYPE, internal entities expanded; refuse what is unsafe."""
    end = _PROLOG_END.search(text)
    prolog = text[: end.start()] if end else text
    doctype = _DOCTYPE.search(prolog)
    if doctype is None:
        if _ENTITY_START.search(_COMMENT.sub("", prolog)):
            raise WireParseError("the XML declares entities outside a DOCTYPE; refused")
        return text
    declared = declared_entities(doctype.group("subset") or "")
    text = text[: doctype.start()] + text[doctype.end() :]
    if not declared.internal and not declared.external:
        return text
    expanded = _expander(declared)
    grown = 0

    def substitute(ref: re.Match[str]) -> str:
        nonlocal grown
        name = ref.group("name")
        if name in _PREDEFINED or name not in expanded:
            _check_reference(name, declared)
            return ref.group(0)
        grown += len(expanded[name])
        if grown > MAX_EXPANSION_CHARS:
            _refuse_growth(name)
        return expanded[name]

    return _REF.sub(substitute, text)
