"""From a validated proposal to the booking order an adapter posts (SYN-2)."""
from __future__ import annotations

from decimal import Decimal

from contracts.events.proposals import ProposalValidated

from sync_connector.domain.errors import SoftwareRejected
from sync_connector.domain.ports import BookingOrder, OrderLine, OrderParty, OrderTotals

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
        final=event.direct_booking,
        totals=OrderTotals(net=event.totals.net, vat=event.totals.vat, gross=event.totals.gross) if event.lines
        else None)


def _booking_date(event: ProposalValidated):
    """The invoice date when it lies in the proposal's period, else the period's first day."""
    d = event.invoice_date
    if d is not None and event.period.start_date <= d <= event.period.end_date:
        return d
    return event.period.start_date


def check_totals(order: BookingOrder, net: Decimal, vat: Decimal, gross: Decimal) -> None:
    """Refuse a booking the software would make for other amounts than were validated (e.g. a VAT amount on a
    line without a VAT code, which the software books without VAT): what reaches the books is what was validated."""
    want = order.validated_totals()
    wanted = tuple(abs(x) for x in (want.net, want.vat, want.gross))
    made = tuple(abs(x) for x in (net, vat, gross))
    if made == wanted:
        return
    params = {"net": str(wanted[0]), "vat": str(wanted[1]), "gross": str(wanted[2]),
              "software_net": str(made[0]), "software_vat": str(made[1]), "software_gross": str(made[2])}
    raise SoftwareRejected(
        f"the accounting software would book net {made[0]}, VAT {made[1]}, gross {made[2]} where the proposal says "
        f"net {wanted[0]}, VAT {wanted[1]}, gross {wanted[2]}: check the VAT code and amounts of each line, then "
        "send it again", kind="TotalsDiffer", params=params)
