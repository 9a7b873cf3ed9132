"""Issue 17 item 1: a bank statement line matched to a supplier invoice we booked marks the invoice paid
(PAY-7: 'payment in progress' becomes paid); a line that paid only part of it leaves it open. An approved
payment of that invoice still waiting to be executed here was paid from the bank's own app: it is executed
(payment.executed, by the bank statement)."""
from __future__ import annotations

from uuid import UUID

import asyncpg
from contracts.events.bank import BankStatementImported

from payments.adapters import accounts_repo, payments_repo, replica
from payments.handlers.context import Deps
from payments.handlers.lifecycle import save


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


async def on_bank_statement_imported(conn: asyncpg.Connection, event: BankStatementImported,
                                     deps: Deps | None = None) -> None:
    """Mark the documents whose invoices the statement paid in full as paid; their approved payments executed. The
    statement's account is one of the dossier's own (issue 17 item 2: an account to pay from, PAY-3)."""
    if event.dossier_id and event.outcome == "imported" and event.account:
        await accounts_repo.learn(conn, event.dossier_id, [event.account], "bank_statement", event.occurred_at)
    paid = paid_proposals(event)
    if not event.dossier_id or not paid:
        return
    for document_id in await replica.mark_paid(conn, event.dossier_id, paid, True):
        payment = await payments_repo.of_document(conn, event.dossier_id, document_id, lock=True)
        if payment is not None and payment.paid_by_bank(now=event.occurred_at):
            await save(conn, payment)
