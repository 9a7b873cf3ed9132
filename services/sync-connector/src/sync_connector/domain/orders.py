"""From a validated proposal to the booking order an adapter posts (SYN-2)."""
from __future__ import annotations

from contracts.events.proposals import ProposalValidated

from sync_connector.domain.errors import SoftwareRejected
from sync_connector.domain.ports import BookingOrder, OrderLine, OrderParty

DIRECTIONS = {"purchases": "purchase", "sales": "sale"}


def booking_order(event: ProposalValidated) -> BookingOrder:
    """The order for the proposal; a journal that is neither purchases nor sales is refused."""
    direction = DIRECTIONS.get(event.journal.type)
    if direction is None:
        raise SoftwareRejected(f"journal {event.journal.code} is a {event.journal.type} journal: only purchase and "
                               "sales invoices are posted", kind="UnknownJournal")
    cp = event.counterparty
    comment = event.comment
    return BookingOrder(
        external_id=str(event.proposal_id), direction=direction, kind=event.document_kind,
        journal_code=event.journal.code, period_code=event.period.code,
        booking_date=_booking_date(event), party=OrderParty(reference=cp.reference, name=cp.name,
                                                            vat_number=cp.vat_number, country=cp.country, iban=cp.iban),
        lines=tuple(OrderLine(account=line.account, net_amount=line.net_amount, vat_code=line.vat_code,
                              vat_amount=line.vat_amount, description=line.description or line.note,
                              vat_rate=line.vat_rate)
                    for line in event.lines),
        total=event.totals.gross if not event.lines else event.totals.net + event.totals.vat,
        document_number=event.document_number, invoice_number=event.invoice_number, invoice_date=event.invoice_date,
        due_date=event.due_date, comment=comment, payment_reference=event.payment_reference,
        final=event.direct_booking)


def _booking_date(event: ProposalValidated):
    """The invoice date when it lies in the proposal's period, else the period's first day."""
    d = event.invoice_date
    if d is not None and event.period.start_date <= d <= event.period.end_date:
        return d
    return event.period.start_date
