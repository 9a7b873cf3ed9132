"""Issue 17 item 2 (PAY-2, PAY-3) on the real Postgres and S3: the dossier's own accounts are learnt from the bank's
statements and the accounting software's bank transactions, offered default first, prefilled as a payment's
from-account (carried on payment.approved), and a SEPA file made without naming an account is made from it."""
from __future__ import annotations

import json
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from contracts.events.bank import BankStatementImported
from contracts.events.ledger import BankTransaction, LedgerSynced, MasterData, SyncRun
from lxml import etree

from payments.adapters.pain001 import NS, safe_parser
from payments.handlers.bank import on_bank_statement_imported
from payments.handlers.events import on_dossier_changed, on_ledger_synced
from payments_testkit import OFFICE, PROXIMUS_IBAN, bearer, client, client_user, dossier_changed

pytestmark = pytest.mark.integration
DOSSIER, EMPTY = uuid.uuid4(), uuid.uuid4()
ANNA = client_user("full_access")
KBC, ING = "BE74734019254307", "BE42310178961854"


def _imported(dossier, account, outcome="imported") -> BankStatementImported:
    return BankStatementImported(correlation_id="t", office_id=OFFICE, dossier_id=dossier,
                                 statement_file_id=uuid.uuid4(), outcome=outcome, account=account,
                                 error_code="unbalanced_statement" if outcome == "refused" else None)


def _synced(dossier, account) -> LedgerSynced:
    line = BankTransaction(reference="statement-line:1", account_iban=account, booking_date=date(2026, 11, 3),
                           amount=Decimal("-12.00"))
    at = datetime(2026, 11, 4, tzinfo=timezone.utc)
    run = SyncRun(run_id=uuid.uuid4(), reason="nightly", started_at=at, finished_at=at)
    return LedgerSynced(correlation_id="t", office_id=OFFICE, dossier_id=dossier, accounting_software="tryton",
                        sync=run, master_data=MasterData(bank_transactions=(line,)))


@pytest.fixture
async def seeded(pool):
    async with pool.acquire() as conn, conn.transaction():
        await on_dossier_changed(conn, dossier_changed(DOSSIER, ANNA))
        await on_dossier_changed(conn, dossier_changed(EMPTY, ANNA))
        await on_ledger_synced(conn, _synced(DOSSIER, KBC))
        await on_bank_statement_imported(conn, _imported(DOSSIER, ING))  # seen later: the default
        await on_bank_statement_imported(conn, _imported(DOSSIER, "BE21001234567803", outcome="refused"))
    return pool


def _as(issuer, dossier=DOSSIER):
    return bearer(issuer, client(ANNA, dossier))


async def _approved(http, issuer, **extra) -> dict:
    made = await http.post(f"/dossiers/{DOSSIER}/payments", headers=_as(issuer), json={
        "creditor": {"name": "Proximus NV", "iban": PROXIMUS_IBAN}, "amount": "25.50", **extra})
    assert made.status_code == 201, made.text
    done = await http.post(f"/dossiers/{DOSSIER}/payments/{made.json()['id']}/request-approval", json={},
                           headers=_as(issuer))
    assert done.json()["state"] == "to_execute", done.text
    return done.json()


async def test_the_dossiers_accounts_are_offered_default_first(http, issuer, seeded):
    """What the bank and Tryton named as the dossier's accounts, not a refused file's; the latest seen first."""
    got = (await http.get(f"/dossiers/{DOSSIER}/debtor-accounts", headers=_as(issuer))).json()
    assert [a["iban"] for a in got["accounts"]] == [ING, KBC] and got["default"] == ING
    assert got["accounts"][0]["default"] and got["holder"] == "Bakkerij Janssens BV"
    none = (await http.get(f"/dossiers/{EMPTY}/debtor-accounts", headers=_as(issuer, EMPTY))).json()
    assert none == {"accounts": [], "default": None, "holder": "Bakkerij Janssens BV"}


async def test_a_payment_is_prefilled_with_the_default_account_and_carries_it_approved(http, issuer, seeded):
    """PAY-2: the from-account is the default unless another is picked; payment.approved names it."""
    default = await _approved(http, issuer)
    assert default["debtor"] == {"name": "Bakkerij Janssens BV", "iban": ING, "bic": "BBRUBEBB"}
    picked = await _approved(http, issuer, debtor={"iban": KBC})
    assert picked["debtor"]["iban"] == KBC and picked["debtor"]["bic"] == "KREDBEBB"
    bad = await http.post(f"/dossiers/{DOSSIER}/payments", headers=_as(issuer), json={
        "creditor": {"name": "P", "iban": PROXIMUS_IBAN}, "amount": "1", "debtor": {"iban": "BE00 0000"}})
    assert bad.status_code == 422 and "debtor.iban" in bad.text
    events = [json.loads(r["payload"]) for r in await seeded.fetch(
        "SELECT payload FROM outbox WHERE topic = 'payment.approved' ORDER BY created_at")]
    assert [e["debtor"]["iban"] for e in events] == [ING, KBC]


async def test_a_sepa_file_without_an_account_named_is_made_from_the_payments_one(http, issuer, seeded, store):
    """PAY-3: the selection's shared from-account, else the default; the file's debtor is that account, which
    becomes the default; no account known at all is a 422 naming debtor.iban."""
    first = await _approved(http, issuer, debtor={"iban": KBC})
    files = f"/dossiers/{DOSSIER}/sepa-files"
    made = await http.post(files, headers=_as(issuer), json={"payment_ids": [first["id"]]})
    assert made.status_code == 201, made.text
    assert (made.json()["debtor_iban"], made.json()["debtor_name"]) == (KBC, "Bakkerij Janssens BV")
    xml = (await http.get(f"{files}/{made.json()['id']}/xml", headers=_as(issuer))).content
    doc = etree.fromstring(xml, safe_parser())
    assert doc.xpath("string(//p:DbtrAcct/p:Id/p:IBAN)", namespaces={"p": NS}) == KBC
    got = (await http.get(f"/dossiers/{DOSSIER}/debtor-accounts", headers=_as(issuer))).json()
    assert got["default"] == KBC and got["accounts"][0]["last_used_at"]  # last paid from
    mixed = [(await _approved(http, issuer, debtor={"iban": i}))["id"] for i in (KBC, ING)]
    both = await http.post(files, headers=_as(issuer), json={"payment_ids": mixed})
    assert both.status_code == 201 and both.json()["debtor_iban"] == KBC  # no shared one: the default
    empty = await http.post(f"/dossiers/{EMPTY}/payments", headers=_as(issuer, EMPTY), json={
        "creditor": {"name": "P", "iban": PROXIMUS_IBAN}, "amount": "3"})
    assert empty.json()["debtor"] is None
    await http.post(f"/dossiers/{EMPTY}/payments/{empty.json()['id']}/request-approval", json={},
                    headers=_as(issuer, EMPTY))
    refused = await http.post(f"/dossiers/{EMPTY}/sepa-files", headers=_as(issuer, EMPTY),
                              json={"payment_ids": [empty.json()["id"]]})
    assert refused.status_code == 422, refused.text
    assert refused.json()["error"]["fields"][0]["field"] == "debtor.iban"
    assert refused.json()["error"]["fields"][0]["code"] == "debtor_required"
