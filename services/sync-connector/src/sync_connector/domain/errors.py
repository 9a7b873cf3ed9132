"""The errors of the sync-connector, told apart by what the caller does with them."""
from runtime.outage import DependencyUnavailable


class SyncError(Exception):
    """Base of the sync-connector's own errors."""


class SoftwareUnavailable(SyncError, DependencyUnavailable):
    """The accounting software cannot be reached or is busy: retry later, never dead-letter.

    A runtime DependencyUnavailable, so the consumer waits the outage out and keeps the message.
    """

    dependency = "accounting software"


class SoftwareRejected(SyncError):
    """The accounting software refused the request (closed period, unknown account, locked year):
    a readable reason goes back on ledger.synced; retrying does not help."""

    def __init__(self, reason: str, *, kind: str = "UserError", params: dict[str, str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.params = dict(params or {})  # what the reason names, for a translated text


def sales_number_order(*, date: str, sequence: str, after_invoice: str) -> SoftwareRejected:
    """The software numbers sales documents without a number of their own in date order and has already
    numbered one dated after this one: the collaborator gives the document the client's own number."""
    return SoftwareRejected(
        f"the accounting software numbers sales documents without a number of their own in date order, and its "
        f"sequence {sequence} already numbered {after_invoice}, dated after {date}: enter the invoice number the "
        "client gave the document, then send it again", kind="SalesNumberOrder",
        params={"date": date, "sequence": sequence, "after_invoice": after_invoice})


class DossierNotFound(SyncError):
    """The dossier code names no dossier in that installation of the accounting software."""


class UnknownSoftware(SyncError):
    """No adapter for this accounting software or installation."""
