"""The active-clients monitor as a person sees it (ACT-1): which columns show, 3-state sorting, and the texts.

The office sends every column with the service that provides it; columns of services that do not
feed the monitor yet come as null and are shown as "—" with an explanation, never as 0.
"""
from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from portal.i18n import N_

# key → (label, explanation), said in the user's language
COLUMN_TEXTS: dict[str, tuple[str, str]] = {
    "name": (N_("Dossier"), N_("The client company.")),
    "code": (N_("Code"), N_("The office's short code for the dossier.")),
    "validation_mode": (N_("Validation"), N_("Who validates proposals: a collaborator, hybrid or the client.")),
    "accounting_updated_up_to": (N_("Updated up to"), N_("The date up to which the accounting is complete.")),
    "last_document_at": (N_("Last document"), N_("When the last document arrived, by any channel.")),
    "documents_received": (N_("Documents"), N_("Documents received since the dossier started.")),
    "sent_to_accounting": (N_("Sent"), N_("Proposals sent to the accounting software since the last reset.")),
    "sync_status": (N_("Sync"), N_("OK, needs support, or needs the collaborator (with instructions).")),
    "last_sync_at": (N_("Last sync"), N_("When the accounting software was last synchronised.")),
    "help_requests": (N_("Help"), N_("Proposals marked 'help needed'.")),
    "uploaded_not_sent": (N_("In mailboxes"), N_("Documents uploaded by the client but not sent for processing.")),
    "ready_for_validation": (N_("To validate"), N_("Complete proposals waiting for validation.")),
    "misc_to_do": (N_("Misc"), N_("Miscellaneous documents still to file.")),
    "account_changes_to_review": (N_("Accounts"), N_("Account changes in the accounting software to review.")),
    "open_conversations": (N_("Conversations"), N_("Open conversations with the client; in brackets those waiting "
                                                  "for the office's answer.")),
}
SYNC_STATUS = {"ok": N_("OK"), "needs_support": N_("Needs support"), "needs_collaborator": N_("Needs you")}
NOT_FED = N_("Not available yet: the %(service)s service does not report this figure to the monitor.")
ALWAYS = "name"


def next_sort(column: str, sort: str, order: str) -> tuple[str, str]:
    """The sort a click on a column's header asks for: ascending, then descending, then none (by name)."""
    if column != sort:
        return column, "asc"
    if order == "asc":
        return column, "desc"
    return "", ""


def sortable(column: Mapping[str, Any], fed: Collection[str] = ()) -> bool:
    """The office's own columns sort (the office sorts them); another service's once its counters are merged
    (``fed``: the services that answered; the portal sorts them)."""
    return column.get("source") == "office" or (column.get("source") in fed and column.get("key") in MERGED)


# ACT-1 counters other services give (their API's GET /monitor/counters), merged by dossier: per service, the
# monitor columns it fills and the extra figures shown with them
COUNTERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "worklist": (("help_requests", "ready_for_validation", "misc_to_do"), ("to_send", "rejected")),
    "ingest": (("uploaded_not_sent",), ()),
    "notify": (("open_conversations",), ("waiting_for_office",)),
}
MERGED = tuple(key for columns, _ in COUNTERS.values() for key in columns)


def merge_counters(rows: list[dict[str, Any]], counters: Sequence[Mapping[str, Any]], source: str = "worklist") -> None:
    """Fill the source's columns of each row from its counters; dossiers without counters show 0."""
    columns, extra = COUNTERS[source]
    by_dossier = {str(c.get("dossier_id")): c for c in counters}
    for row in rows:
        found = by_dossier.get(str(row.get("dossier_id"))) or {}
        for key in (*columns, *extra):
            row[key] = int(found.get(key) or 0)


def merge_sync(rows: list[dict[str, Any]], items: Sequence[Mapping[str, Any]]) -> None:
    """The connector's status and instruction (what to do) into each row; the office's raw error stays the fallback."""
    by_dossier = {str(i.get("dossier_id")): i for i in items}
    for row in rows:
        found = by_dossier.get(str(row.get("dossier_id")))
        if found is None:
            continue
        row["sync_status"] = found.get("sync_status") or row.get("sync_status")
        row["sync_instruction"] = {k: found.get(k) for k in ("instruction", "instruction_code", "instruction_params")}
        row["support_alerted_at"] = found.get("support_alerted_at")  # ACT-3: support alerted of this incident


def sort_rows(rows: list[dict[str, Any]], key: str, order: str) -> list[dict[str, Any]]:
    """Rows by a merged counter (the office cannot sort what it does not have); name breaks ties."""
    ordered = sorted(rows, key=lambda r: str(r.get("name") or "").casefold())
    return sorted(ordered, key=lambda r: r.get(key) or 0, reverse=order == "desc")


def chosen(columns: Sequence[Mapping[str, Any]], wanted: Sequence[str]) -> list[Mapping[str, Any]]:
    """The columns to show: those picked (the dossier name always), or all when none is picked."""
    keys = set(wanted)
    if not keys:
        return list(columns)
    return [c for c in columns if c["key"] in keys or c["key"] == ALWAYS]


def aria_sort(column: str, sort: str, order: str) -> str:
    """The header's aria-sort value."""
    if column != sort:
        return "none"
    return "ascending" if order == "asc" else "descending"


def matches(row: Mapping[str, Any], q: str) -> bool:
    """Whether a row's name or code contains the search text (case-insensitive)."""
    needle = q.strip().lower()
    return not needle or any(needle in str(row.get(k) or "").lower() for k in ("name", "code"))
