"""Features of an invoice-number candidate (a code found after a number label) for the re-ranker: the label
(generic 'No.' or specific 'Rechnungsnummer', its length), where the code stands (same line or below, height
on the page, left edge, page), its shape (length, digits, letters, separators) and whether the line is the
title line or carries a date."""
from __future__ import annotations

import re

from recognition.domain.labels import DOCUMENT_TYPES
from recognition.domain.layout import TextDocument
from recognition.domain.parsing import dates_in
from recognition.domain.search import Candidate, LabelHit, folded

_TITLE = re.compile(r"(?<![a-z])(" + "|".join(re.escape(w) for w in DOCUMENT_TYPES["invoice"]
                                              + DOCUMENT_TYPES["credit_note"]) + r")")


def number_features(doc: TextDocument, hit: LabelHit, cand: Candidate, value: str, generic: bool) -> dict[str, float]:
    line = cand.line
    words = line.words_between(cand.start, cand.end) or line.words
    label_line = folded(doc.lines[hit.line_index])
    return {
        "generic_label": float(generic),
        "label_chars": float(len(hit.label)),
        "below_label": float(cand.distance),
        "page": float(line.page),
        "y": round(line.y, 4),
        "x": round(words[0].x0, 4),
        "line_position": round(hit.line_index / max(len(doc.lines), 1), 4),
        "chars": float(len(value)),
        "digits": float(sum(c.isdigit() for c in value)),
        "letters": float(sum(c.isalpha() for c in value)),
        "separators": float(sum(c in "-/._" for c in value)),
        "title_line": float(bool(_TITLE.search(label_line[:hit.start]))),
        "date_on_line": float(bool(dates_in(line.text))),
        "gap_chars": float(cand.start - hit.end if cand.distance == 0 else 0),
    }
