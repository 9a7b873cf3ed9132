"""Finding labels on lines and the typed value that belongs to each: right of it, or just below it."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from recognition.domain.labels import labels
from recognition.domain.layout import TextDocument, TextLine
from recognition.domain.parsing import fold

# finds values of one kind in a text: [(value, start, end)]
ValueFinder = Callable[[str], list[tuple[object, int, int]]]


@dataclass(frozen=True)
class LabelHit:
    """A label of some field found on a line, at characters start..end of the line's text."""

    field: str
    label: str
    line_index: int
    start: int
    end: int


@dataclass(frozen=True)
class Candidate:
    """A value found for a label: where, and how far from the label (0 = same line)."""

    value: object
    line: TextLine
    start: int
    end: int
    distance: int
    label: str


def folded(line: TextLine) -> str:
    """The line's text folded character by character, so offsets stay aligned with the original."""
    return "".join((fold(c) or c)[:1] for c in line.text)


@lru_cache(maxsize=1024)
def _pattern(label: str, ocr: bool = False) -> re.Pattern[str]:
    """The label as a whole word; on OCR'd text a space may follow the first letter of a long word ('I nvoice'), and
    the ordinal sign of 'nº' may be read as a 2 before a space ('n2 2023-6013': the small raised o with its bar)."""
    end = r"(?![a-z])" if label[-1:].isalnum() else ""  # 'n°F-2024…': a label ending in a sign may touch its value
    if not ocr:
        return re.compile(r"(?<![a-z0-9])" + re.escape(label) + end)
    words = [re.escape(w[0]) + " ?" + re.escape(w[1:]) if len(w) >= 5 and w[:2].isalpha() else re.escape(w)
             for w in label.split(" ")]
    return re.compile((r"(?<![a-z0-9])" + r"\ ".join(words) + end).replace("°", r"(?:°|2(?=\s))"))


def label_hits(doc: TextDocument, fields: Iterable[str]) -> list[LabelHit]:
    """Each line's label hits among `fields`; where labels of several fields overlap, the longest wins."""
    fields = list(fields)
    ocr = doc.method == "ocr"
    hits: list[LabelHit] = []
    for index, line in enumerate(doc.lines):
        text = folded(line)
        found: list[LabelHit] = []
        for field in fields:
            for label in labels(field):
                if not ocr and label not in text:  # the text layer's pattern is the label itself: half the readers' time
                    continue
                for m in _pattern(label, ocr).finditer(text):
                    found.append(LabelHit(field, label, index, m.start(), m.end()))
        found.sort(key=lambda h: (-(h.end - h.start), h.start))
        taken: list[LabelHit] = []
        for hit in found:
            if all(hit.end <= t.start or hit.start >= t.end for t in taken):
                taken.append(hit)
        hits.extend(sorted(taken, key=lambda h: h.start))
    return hits


def value_for(doc: TextDocument, hit: LabelHit, finder: ValueFinder, *, below: int = 2,
              stop_at_label: Iterable[LabelHit] = ()) -> Candidate | None:
    """The first value right of the label on its line (before the next label), else just below it."""
    line = doc.lines[hit.line_index]
    limit = min((h.start for h in stop_at_label if h.line_index == hit.line_index and h.start > hit.start),
                default=len(line.text))
    for value, start, end in finder(line.text):
        if start >= hit.end and start < limit:
            return Candidate(value, line, start, end, 0, hit.label)
    label_box = line.words_between(hit.start, hit.end)
    if not label_box:
        return None
    lx0, lx1 = label_box[0].x0, label_box[-1].x1
    for step, other in enumerate(_lines_below(doc, hit.line_index, below), start=1):
        for value, start, end in finder(other.text):
            words = other.words_between(start, end)
            if words and words[0].x0 < lx1 + 0.15 and words[-1].x1 > lx0 - 0.05:
                return Candidate(value, other, start, end, step, hit.label)
    return None


def _lines_below(doc: TextDocument, index: int, count: int) -> list[TextLine]:
    line = doc.lines[index]
    height = max(w.y1 - w.y0 for w in line.words)
    out = []
    for other in doc.lines[index + 1:]:
        if other.page != line.page or other.y - line.y > height * 4 * count:
            break
        if other.y - line.y > height * 0.6:
            out.append(other)
        if len(out) >= count:
            break
    return out
