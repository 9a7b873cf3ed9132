"""The active-clients monitor (ACT-1): its columns with explanations, rows, filters and 3-state sorting."""
from __future__ import annotations

from typing import Any

from office.domain.activity import DossierActivity
from office.domain.errors import InvalidInput

# key, label, explanation, which service provides the value (office: in this answer; others: the portal asks them)
COLUMNS: tuple[dict[str, str], ...] = tuple(
    {"key": k, "label": label, "explanation": text, "source": source} for k, label, text, source in (
        ("name", "Dossier", "the client company", "office"),
        ("code", "Code", "the office's short code for the dossier", "office"),
        ("validation_mode", "Validation", "who validates proposals: collaborator, hybrid or client (WL-11)", "office"),
        ("accounting_updated_up_to", "Updated up to", "date up to which the accounting is complete (DOS-1, SYN-4)",
         "office"),
        ("last_document_at", "Last document", "when the last document arrived, by any channel", "office"),
        ("documents_received", "Documents", "documents received since the dossier started", "office"),
        ("sent_to_accounting", "Sent", "proposals sent to the accounting software since the last reset (SYN-4)",
         "office"),
        ("sync_status", "Sync", "ok, needs support or needs the collaborator (with instructions)", "office"),
        ("last_sync_at", "Last sync", "when the accounting software was last synchronised", "office"),
        ("help_requests", "Help", "proposals marked 'help needed' (WL-10)", "worklist"),
        ("uploaded_not_sent", "In mailboxes", "documents uploaded by the client but not sent for processing (ING-9)",
         "ingest"),
        ("ready_for_validation", "To validate", "complete proposals waiting for validation (WL-3)", "worklist"),
        ("misc_to_do", "Misc", "misc documents still to file (WL-12)", "worklist"),
        ("account_changes_to_review", "Accounts", "account changes in the accounting software to review (SYN-1)",
         "sync-connector"),
        ("open_conversations", "Conversations", "open conversations with the client, and those waiting for the "
         "office's answer (COM-1)", "notify"),
    ))
SORTABLE = frozenset(c["key"] for c in COLUMNS if c["source"] == "office")


def row(summary: dict[str, Any], activity: DossierActivity | None, mine: bool) -> dict[str, Any]:
    """One monitor row: the dossier's summary, office-known activity, and null for other services' counters."""
    act = activity or DossierActivity(summary["id"])
    return {
        "dossier_id": summary["id"], "name": summary["name"], "code": summary["code"], "status": summary["status"],
        "validation_mode": summary["validation_mode"], "accounting_updated_up_to": summary["accounting_updated_up_to"],
        "mine": mine,
        "last_document_at": act.last_document_at.isoformat() if act.last_document_at else None,
        "documents_received": act.documents_received, "sent_to_accounting": act.sent_to_accounting,
        "sync_status": act.sync_status, "sync_error": act.sync_error,
        "last_sync_at": act.last_sync_at.isoformat() if act.last_sync_at else None,
        **{c["key"]: None for c in COLUMNS if c["source"] != "office"},
    }


def sort_rows(rows: list[dict[str, Any]], key: str | None, order: str | None) -> list[dict[str, Any]]:
    """Rows sorted by one column; no key (the third state) keeps the default order by name. Empty values go last."""
    if not key:
        return rows
    if key not in SORTABLE:
        raise InvalidInput("sort", f"one of {', '.join(sorted(SORTABLE))}", "choice")
    if order not in (None, "asc", "desc"):
        raise InvalidInput("order", "asc or desc", "choice")
    present = [r for r in rows if r[key] is not None]
    missing = [r for r in rows if r[key] is None]
    return sorted(present, key=lambda r: r[key], reverse=order == "desc") + missing
