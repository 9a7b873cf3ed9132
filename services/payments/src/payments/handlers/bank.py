"""Issue 17 item 1: a bank statement line matched to a supplier invoice we booked marks the invoice paid
(PAY-7: 'payment in progress' becomes paid); a line that paid only part of it leaves it open."""
from __future__ import annotations

from uuid import UUID

import asyncpg
from contracts.events.bank import BankStatementImported

from payments.adapters import replica


def paid_proposals(event: BankStatementImported) -> list[UUID]:
    """Our proposal ids (external ids) of the payables the statement paid in full."""
    out = []
    for line in event.lines:
        for item in line.matched:
            if item.kind != "payable" or not item.paid_in_full or not item.external_id:
                continue
            try:
                out.append(UUID(item.external_id))
            except ValueError:
                continue  # booked outside the booking factory
    return out


async def on_bank_statement_imported(conn: asyncpg.Connection, event: BankStatementImported) -> None:
    """Mark the documents whose invoices the statement paid in full as paid."""
    paid = paid_proposals(event)
    if event.dossier_id and paid:
        await replica.mark_paid(conn, event.dossier_id, paid, True)
