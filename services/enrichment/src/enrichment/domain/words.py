"""ENR-2 words: what a document is about, as the words of its line descriptions and counterparty name."""
from __future__ import annotations

from collections.abc import Iterable

from enrichment.domain.names import tokens

MIN_LETTERS = 4  # shorter words ('de', 'van', 'and', 'the') say nothing about an account
PER_DOCUMENT = 16  # words kept with a proposal and a final booking


def words_of(texts: Iterable[str | None], limit: int | None = PER_DOCUMENT) -> tuple[str, ...]:
    """The distinct lower-case words of 4+ characters (not numbers) of the texts, first seen first, at most `limit`."""
    found: dict[str, None] = {}
    for text in texts:
        for word in tokens(text) if text else ():
            if len(word) >= MIN_LETTERS and not word.isdigit():
                found.setdefault(word)
    return tuple(found)[:limit]
