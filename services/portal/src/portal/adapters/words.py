"""The recognised words of a document with their boxes (WL-5 overlay), read from object storage by ``words_key``.

The worklist answers a proposal (only to a user who may see it) with the ``words_key`` recognition
wrote; its API has no route serving the words, so the portal reads that one object itself, read-only,
after the worklist's answer authorised the request. Format (recognition):
``{"pages":[{"page":1,"width":..,"height":..,"words":[{"text":"..","bbox":{"x0":..,"y0":..,"x1":..,"y1":..}}]}]}``,
bbox in fractions 0..1 of the page, origin top left. Anything malformed is skipped, never shown half.
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from runtime.storage import ObjectStore, StorageError

log = logging.getLogger(__name__)
MAX_BYTES = 8 * 1024 * 1024
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


def words_store(request: Request) -> Any:
    """The object store the words are in, built on first use and kept on the app (tests put a fake there)."""
    store = getattr(request.app.state, "words_store", None)
    if store is None:
        from portal.entrypoints.web import portal_of

        store = request.app.state.words_store = ObjectStore.from_settings(portal_of(request).settings)
    return store


async def read_words(store: Any, key: str | None) -> dict[int, list[Word]]:
    """Words by page number; empty when there is no key, the object is missing or it cannot be read."""
    if not key:
        return {}
    try:
        data = await store.get_bytes(key)
    except (StorageError, ValueError) as exc:
        log.info("words %s not readable: %s", key, exc)
        return {}
    if len(data) > MAX_BYTES:
        return {}
    try:
        return parse_words(json.loads(data))
    except (ValueError, TypeError, AttributeError):
        return {}


def parse_words(payload: Any) -> dict[int, list[Word]]:
    """The valid words of each page of a recognition words document."""
    pages: dict[int, list[Word]] = {}
    for page in (payload.get("pages") or [])[:MAX_PAGES]:
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
