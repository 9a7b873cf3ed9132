"""Where the parties' blocks are: the rectangle under a party heading ('Verkäufer', 'Bill to', 'Client')."""
from __future__ import annotations

import re
from dataclasses import dataclass

from recognition.domain.labels import labels
from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.search import LabelHit, folded, label_hits

BLOCK_LINES = 10  # a party block is at most this many lines tall


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


_PARTY_LABEL = re.compile(r"^\s*(" + "|".join(re.escape(w) for party in ("seller", "buyer", "representative")
                                            for w in labels(party)) + r")\s*:$")


def _heading_start(doc: TextDocument, hit: LabelHit) -> int | None:
    """Where the heading a party label opens starts on its line ('Seller:  Buyer:' heads two columns, 'PRODUCT(S)
    PROVIDED BY:' one): the label is first in its column, or after at most two words, then nothing or a colon and
    the party's name; None when the label is not used as a heading."""
    text = folded(doc.lines[hit.line_index])
    start = text.rfind("  ", 0, hit.start) + 2 if "  " in text[:hit.start] else 0
    end = text.find("  ", hit.end) if "  " in text[hit.end:] else len(text)
    before = text[start:hit.start].strip(" :-/|").split()
    previous = text[:start].rstrip()
    if previous.endswith(":") and not _PARTY_LABEL.search(previous.rsplit("  ", 1)[-1]):
        return None  # the value of another label ('Adresszeile 1:  Straße Rechnungsempfänger 1')
    if start and ":" not in text[start:end]:
        end = len(text)  # a heading without a colon shares its line with what follows: the whole rest counts
    heading = len(before) <= 2 and ":" not in text[start:hit.start] and (
        len(text[start:end].split()) <= 6 or text[hit.end:].lstrip()[:1] == ":")
    return start + len(text[start:hit.start]) - len(text[start:hit.start].lstrip()) if heading else None


def party_regions(doc: TextDocument) -> dict[str, list[Region]]:
    """Per party ('seller', 'buyer', a tax 'representative'), the blocks under its headings; a block ends at the next heading below it in
    the same column, and at a heading beside it on the same row."""
    placed = []
    for hit in label_hits(doc, ["seller", "buyer", "representative"]):
        if (start := _heading_start(doc, hit)) is None:
            continue
        line = doc.lines[hit.line_index]
        words = line.words_between(start, hit.end)
        if words:
            placed.append((hit, line, words[0]))
    out: dict[str, list[Region]] = {"seller": [], "buyer": [], "representative": []}
    for hit, line, word in placed:
        height = word.y1 - word.y0
        x0, x1 = max(0.0, word.x0 - 0.05), 1.0
        for _, other_line, other in placed:
            if other_line.page == line.page and other is not word and abs(other.y0 - word.y0) < height \
                    and other.x0 > word.x0:
                x1 = min(x1, other.x0 - 0.01)
        y1 = _block_bottom(doc, hit.line_index, x0, x1, height) + height * 0.5
        for _, other_line, other in placed:
            if other_line.page == line.page and other.y0 > word.y1 and other.x0 < x1 and other.x0 + 0.2 > x0:
                y1 = min(y1, other.y0 - 0.001)
        out[hit.field].append(Region(line.page, x0, word.y0 - height, x1, y1))
    return out


def _block_bottom(doc: TextDocument, index: int, x0: float, x1: float, height: float) -> float:
    """The bottom of the run of lines under a heading, within its columns x0..x1: it ends at a gap wider than
    about a blank line, or after BLOCK_LINES lines (measured in lines, so small print does not cut it short)."""
    heading = doc.lines[index]
    bottom, count = heading.bbox[3], 0
    for other in doc.lines[index + 1:]:
        if other.page != heading.page:
            break
        words = [w for w in other.words if x0 <= (w.x0 + w.x1) / 2 <= x1]
        if not words:
            continue
        if min(w.y0 for w in words) - bottom > (6 if count == 0 else 2.5) * height:
            break  # the block's first line may stand lower: a heading over a gap, a logo between
        bottom, count = max(bottom, max(w.y1 for w in words)), count + 1
        if count >= BLOCK_LINES:
            break
    return bottom


_BUYER_WORDS = re.compile(r"(?<![a-z])(customer|client|kunde|kunden|your|ihre|votre|uw|buyer|acheteur|kaufer|"
                          r"afnemer|klant|empfanger|destinataire|bill to|billed to)(?![a-z])")


def says_buyer(text: str) -> bool:
    """Whether words just before a value say it is the customer's ('Ihre USt-IdNr.', 'Customer VAT')."""
    return bool(_BUYER_WORDS.search(folded_text(text)[-40:]))


def folded_text(text: str) -> str:
    from recognition.domain.parsing import fold
    return fold(text)
