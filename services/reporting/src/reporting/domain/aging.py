"""Aged receivables and payables (REP-2, REP-4): open amounts by how long they are overdue."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from reporting.domain.ledger import ZERO, Item

BUCKETS = (("not_due", 0, 0), ("1_30", 1, 30), ("31_60", 31, 60), ("61_90", 61, 90), ("over_90", 91, None))


def bucket_of(item: Item, today: date) -> str:
    """The bucket of an open item by its overdue days; an item without a due date is counted as not due."""
    days = item.overdue_days(today)
    for name, low, high in BUCKETS:
        if days >= low and (high is None or days <= high):
            return name
    raise AssertionError(days)  # the buckets cover every non-negative number


def aged(items: Iterable[Item], kind: str, today: date) -> dict:
    """Open amounts of one kind (receivable/payable) per bucket, per counterparty and in total."""
    totals = {name: ZERO for name, _, _ in BUCKETS}
    per_party: dict[str, dict[str, Decimal]] = {}
    for item in items:
        if item.kind != kind or item.paid:
            continue
        bucket = bucket_of(item, today)
        totals[bucket] += item.amount_open
        party = per_party.setdefault(item.counterparty_reference or "", {name: ZERO for name, _, _ in BUCKETS})
        party[bucket] += item.amount_open
    rows = [{"counterparty": ref or None, **buckets, "total": sum(buckets.values(), ZERO)}
            for ref, buckets in sorted(per_party.items())]
    return {"as_of": today, "buckets": [name for name, _, _ in BUCKETS], "totals": totals,
            "total": sum(totals.values(), ZERO), "counterparties": rows}
