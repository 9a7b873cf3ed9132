"""ACT-1 sync status of a dossier: OK, needs support, or needs the collaborator, with an instruction.

The instruction is a code with values (issue 15): the portal says it in the reader's language
(``portal.i18n.codes.SYNC_INSTRUCTIONS``, whose test fails on a code of ``Instruction`` without a text); the
English text stays beside it for integrators and for a reader the portal does not know the code of."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, get_args

SyncStatus = Literal["ok", "needs_support", "needs_collaborator"]
STATUSES: tuple[SyncStatus, ...] = get_args(SyncStatus)  # every status, e.g. each label of the bf_sync_dossiers gauge


class Instruction(StrEnum):
    """What to do about a dossier's sync: the rejection kinds a collaborator can fix, and two for support."""

    CLOSED_PERIOD = "ClosedPeriod"
    LOCKED_YEAR = "LockedYear"
    PERIOD_NOT_FOUND = "PeriodNotFound"
    UNKNOWN_ACCOUNT = "UnknownAccount"
    CLOSED_ACCOUNT = "ClosedAccount"
    UNKNOWN_VAT_CODE = "UnknownVatCode"
    UNKNOWN_JOURNAL = "UnknownJournal"
    DOSSIER_NOT_FOUND = "DossierNotFound"
    CLOSE_PERIOD_ERROR = "ClosePeriodError"
    PAID_INVOICE = "PaidInvoice"
    CANCEL_REFUSED = "CancelRefused"
    TOTALS_DIFFER = "TotalsDiffer"
    SALES_NUMBER_ORDER = "SalesNumberOrder"
    SOFTWARE_REFUSED = "SoftwareRefused"  # a refusal nobody at the office can fix: support looks at it
    SOFTWARE_UNREACHABLE = "SoftwareUnreachable"


# what a collaborator can fix in the accounting software or the proposal, by rejection kind (English)
_COLLABORATOR = {
    Instruction.CLOSED_PERIOD: "Reopen the period in the accounting software, or move the proposal to an open "
                               "period, then send it again.",
    Instruction.LOCKED_YEAR: "The fiscal year is locked: book in an open year or ask the accountant to unlock it.",
    Instruction.PERIOD_NOT_FOUND: "Create the fiscal year and its periods in the accounting software, then send again.",
    Instruction.UNKNOWN_ACCOUNT: "Choose an account that exists in the accounting software (or create it there), "
                                 "then send again.",
    Instruction.CLOSED_ACCOUNT: "The account is closed for bookings: choose another account, then send again.",
    Instruction.UNKNOWN_VAT_CODE: "Choose a VAT code of the dossier, then send again.",
    Instruction.UNKNOWN_JOURNAL: "Create the purchase/sales journal in the accounting software.",
    Instruction.DOSSIER_NOT_FOUND: "Check the installation and dossier code of the dossier's accounting link (SYN-7).",
    Instruction.CLOSE_PERIOD_ERROR: "Post or delete the draft entries of the earlier periods, then run the manual "
                                    "sync again.",
    Instruction.PAID_INVOICE: "Unreconcile the payment in the accounting software, then delete again.",
    Instruction.CANCEL_REFUSED: "Credit the invoice in the accounting software.",
    Instruction.TOTALS_DIFFER: "Give each line with VAT its VAT code (or correct the amounts) in the proposal, then "
                               "send it again.",
    Instruction.SALES_NUMBER_ORDER: "Enter the client's own invoice number in the proposal, then send it again.",
}
# refusals whose values say all the software said: its words are not repeated beside the instruction
_SAID_BY_VALUES = {Instruction.TOTALS_DIFFER, Instruction.SALES_NUMBER_ORDER}


@dataclass(frozen=True)
class StatusVerdict:
    """The status, what to do in English (``instruction``) and as a code with its values (``code``, ``params``;
    ``params["reason"]``: the software's own words, shown as they are)."""

    status: SyncStatus
    instruction: str | None = None
    code: Instruction | None = None
    params: dict[str, str] = field(default_factory=dict)


OK = StatusVerdict("ok")


def after_rejection(kind: str, reason: str, params: dict[str, str] | None = None) -> StatusVerdict:
    """The status after the software refused something; unknown kinds need support."""
    if kind in _COLLABORATOR:
        code = Instruction(kind)
        values = dict(params or {}) if code in _SAID_BY_VALUES else {"reason": reason}
        return StatusVerdict("needs_collaborator", f"{reason}. {_COLLABORATOR[code]}", code, values)
    return StatusVerdict("needs_support", f"The accounting software refused: {reason}. Support should look at it.",
                         Instruction.SOFTWARE_REFUSED, {"reason": reason})


def after_unavailable(installation: str, detail: str) -> StatusVerdict:
    return StatusVerdict("needs_support", f"The accounting software ({installation}) cannot be reached: {detail}. "
                                          "Bookings wait and are sent when it is back.",
                         Instruction.SOFTWARE_UNREACHABLE, {"installation": installation, "reason": detail})
