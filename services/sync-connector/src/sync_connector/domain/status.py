"""ACT-1 sync status of a dossier: OK, needs support, or needs the collaborator, with an instruction."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

SyncStatus = Literal["ok", "needs_support", "needs_collaborator"]

# what a collaborator can fix in the accounting software or the proposal, by rejection kind
_COLLABORATOR = {
    "ClosedPeriod": "Reopen the period in the accounting software, or move the proposal to an open period, "
                    "then send it again.",
    "LockedYear": "The fiscal year is locked: book in an open year or ask the accountant to unlock it.",
    "PeriodNotFound": "Create the fiscal year and its periods in the accounting software, then send again.",
    "UnknownAccount": "Choose an account that exists in the accounting software (or create it there), then send again.",
    "ClosedAccount": "The account is closed for bookings: choose another account, then send again.",
    "UnknownVatCode": "Choose a VAT code of the dossier, then send again.",
    "UnknownJournal": "Create the purchase/sales journal in the accounting software.",
    "DossierNotFound": "Check the installation and dossier code of the dossier's accounting link (SYN-7).",
    "ClosePeriodError": "Post or delete the draft entries of the earlier periods, then run the manual sync again.",
    "PaidInvoice": "Unreconcile the payment in the accounting software, then delete again.",
    "CancelRefused": "Credit the invoice in the accounting software.",
    "TotalsDiffer": "Give each line with VAT its VAT code (or correct the amounts) in the proposal, then send it "
                    "again.",
    "SalesNumberOrder": "Enter the client's own invoice number in the proposal, then send it again.",
}


@dataclass(frozen=True)
class StatusVerdict:
    status: SyncStatus
    instruction: str | None = None


OK = StatusVerdict("ok")


def after_rejection(kind: str, reason: str) -> StatusVerdict:
    """The status after the software refused something; unknown kinds need support."""
    if kind in _COLLABORATOR:
        return StatusVerdict("needs_collaborator", f"{reason}. {_COLLABORATOR[kind]}")
    return StatusVerdict("needs_support", f"The accounting software refused: {reason}. Support should look at it.")


def after_unavailable(installation: str, detail: str) -> StatusVerdict:
    return StatusVerdict("needs_support", f"The accounting software ({installation}) cannot be reached: {detail}. "
                                          "Bookings wait and are sent when it is back.")
