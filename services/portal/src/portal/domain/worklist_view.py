"""The worklists as a person sees them (WL-1..4, WL-9): columns, statuses and their colours, 3-state sorting, shortcuts.

The worklist service sorts and filters; this module only says what the table shows and which link
a header click follows (ascending → descending → the default order).
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from portal.domain import shortcuts
from portal.i18n import N_, codes, gettext_

LISTS = (("purchases", N_("Purchase invoices")), ("sales", N_("Sales invoices")), ("misc", N_("Misc documents")))
ORIGINS = {"air": N_("AIR"), "ubl": N_("UBL"), "manual": N_("Manual")}
# WL-3 statuses: label and the colour class of their badge
STATUSES: dict[str, tuple[str, str]] = {
    "technical_error": (N_("Technical error"), "red"),
    "unrecognized": (N_("Nothing recognised"), "red"),
    "incomplete": (N_("Incomplete"), "warn"),
    "complete": (N_("Complete"), "plain"),
    "complete_new_counterparty": (N_("Complete, new counterparty"), "new"),
    "checked": (N_("Checked"), "checked"),
    "validated": (N_("Validated"), "validated"),
    "sent": (N_("Sent"), "plain"),
    "booked": (N_("Booked"), "ok"),
    "rejected": (N_("Refused by the accounting software"), "red"),
    "withdrawing": (N_("Being deleted"), "plain"),
    "to_file": (N_("To file"), "warn"),
    "filed": (N_("Filed"), "ok"),
}
STATUS_FILTERS = (("", N_("Open (not booked)")), ("technical_error,unrecognized,incomplete", N_("To complete")),
                  ("complete,complete_new_counterparty", N_("Ready for validation")),
                  ("checked,validated", N_("Reviewed, to send")), ("rejected", N_("Refused")),
                  ("sent,booked", N_("Sent and booked")), ("all", N_("All")))
# (key, label, sortable by this key or None)
COLUMNS: tuple[tuple[str, str, str | None], ...] = (
    ("origin", N_("Type"), "origin"), ("journal", N_("Journal"), "journal"),
    ("invoice_date", N_("Invoice date"), "invoice_date"), ("period", N_("Period"), "period"),
    ("invoice_number", N_("Invoice number"), "invoice_number"), ("counterparty", N_("Counterparty"), "counterparty"),
    ("accounts", N_("GL accounts"), None), ("vat_rates", N_("VAT rate"), None), ("gross", N_("Total"), "gross"),
    ("processed_at", N_("Processed"), "processed_at"), ("page_count", N_("#"), "page_count"),
    ("note", N_("Note"), None), ("status", N_("Validation"), "status"),
)
SORTABLE = frozenset(sort for _, _, sort in COLUMNS if sort)
FILTER_KEYS = ("status", "q", "journal", "period", "origin", "help", "duplicate", "counterparty_status")
SHORTCUTS = shortcuts.SHORTCUTS  # WL-9, listed on "?"


def list_key(value: str | None) -> str:
    keys = [key for key, _ in LISTS]
    return value if value in keys else "purchases"


def query_state(params: Mapping[str, str]) -> dict[str, str]:
    """The list's filters and sort from the request's query, unknown sort keys dropped."""
    state = {k: str(params.get(k) or "").strip() for k in FILTER_KEYS}
    sort = str(params.get("sort") or "")
    order = str(params.get("order") or "")
    if sort not in SORTABLE:
        sort, order = "", ""
    state["sort"], state["order"] = sort, (order if order in ("asc", "desc") else ("asc" if sort else ""))
    return state


def next_sort(column: str, sort: str, order: str) -> tuple[str, str]:
    """A header click: ascending, then descending, then the default order."""
    if column != sort:
        return column, "asc"
    if order == "asc":
        return column, "desc"
    return "", ""


def aria_sort(column: str, sort: str, order: str) -> str:
    if column != sort:
        return "none"
    return "ascending" if order == "asc" else "descending"


def query_string(state: Mapping[str, str], **change: str) -> str:
    """The list query with some keys changed, empty values left out (``list`` first)."""
    merged = {"list": change.get("list", state.get("list", "")), **state, **change}
    return urlencode([(k, v) for k, v in merged.items() if v])


def status_label(status: str) -> str:
    return STATUSES.get(status, (status, "plain"))[0]


def status_class(status: str) -> str:
    return STATUSES.get(status, (status, "plain"))[1]


def accounts_of(row: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The row's GL accounts once each, suspense ones flagged (WL-2 red)."""
    seen: dict[str, Mapping[str, Any]] = {}
    for account in row.get("accounts") or ():
        seen.setdefault(str(account.get("code")), account)
    return list(seen.values())


