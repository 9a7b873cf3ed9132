"""What a worklist shows (WL-1): filters, 3-state sorting and paging, read from query parameters."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from worklist.domain.errors import FieldProblem, Invalid
from worklist.domain.statuses import ALL

LISTS = ("purchases", "sales", "misc")
SORTABLE = ("origin", "journal", "invoice_date", "period", "invoice_number", "counterparty", "gross",
            "processed_at", "page_count", "status")
DEFAULT_STATUSES = tuple(s for s in ALL if s != "booked")
MAX_PER_PAGE = 200


@dataclass(frozen=True)
class ListQuery:
    """One list's filters, sort and page; `sort` None is the third state (default order, newest first)."""

    mailbox: str
    statuses: tuple[str, ...] = DEFAULT_STATUSES
    q: str | None = None
    journal: str | None = None
    period: str | None = None
    origin: str | None = None
    help: bool = False
    duplicate: bool = False
    counterparty_status: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    min_gross: Decimal | None = None
    max_gross: Decimal | None = None
    misc_type: str | None = None
    sort: str | None = None
    descending: bool = False
    page: int = 1
    per_page: int = 50


def _bool(value: str | None, name: str, problems: list[FieldProblem]) -> bool:
    if value in (None, "", "false", "0"):
        return False
    if value in ("true", "1"):
        return True
    problems.append(FieldProblem(name, "bad_value", "true or false"))
    return False


def _int(value: str | None, name: str, default: int, low: int, high: int, problems: list[FieldProblem]) -> int:
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        number = low - 1
    if not low <= number <= high:
        problems.append(FieldProblem(name, "bad_value", f"a whole number from {low} to {high}"))
        return default
    return number


def _date(value: str | None, name: str, problems: list[FieldProblem]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(FieldProblem(name, "bad_value", "not a date (YYYY-MM-DD)"))
        return None


def _decimal(value: str | None, name: str, problems: list[FieldProblem]) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value)
        if number.is_finite():
            return number
    except InvalidOperation:
        pass
    problems.append(FieldProblem(name, "bad_value", "not a number"))
    return None


def _choice(value: str | None, name: str, allowed: tuple[str, ...], problems: list[FieldProblem]) -> str | None:
    if not value:
        return None
    if value not in allowed:
        problems.append(FieldProblem(name, "bad_value", f"one of {', '.join(allowed)}"))
        return None
    return value


def _statuses(value: str | None, problems: list[FieldProblem]) -> tuple[str, ...]:
    if not value:
        return DEFAULT_STATUSES
    if value == "all":
        return ALL
    wanted = tuple(s.strip() for s in value.split(",") if s.strip())
    bad = [s for s in wanted if s not in ALL]
    if bad:
        # the refused values are not repeated: a message echoing the request is how markup got into pages (issue 13)
        problems.append(FieldProblem("status", "bad_value", f"unknown status; known: {', '.join(ALL)}"))
        return DEFAULT_STATUSES
    return wanted


def parse(mailbox: str, params: Mapping[str, str]) -> ListQuery:
    """The ListQuery of a list's query parameters; Invalid names every bad parameter."""
    problems: list[FieldProblem] = []
    if mailbox not in LISTS:
        problems.append(FieldProblem("list", "bad_value", f"one of {', '.join(LISTS)}"))
    order = params.get("order") or "asc"
    if order not in ("asc", "desc"):
        problems.append(FieldProblem("order", "bad_value", "asc or desc"))
    query = ListQuery(
        mailbox=mailbox, statuses=_statuses(params.get("status"), problems),
        q=(params.get("q") or "").strip().lower()[:100] or None,
        journal=params.get("journal") or None, period=params.get("period") or None,
        origin=_choice(params.get("origin"), "origin", ("air", "ubl", "manual"), problems),
        help=_bool(params.get("help"), "help", problems), duplicate=_bool(params.get("duplicate"), "duplicate", problems),
        counterparty_status=_choice(params.get("counterparty_status"), "counterparty_status",
                                    ("known", "new", "default"), problems),
        date_from=_date(params.get("date_from"), "date_from", problems),
        date_to=_date(params.get("date_to"), "date_to", problems),
        min_gross=_decimal(params.get("min_gross"), "min_gross", problems),
        max_gross=_decimal(params.get("max_gross"), "max_gross", problems),
        misc_type=params.get("type") or None,
        sort=_choice(params.get("sort"), "sort", SORTABLE, problems), descending=order == "desc",
        page=_int(params.get("page"), "page", 1, 1, 1_000_000, problems),
        per_page=_int(params.get("per_page"), "per_page", 50, 1, MAX_PER_PAGE, problems),
    )
    if problems:
        raise Invalid.of(problems)
    return query
