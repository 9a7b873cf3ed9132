"""The worklists in memory, as adapters/proposals.py selects and orders them in SQL (kept in step by the contract
suite): which proposals a ListQuery holds and in which order; the monitor counters; the permanent dossier."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from worklist.domain.listing import ListQuery
from worklist.domain.records import Counters, DocumentFile, Filed, PermanentDossier, Proposal

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


def counters(proposals: Iterable[Proposal], dossier_ids: Iterable[Any]) -> dict[Any, Counters]:
    """ACT-1 counters per dossier with live proposals."""
    wanted, found = set(dossier_ids), {}
    for p in proposals:
        if p.dossier_id not in wanted or p.deleted_at is not None:
            continue
        c = found.get(p.dossier_id, Counters())
        found[p.dossier_id] = replace(
            c, help_requests=c.help_requests + p.help_needed,
            ready_for_validation=c.ready_for_validation + (p.status in ("complete", "complete_new_counterparty")),
            to_send=c.to_send + (p.status in ("checked", "validated")), rejected=c.rejected + (p.status == "rejected"),
            misc_to_do=c.misc_to_do + (p.status == "to_file"),
            last_proposal_at=max(filter(None, (c.last_proposal_at, p.processed_at))))
    return found


def permanent_dossier(proposals: Iterable[Proposal], documents: Mapping[Any, DocumentFile], dossier_id: Any,
                      misc_type: str | None) -> PermanentDossier:
    """The dossier's filed documents (one type or all), newest filed first then by id, and the count per type."""
    filed = [p for p in proposals if p.dossier_id == dossier_id and p.status == "filed" and p.deleted_at is None]
    counts: dict[str, int] = {}
    for p in sorted(filed, key=lambda p: (p.misc_type is None, p.misc_type or "")):
        counts[p.misc_type] = counts.get(p.misc_type, 0) + 1  # type: ignore[index]
    chosen = sorted((p for p in filed if misc_type is None or p.misc_type == misc_type), key=lambda p: p.proposal_id)
    chosen.sort(key=lambda p: p.filed_at, reverse=True)  # type: ignore[arg-type, return-value]
    items = []
    for p in chosen:
        doc = documents.get(p.document_id)
        items.append(Filed(p.proposal_id, p.document_id, p.misc_type, p.filed_at, p.filed_by, p.note,
                           doc.filename if doc else None, doc.content_type if doc else None))
    return PermanentDossier(items, counts)
