"""Where the parties' blocks are: the rectangle under a party heading ('Verkäufer', 'Bill to', 'Client')."""
from __future__ import annotations

import re
from dataclasses import dataclass

from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.search import LabelHit, folded, label_hits

BLOCK_LINES = 12  # a party block is at most this many line heights tall


@dataclass(frozen=True)
class Region:
    """A rectangle of one page where a party's block is (below and around its heading)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float

    def holds(self, line: TextLine, start: int, end: int) -> bool:
        words = line.words_between(start, end) or line.words
        x = (words[0].x0 + words[-1].x1) / 2
        return line.page == self.page and self.y0 <= line.y <= self.y1 and self.x0 <= x <= self.x1


def _is_heading(doc: TextDocument, hit: LabelHit) -> bool:
    """A party label used as a heading: first on its line, then nothing or a colon and the party's name."""
    text = folded(doc.lines[hit.line_index])
    before = text[:hit.start].strip(" :-/").split()
    return len(before) <= 2 and ":" not in text[:hit.start] and (
        len(text.split()) <= 6 or text[hit.end:].lstrip()[:1] == ":")


def party_regions(doc: TextDocument) -> dict[str, list[Region]]:
    """Per party ('seller', 'buyer'), the blocks under its headings; a block ends at the next heading below it in
    the same column, and at a heading beside it on the same row."""
    hits = [h for h in label_hits(doc, ["seller", "buyer"]) if _is_heading(doc, h)]
    placed = []
    for hit in hits:
        line = doc.lines[hit.line_index]
        words = line.words_between(hit.start, hit.end)
        if words:
            placed.append((hit, line, words[0]))
    out: dict[str, list[Region]] = {"seller": [], "buyer": []}
    for hit, line, word in placed:
        height = word.y1 - word.y0
        x0, x1, y1 = max(0.0, word.x0 - 0.05), 1.0, word.y1 + height * BLOCK_LINES
        for _, other_line, other in placed:
            if other_line.page != line.page or other is word:
                continue
            if abs(other.y0 - word.y0) < height and other.x0 > word.x0:
                x1 = min(x1, other.x0 - 0.01)
            elif other.y0 > word.y1 and other.x0 < x1 and other.x0 + 0.2 > x0:
                y1 = min(y1, other.y0 - 0.001)
        out[hit.field].append(Region(line.page, x0, word.y0 - height, x1, y1))
    return out


_BUYER_WORDS = re.compile(r"(?<![a-z])(customer|client|kunde|kunden|your|ihre|votre|uw|buyer|acheteur|kaufer|"
                          r"afnemer|klant|empfanger|destinataire|bill to|billed to)(?![a-z])")


def says_buyer(text: str) -> bool:
    """Whether words just before a value say it is the customer's ('Ihre USt-IdNr.', 'Customer VAT')."""
    return bool(_BUYER_WORDS.search(folded_text(text)[-40:]))


def folded_text(text: str) -> str:
    from recognition.domain.parsing import fold
    return fold(text)
