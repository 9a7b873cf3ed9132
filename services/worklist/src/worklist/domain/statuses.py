"""WL-3 statuses of a proposal and the rules that move it from one to another (see API.md)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from worklist.domain.errors import WrongStatus

AUTOMATIC = ("technical_error", "unrecognized", "incomplete", "complete", "complete_new_counterparty")
REVIEWED = ("checked", "validated")
EDITABLE = frozenset((*AUTOMATIC, *REVIEWED, "rejected"))
SENDABLE = frozenset((*REVIEWED, "rejected"))
MISC = ("to_file", "filed")
ALL = (*AUTOMATIC, *REVIEWED, "sent", "booked", "rejected", "withdrawing", *MISC)
READY_FOR_VALIDATION = ("complete", "complete_new_counterparty")

MANDATORY = ("journal", "period", "invoice_date", "invoice_number", "counterparty", "totals.gross")


def missing_fields(content: Mapping[str, Any]) -> list[str]:
    """The mandatory fields still empty in a proposal's content (framed red on the annotation screen)."""
    missing = [name for name in ("journal", "period", "invoice_date", "invoice_number") if not content.get(name)]
    counterparty = content.get("counterparty") or {}
    if not (counterparty.get("name") or counterparty.get("reference")):
        missing.append("counterparty")
    if (content.get("totals") or {}).get("gross") in (None, ""):
        missing.append("totals.gross")
    return missing


def automatic_status(content: Mapping[str, Any], previous: str) -> str:
    """The automatic status the content has now; a proposal nobody could fill keeps its technical status."""
    missing = missing_fields(content)
    if missing:
        if previous in ("technical_error", "unrecognized") and len(missing) == len(MANDATORY):
            return previous
        return "incomplete"
    counterparty = content.get("counterparty") or {}
    return "complete_new_counterparty" if counterparty.get("status") == "new" else "complete"


def has_suspense_line(content: Mapping[str, Any]) -> bool:
    """Whether the booking touches the suspense account: a line on it, or no lines at all (without detail, WL-8)."""
    lines = content.get("lines") or []
    return not lines or any(line.get("suspense") for line in lines)


def reviewed_status(content: Mapping[str, Any]) -> str:
    """WL-3: 'checked' when reviewed with suspense lines, 'validated' otherwise."""
    return "checked" if has_suspense_line(content) else "validated"


def require_editable(status: str, what: str = "changed") -> None:
    """Refuse a change to a proposal that is sent, booked, being withdrawn or a misc document."""
    if status not in EDITABLE:
        raise WrongStatus(f"a proposal in status '{status}' cannot be {what}")


def require_sendable(status: str) -> None:
    """Only reviewed (checked/validated) or rejected proposals are sent."""
    if status not in SENDABLE:
        raise WrongStatus(f"a proposal in status '{status}' cannot be sent: review it first (checked or validated)")


def status_after_edit(current: str, mailbox: str, auto: str, changed: bool) -> str:
    """The status after an edit: a misc document stays one (WL-12); a changed proposal gets its recomputed
    automatic status (an edit drops a review mark and a rejection); an unchanged one keeps its status."""
    if mailbox == "misc":
        return current if current in MISC else "to_file"
    if changed or current in MISC:
        return auto
    return current
