"""Filters of the reporting API that FastAPI's types alone cannot check: ranges and pages."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from reporting.domain.errors import InvalidFilter

MAX_PAGE_SIZE = 200
MAX_EXPORT_ROWS = 5000
YEARS = (1990, 2100)


@dataclass(frozen=True)
class DateRange:
    """An inclusive date range; either end may be open."""

    start: date | None = None
    end: date | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.start > self.end:
            raise InvalidFilter("from", f"{self.start} is after 'to' ({self.end})")


@dataclass(frozen=True)
class Page:
    """A page of a list: 1-based number and size (at most MAX_PAGE_SIZE rows)."""

    number: int = 1
    size: int = 50

    def __post_init__(self) -> None:
        if self.number < 1:
            raise InvalidFilter("page", "must be 1 or more")
        if not 1 <= self.size <= MAX_PAGE_SIZE:
            raise InvalidFilter("page_size", f"must be between 1 and {MAX_PAGE_SIZE}")

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size


def check_year(year: int) -> int:
    if not YEARS[0] <= year <= YEARS[1]:
        raise InvalidFilter("year", f"must be between {YEARS[0]} and {YEARS[1]}")
    return year
