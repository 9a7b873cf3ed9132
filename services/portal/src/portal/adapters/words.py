"""The recognised words of a document with their boxes (WL-5 overlay), as the worklist serves them
(``GET /dossiers/{d}/proposals/{p}/words``, recognition's format):
``{"pages":[{"page":1,"words":[{"text":"..","bbox":{"x0":..,"y0":..,"x1":..,"y1":..}}]}]}``,
bbox in fractions 0..1 of the page, origin top left. Anything malformed is skipped, never shown half.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_PAGES = 100
MAX_WORDS_PER_PAGE = 5000


@dataclass(frozen=True)
class Word:
    """One word and its box in fractions of the page (x0 < x1, y0 < y1)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def parse_words(payload: Any) -> dict[int, list[Word]]:
    """The valid words of each page of a recognition words document (nothing for anything else)."""
    pages: dict[int, list[Word]] = {}
    if not isinstance(payload, dict) or not isinstance(payload.get("pages") or [], list):
        return pages
    for page in (payload.get("pages") or [])[:MAX_PAGES]:
        if not isinstance(page, dict):
            continue
        number = page.get("page")
        if not isinstance(number, int) or number < 1:
            continue
        words = [w for w in (_word(item) for item in (page.get("words") or [])[:MAX_WORDS_PER_PAGE]) if w]
        pages[number] = words
    return pages


def _word(item: Any) -> Word | None:
    try:
        text = str(item["text"]).strip()
        box = item["bbox"]
        x0, y0, x1, y1 = (float(box[k]) for k in ("x0", "y0", "x1", "y1"))
    except (KeyError, TypeError, ValueError):
        return None
    if not text or not (0 <= x0 < x1 <= 1 and 0 <= y0 < y1 <= 1):
        return None
    return Word(text[:200], x0, y0, x1, y1)
