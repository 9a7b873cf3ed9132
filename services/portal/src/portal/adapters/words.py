"""The recognised words of a document with their boxes (WL-5 overlay), as the worklist serves them
(``GET /dossiers/{d}/proposals/{p}/words``), read with their contract (contracts.events.words.RecognizedWords).
A malformed object is a ContractError naming the problem (the page then goes without overlay); words too small to
draw are left out, and the overlay is bounded (pages, words per page)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from contracts.events.words import read_words

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
    """The drawable words of each page of a words object (JSON as decoded); ContractError when it is not one."""
    pages: dict[int, list[Word]] = {}
    for page in read_words(payload).pages[:MAX_PAGES]:
        boxes = ((w.text.strip(), w.bbox) for w in page.words[:MAX_WORDS_PER_PAGE])
        pages[page.page] = [Word(text, b.x0, b.y0, b.x1, b.y1) for text, b in boxes
                            if text and b.x0 < b.x1 and b.y0 < b.y1]
    return pages