def counterparty_class(counterparty: Mapping[str, Any] | None) -> str:
    """WL-2 / ENR-1: a new counterparty orange, the default one muted, known ones black."""
    status = (counterparty or {}).get("status")
    return {"new": "cp-new", "default": "cp-default"}.get(str(status), "cp-known")


# WL-4: what a bulk action reports back (counts in the URL after the redirect, refusal codes said in words)
BULK_DONE = {"check": N_("%(num)d checked."), "send": N_("%(num)d sent to the accounting software."),
             "change": N_("%(num)d changed."), "delete": N_("%(num)d deleted."),
             "reprocess": N_("%(num)d sent to be read again.")}
REFUSALS = {"incomplete": N_("mandatory fields are missing"), "wrong_status": N_("not possible in its status"),
            "not_found": N_("no longer in the list"), "stale_version": N_("changed by someone else meanwhile"),
            "invalid": N_("a value is not accepted"), "forbidden": N_("not allowed for you"),
            "vat_without_code": N_("a line's VAT amount has no VAT code"),
            # WL-13 reprocess
            "not_technical_error": N_("its recognition did not end in a technical error"),
            "not_passing": N_("the file itself cannot be read"),
            "reason_unknown": N_("the reason of the error is not known"),
            "already_reprocessing": N_("already being read again"), "edited": N_("changed by hand since")}
# WL-13: why recognition ended in a technical error (document.recognized error_code), said in the reader's language
RECOGNITION_ERRORS = {
    "timeout": N_("Reading took too long"), "memory_limit": N_("Reading ran out of memory"),
    "crashed": N_("The reading process failed"), "storage_unavailable": N_("The file store could not be reached"),
    "original_missing": N_("The original file is missing"),
    "unreadable": N_("The file cannot be read (damaged, encrypted or not an invoice format)"),
    "limit_exceeded": N_("The file is too large (pages or image size)"), "empty_file": N_("The file is empty"),
}
# why the accounting software refused a booking (booking.recorded error_code), with the values it names
REJECTIONS = {code: (codes.SYNC_INSTRUCTIONS[code], names) for code, names in (
    ("TotalsDiffer", ("net", "vat", "gross", "software_net", "software_vat", "software_gross")),
    ("SalesNumberOrder", ("date",)))}


def rejection_text(row: Mapping[str, Any]) -> str | None:
    """The software's refusal in the reader's language when its code is known (else None: its own words are
    shown); a plain text, escaped where it is shown."""
    known = REJECTIONS.get(str(row.get("rejection_code")))
    params = row.get("rejection_params") or {}
    if known is None or not all(params.get(name) for name in known[1]):
        return None
    return gettext_(known[0]) % {name: str(params[name]) for name in known[1]}


def bulk_result(params: Mapping[str, str]) -> dict[str, Any] | None:
    """The outcome of the last bulk action from the query, or None; only known actions and codes."""
    action = params.get("done_action")
    if action not in BULK_DONE:
        return None
    count = lambda key: int(params.get(key)) if str(params.get(key) or "").isdigit() else 0  # noqa: E731
    why = [REFUSALS[c] for c in str(params.get("why") or "").split(",") if c in REFUSALS]
    return {"action": action, "message": BULK_DONE[action], "done": count("done"), "refused": count("refused"), "why": why}
