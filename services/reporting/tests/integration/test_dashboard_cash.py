"""Issue 17 item 4 (REP-6) on Postgres: the dashboard's cash holds the bank statements the accounting software
synced — the demo dossier Dupont showed 0.00 € after a sync because Tryton's statement moves are no entries."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal as D

import pytest
from contracts.events.ledger import BankTransaction
from runtime.auth.principal import Role

from reporting.handlers.events import on_dossier_changed, on_ledger_synced
from reporting_testkit import bearer, collaborator, dossier_changed, ledger_synced

pytestmark = pytest.mark.integration
IBAN = "BE48001123456727"


def _line(n: int, amount: str) -> BankTransaction:
    return BankTransaction(reference=f"statement-line:{n}", account_iban=IBAN, booking_date=date(2026, 11, n),
                           amount=D(amount), reconciled=True)


async def test_cash_is_the_sum_of_the_synced_statement_lines(pool, http, issuer):
    dossier = uuid.uuid4()
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(dossier))
        await on_ledger_synced(conn, ledger_synced(dossier, bank_transactions=(
            _line(2, "5324.00"), _line(3, "-1210.00"), _line(4, "-363.00"))))
    who = bearer(issuer, collaborator(dossier, Role.ADMIN))
    board = (await http.get(f"/dossiers/{dossier}/dashboard", headers=who)).json()
    assert D(board["balances"]["cash"]) == D("3751.00")
    async with pool.acquire() as conn, conn.transaction():  # a later sync sends the same lines: nothing counted twice
        await on_ledger_synced(conn, ledger_synced(dossier, bank_transactions=(
            _line(2, "5324.00"), _line(3, "-1210.00"), _line(4, "-363.00"), _line(5, "-100.00"))))
    board = (await http.get(f"/dossiers/{dossier}/dashboard", headers=who)).json()
    assert D(board["balances"]["cash"]) == D("3651.00")
