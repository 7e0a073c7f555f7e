"""Long texts through spaCy in pieces: split at paragraph boundaries, joined back into one Doc.

spaCy refuses a text longer than `nlp.max_length` (1,000,000 characters, error E088), and one
huge Doc holds all its memory at once. A part longer than PIECE_CHARS goes through `nlp.pipe`
as pieces cut after a paragraph break (else a line break, a sentence end, a space; a hard cut
only inside a 100,000-character word), and `Doc.from_docs` joins their Docs into one whose
text is exactly the original, so every offset the records take from it indexes the story.
"""

from __future__ import annotations

from spacy.tokens import Doc

PIECE_CHARS = 100_000
# Where a piece may end, best first: after the separator, so the next piece starts clean.
_SEPARATORS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def split_pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` cut into pieces of at most `size` characters; `"".join(pieces) == text`."""
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        cut = end
        for separator in _SEPARATORS:
            found = text.rfind(separator, start + 1, end - len(separator) + 1)
            # Not a tiny piece: a break in the first tenth is no better than a later one.
            if found > start + size // 10:
                cut = found + len(separator)
                break
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def join_docs(docs: list[Doc], text: str) -> Doc:
    """One Doc of the pieces' Docs, checked to read exactly `text`."""
    if len(docs) == 1:
        return docs[0]
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:  # pragma: no cover - from_docs keeps each token's whitespace
        raise ValueError("the pieces of a long text did not join back into the text")
    return joined
