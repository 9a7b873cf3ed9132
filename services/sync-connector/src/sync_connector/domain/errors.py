"""The errors of the sync-connector, told apart by what the caller does with them; what its HTTP API refuses is a
runtime ServiceError (``Refused`` and its kinds)."""
from runtime.errors import ServiceError
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
    a readable reason goes back on booking.recorded or ledger.synced; retrying does not help."""

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


class Refused(ServiceError):
    """A request of the HTTP API the connector refuses (the runtime answers it in the house JSON shape)."""


class NotFound(Refused):
    status, code = 404, "not_found"


class NotLinked(Refused):
    """A sync asked for a dossier without an accounting software link."""

    status, code = 409, "not_linked"

    def __init__(self) -> None:
        super().__init__("the dossier has no accounting software link: activate it first")


class InvalidRequest(Refused):
    """The request's values do not fit the dossier: each ``(field, message)`` named."""

    status, code = 422, "validation_error"

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("; ".join(f"{f}: {m}" for f, m in problems),
                         fields=[{"field": f, "message": m} for f, m in problems])


class StatementNotImported(Refused):
    """Issue 17: a line of a statement that was refused or is a duplicate cannot be matched."""

    status, code = 409, "statement_not_imported"


class LineAlreadyMatched(Refused):
    """Issue 17: the line is matched already (by the rules, or by hand to other invoices)."""

    status, code = 409, "line_already_matched"


class NothingPicked(Refused):
    status, code = 422, "nothing_picked"


class InvoiceNotOpen(Refused):
    """An invoice named is not open any more, or not of the line's kind (money out pays payables)."""

    status, code = 422, "invoice_not_open"


class AmountsDoNotFit(Refused):
    """The invoices picked do not make the line's amount (and it pays no single one of them in part)."""

    status, code = 422, "amounts_do_not_fit"


class MatchRefused(Refused):
    """The accounting software refused the matching move (a closed period...): its reason in ``params``."""

    status, code = 422, "match_refused"
