"""A bank statement's matched lines mark our supplier invoices paid (issue 17 item 1; PAY-7): only payables
paid in full that we booked (external id = our proposal id)."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from contracts.events.bank import BankStatementImported, MatchedItem, StatementLineOutcome

from payments.handlers.bank import paid_proposals


def test_only_payables_we_booked_and_paid_in_full_count():
    ours, part, sale = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    items = (MatchedItem(kind="payable", reference="1", external_id=str(ours), amount=Decimal("121.00")),
             MatchedItem(kind="payable", reference="2", external_id=str(part), amount=Decimal("10.00"),
                         paid_in_full=False),
             MatchedItem(kind="payable", reference="3", external_id=None, amount=Decimal("5.00")),
             MatchedItem(kind="payable", reference="4", external_id="booked-by-hand", amount=Decimal("5.00")),
             MatchedItem(kind="receivable", reference="5", external_id=str(sale), amount=Decimal("60.50")))
    line = StatementLineOutcome(sequence="0001", booking_date=date(2026, 4, 10), amount=Decimal("-141.00"),
                                state="matched", rule="iban_amount", matched=items)
    event = BankStatementImported(correlation_id="t", office_id=uuid.uuid4(), dossier_id=uuid.uuid4(),
                                  statement_file_id=uuid.uuid4(), outcome="imported", lines=(line,))
    assert paid_proposals(event) == [ours]
