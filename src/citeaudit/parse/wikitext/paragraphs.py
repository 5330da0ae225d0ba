"""Cut the stream of one section's running text into paragraphs and sentences.

The wikitext walk leaves, per section, a stream of pieces: text (with its newlines), the
citations and maintenance tags standing in it (`UsePiece`, `TagPiece`), and block boundaries
(`Block`: a list item, a quote, a block-level element). `paragraphs` cuts the stream where
MediaWiki would (blank lines, list items, quotes, blocks); `build_paragraph` splits a paragraph
into sentences with `citeaudit.parse.sentences` and tells each use and tag its sentence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from citeaudit.model import MaintenanceTag, Paragraph, Reference, Sentence, Use
from citeaudit.parse.sentences import Marker, split_sentences


@dataclass(frozen=True)
class UsePiece:
    """A citation standing in the text: the entry and the use it is."""

    reference: Reference
    use: Use


@dataclass(frozen=True)
class TagPiece:
    """A maintenance tag standing in the text."""

    tag: MaintenanceTag


@dataclass(frozen=True)
class Block:
    """A block boundary: `start` of a list item or quote, or the `end` of a quote."""

    kind: str
    start: bool = True


BREAK = Block("text", start=False)
"""The end of a block-level element: closes the paragraph."""
Piece = str | UsePiece | TagPiece | Block
Part = str | UsePiece | TagPiece


def paragraphs(pieces: list[Piece]) -> list[tuple[str, list[Part]]]:
    """Cut a section's stream into paragraphs: blank lines, list items, quotes, blocks."""
    found: list[tuple[str, list[Part]]] = []
    blocks: list[str] = []
    kind = "text"
    parts: list[Part] = []
    line_has_content = False
    after_quote = False
    """A quotation just ended: a citation right after it (`</blockquote><ref>`) cites it."""

    def close() -> None:
        nonlocal parts, line_has_content
        if any(not isinstance(p, str) or p.strip() for p in parts):
            found.append((kind, parts))
        parts = []
        line_has_content = False

    for piece in pieces:
        if after_quote and isinstance(piece, UsePiece) and not parts and found:
            found[-1][1].append(piece)
            continue
        if after_quote and isinstance(piece, str) and not piece.strip() and "\n" not in piece:
            continue  # `{{quote|...}} <ref>`: the space does not part the citation from it
        after_quote = False
        if isinstance(piece, str):
            lines = piece.split("\n")
            for index, line in enumerate(lines):
                if index:
                    if kind == "list" or not line_has_content:
                        close()
                        kind = blocks[-1] if blocks else "text"
                    else:
                        parts.append(" ")
                    line_has_content = False
                if line:
                    parts.append(line)
                    line_has_content = line_has_content or bool(line.strip())
        elif isinstance(piece, Block):
            close()
            if piece.kind == "list":
                kind = "list"
                line_has_content = True
            elif piece.start:
                blocks.append(piece.kind)
                kind = piece.kind
            else:
                if blocks and piece is not BREAK:
                    after_quote = blocks.pop() == "quote"
                kind = blocks[-1] if blocks else "text"
        else:
            parts.append(piece)
            line_has_content = True
    close()
    return found


_MARKER_CHUNK = 4000
"""At most this many markers go to the sentence splitter at once (it has room for 6400)."""


def build_paragraph(kind: str, parts: list[Part], sentence_ids: Iterator[int]) -> Paragraph:
    """Split one paragraph into sentences and tell each use and tag its sentence."""
    paragraph = Paragraph(kind=kind)
    owners: dict[int, UsePiece | TagPiece] = {}  # by id(): equal markers are distinct uses
    pieces: list[str | Marker] = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(part)
            continue
        if isinstance(part, UsePiece):
            marker = Marker("ref", part.reference.id, part.use.page)
        else:
            marker = Marker("tag", part.tag.kind)
        owners[id(marker)] = part
        pieces.append(marker)
    for chunk in _chunks(pieces):
        for draft in split_sentences(chunk):
            sentence = Sentence(id=next(sentence_ids), text=draft.text)
            for marker in draft.markers:
                owner = owners[id(marker)]
                if isinstance(owner, UsePiece):
                    owner.use.sentence_id = sentence.id
                    if marker.value not in sentence.reference_ids:
                        sentence.reference_ids.append(marker.value)
                else:
                    owner.tag.sentence_id = sentence.id
            paragraph.sentences.append(sentence)
    return paragraph


def _chunks(pieces: list[str | Marker]) -> Iterable[list[str | Marker]]:
    start, markers = 0, 0
    for index, piece in enumerate(pieces):
        if isinstance(piece, Marker):
            markers += 1
            if markers >= _MARKER_CHUNK:
                yield pieces[start : index + 1]
                start, markers = index + 1, 0
    yield pieces[start:]
