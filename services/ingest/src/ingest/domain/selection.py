"""Page selections of split (ING-6), bulk split (ING-8) and merge (ING-7), checked against page counts."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from ingest.domain.errors import InvalidSelection

MAX_PARTS = 500


def split_parts(parts: Sequence[Sequence[int]], page_count: int) -> list[list[int]]:
    """ING-6: groups of 1-based pages, one per invoice; each page at most once, every group non-empty."""
    if not parts:
        raise InvalidSelection("choose the pages of at least one invoice")
    if len(parts) > MAX_PARTS:
        raise InvalidSelection(f"at most {MAX_PARTS} parts")
    seen: set[int] = set()
    for number, part in enumerate(parts, 1):
        if not part:
            raise InvalidSelection(f"part {number} has no pages")
        for page in part:
            if not 1 <= page <= page_count:
                raise InvalidSelection(f"page {page} does not exist (the document has {page_count} pages)")
            if page in seen:
                raise InvalidSelection(f"page {page} is in more than one part")
            seen.add(page)
    return [list(part) for part in parts]


def bulk_parts(first_pages: Sequence[int], page_count: int) -> list[list[int]]:
    """ING-8: the first page of each invoice; each part runs until the next first page."""
    starts = sorted(set(first_pages))
    if not starts:
        raise InvalidSelection("mark the first page of at least one invoice")
    if starts[0] != 1:
        raise InvalidSelection("page 1 must be the first page of an invoice")
    if starts[-1] > page_count or starts[0] < 1:
        raise InvalidSelection(f"page {starts[-1]} does not exist (the document has {page_count} pages)")
    bounds = [*starts, page_count + 1]
    return split_parts([list(range(a, b)) for a, b in zip(bounds, bounds[1:])], page_count)


def merge_pages(pages: Sequence[tuple[UUID, int]], page_counts: Mapping[UUID, int]) -> list[tuple[UUID, int]]:
    """ING-7: (document, page) in the order of the new document; every page exists, none twice."""
    if not pages:
        raise InvalidSelection("choose at least one page to keep")
    seen: set[tuple[UUID, int]] = set()
    for doc, page in pages:
        count = page_counts.get(doc)
        if count is None:
            raise InvalidSelection(f"document {doc} cannot be merged here")
        if not 1 <= page <= count:
            raise InvalidSelection(f"page {page} of document {doc} does not exist ({count} pages)")
        if (doc, page) in seen:
            raise InvalidSelection(f"page {page} of document {doc} is chosen twice")
        seen.add((doc, page))
    return list(pages)
