"""WL-3 statuses of a proposal and the rules that move it from one to another (see API.md)."""
from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from worklist.domain.errors import FieldProblem, VatWithoutCode, WrongStatus

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


def lines_with_vat_but_no_code(content: Mapping[str, Any]) -> list[int]:
    """The numbers of the lines that have a VAT amount but no VAT code."""
    out = []
    for number, line in enumerate(content.get("lines") or (), start=1):
        try:
            vat = Decimal(str(line.get("vat_amount") or "0"))
        except InvalidOperation:
            vat = Decimal("0")
        if vat and not line.get("vat_code"):
            out.append(line.get("line_no") or number)
    return out


def require_vat_codes(content: Mapping[str, Any]) -> None:
    """Refuse to validate or send a proposal with a VAT amount on a line without a VAT code: the accounting
    software would book that line without VAT, for less than what was validated (issue 15 item 1)."""
    lines = lines_with_vat_but_no_code(content)
    if lines:
        raise VatWithoutCode(
            "a VAT amount needs a VAT code: choose one for line " + ", ".join(map(str, lines)),
            fields=tuple(FieldProblem(f"lines.{n}.vat_code", "vat_without_code",
                                      "this line's VAT amount needs a VAT code") for n in lines))


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
