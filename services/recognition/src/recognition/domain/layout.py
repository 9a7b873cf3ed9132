"""Words with boxes, grouped into lines: what the PDF text layer and OCR both hand to the field finders."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from recognition.domain.model import BBox, Evidence


@dataclass(frozen=True)
class Word:
    """One word and its box in page fractions (origin top left); conf is the OCR confidence (0..1)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    conf: float = 1.0


COLUMN_GAP = 2.5  # character widths: wider than any space between the words of one phrase


def _column_gap(left: "Word", right: "Word") -> bool:
    """Whether two words on a row are further apart than words of one phrase (measured in their own char widths)."""
    char = min((left.x1 - left.x0) / max(len(left.text), 1), (right.x1 - right.x0) / max(len(right.text), 1))
    return right.x0 - left.x1 > COLUMN_GAP * char


@dataclass
class TextLine:
    """Words on one visual line, left to right, with the character offset of each word in `text`."""

    page: int
    words: list[Word]
    text: str = ""
    offsets: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # words far apart (another column) are joined by two spaces, so '12   355,30' never reads as 12355,30
        text, self.offsets = "", []
        for i, word in enumerate(self.words):
            if i:
                text += "  " if _column_gap(self.words[i - 1], word) else " "
            self.offsets.append(len(text))
            text += word.text
        self.text = text

    @property
    def bbox(self) -> BBox:
        return box_of(self.words)

    @property
    def y(self) -> float:
        return (self.words[0].y0 + self.words[0].y1) / 2

    def words_between(self, start: int, end: int) -> list[Word]:
        """The words covering the characters start..end of `text`."""
        return [w for w, off in zip(self.words, self.offsets) if off < end and off + len(w.text) > start]

    def evidence(self, method: str, start: int, end: int) -> Evidence:
        """Provenance of the characters start..end of this line."""
        return Evidence(method=method, page=self.page, bbox=box_of(self.words_between(start, end) or self.words))

    def conf(self, start: int, end: int) -> float:
        """The lowest OCR confidence of the words covering start..end."""
        words = self.words_between(start, end)
        return min((w.conf for w in words), default=1.0)


def box_of(words: list[Word]) -> BBox:
    """The rectangle around some words."""
    return (round(min(w.x0 for w in words), 4), round(min(w.y0 for w in words), 4),
            round(max(w.x1 for w in words), 4), round(max(w.y1 for w in words), 4))


@dataclass
class TextDocument:
    """A document read as words: the lines of every page, and how they were read."""

    method: str
    lines: list[TextLine]
    page_count: int

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def group_lines(page: int, words: list[Word], gap: float = 1.0) -> list[TextLine]:
    """Words grouped into lines by vertical overlap; a horizontal gap wider than `gap` starts a new line."""
    rows: list[list[Word]] = []
    reach: list[float] = []  # per row, the lowest middle a word may have to join it (no word of it is nearer)
    for word in sorted(words, key=lambda w: ((w.y0 + w.y1) / 2, w.x0)):
        mid = (word.y0 + word.y1) / 2
        below = mid + max(word.y1 - word.y0, 1e-4) * 0.5
        for i, row in enumerate(rows):
            if reach[i] <= mid:  # words come sorted by middle: this row is out of reach
                continue
            # compared with the row's word nearest across: on a photo a row's height drifts along the page; a
            # punctuation mark ('·' read as ':') is no measure of the row's height
            ref = min([w for w in row if any(c.isalnum() for c in w.text)] or row,
                      key=lambda w: abs(w.x0 + w.x1 - word.x0 - word.x1))
            height = max(ref.y1 - ref.y0, 1e-4)
            if abs(mid - (ref.y0 + ref.y1) / 2) < height * 0.5:
                row.append(word)
                reach[i] = max(reach[i], below)
                break
        else:
            rows.append([word])
            reach.append(below)
    lines = []
    for row in rows:
        row.sort(key=lambda w: w.x0)
        current = [row[0]]
        for word in row[1:]:
            if word.x0 - current[-1].x1 > gap:
                lines.append(TextLine(page, current))
                current = [word]
            else:
                current.append(word)
        lines.append(TextLine(page, current))
    lines.sort(key=lambda line: (line.y, line.words[0].x0))
    return lines


def words_json(doc: TextDocument) -> bytes:
    """The words of every page with their boxes (page fractions, origin top left), as the portal overlays them.

    `{"method": "ocr", "pages": [{"page": 1, "words": [{"text", "bbox": {"x0","y0","x1","y1"}, "conf"}]}]}`;
    pages without words are listed empty, so page numbers line up with the document.
    """
    pages: dict[int, list[dict]] = {n: [] for n in range(1, doc.page_count + 1)}
    for line in doc.lines:
        pages.setdefault(line.page, []).extend(
            {"text": w.text, "bbox": {"x0": round(w.x0, 5), "y0": round(w.y0, 5), "x1": round(w.x1, 5),
                                      "y1": round(w.y1, 5)}, "conf": round(w.conf, 3)}
            for w in line.words)
    body = {"method": doc.method, "pages": [{"page": n, "words": ws} for n, ws in sorted(pages.items())]}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
