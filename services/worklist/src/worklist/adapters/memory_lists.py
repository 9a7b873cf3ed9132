"""The worklists in memory, as adapters/proposals.py selects and orders them in SQL (kept in step by the contract
suite): which proposals a ListQuery holds and in which order."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from worklist.domain.listing import ListQuery
from worklist.domain.records import Proposal

SORT_KEYS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "origin": lambda c: c["origin"], "journal": lambda c: c["journal_code"], "invoice_date": lambda c: c["invoice_date"],
    "period": lambda c: c["period_code"], "invoice_number": lambda c: c["invoice_number"],
    "counterparty": lambda c: c["counterparty_name"].lower() if c["counterparty_name"] is not None else None,
    "gross": lambda c: c["gross"], "processed_at": lambda c: c["processed_at"], "page_count": lambda c: c["page_count"],
    "status": lambda c: c["status"],
}


def _columns(p: Proposal) -> dict[str, Any]:
    row = p.as_row()
    if isinstance(row["invoice_date"], str):
        row["invoice_date"] = date.fromisoformat(row["invoice_date"])
    return row


def _holds(c: dict[str, Any], query: ListQuery, dossier_id: Any) -> bool:
    equal = (("journal_code", query.journal), ("period_code", query.period), ("origin", query.origin),
             ("counterparty_status", query.counterparty_status), ("misc_type", query.misc_type))
    bounds = (("invoice_date", query.date_from, query.date_to), ("gross", query.min_gross, query.max_gross))
    return (c["dossier_id"] == dossier_id and c["mailbox"] == query.mailbox and c["deleted_at"] is None
            and c["status"] in query.statuses and (not query.q or query.q in c["search"])
            and all(value is None or c[name] == value for name, value in equal)
            and all((low is None or (c[name] is not None and c[name] >= low))
                    and (high is None or (c[name] is not None and c[name] <= high)) for name, low, high in bounds)
            and (not query.help or c["help_needed"]) and (not query.duplicate or c["duplicate"]))


def in_list(proposals: Iterable[Proposal], dossier_id: Any, query: ListQuery) -> list[Proposal]:
    """The proposals the list holds, in its order."""
    held = [(p, c) for p in proposals if _holds(c := _columns(p), query, dossier_id)]
    if query.sort is None:
        return [p for p, _ in sorted(held, key=lambda pc: (pc[1]["processed_at"], pc[0].proposal_id), reverse=True)]
    key = SORT_KEYS[query.sort]
    valued = sorted(((p, c) for p, c in held if key(c) is not None), key=lambda pc: (key(pc[1]), pc[0].proposal_id),
                    reverse=query.descending)
    empty = sorted((p for p, c in held if key(c) is None), key=lambda p: p.proposal_id, reverse=query.descending)
    return [p for p, _ in valued] + empty
