"""reporting on the real Kafka and Postgres: ledger.synced in parts (out of order, one redelivered, one deleting an
entry), a posting with its document, document.received and payment.approved → exact dashboard, history, archive;
payment.cancelled and bank_statement.imported clear "payment in progress" and pay the invoice (issue 17)."""
from __future__ import annotations

import contextlib
import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import httpx
import pytest
from contracts.events.documents import DocumentReceived
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import CounterpartyRecord
from contracts.events.bank import BankStatementImported, MatchedItem, StatementLineOutcome
from contracts.events.payments import Communication, Creditor, PaymentApproved, PaymentCancelled
from runtime import service
from runtime.config import Settings
from runtime.db import drop_database
from runtime.testing import on_test_topics, publish_events, temp_topics, wait_for

from reporting.bootstrap import SPEC
from reporting_testkit import (OFFICE, app_on, bearer, bookings, client, deleted, dossier_changed, ledger_synced,
                               open_item, periods)

pytestmark = pytest.mark.integration
CONSUMED = ("dossier.changed", "ledger.synced", "booking.recorded", "document.received", "document.recognized",
            "payment.approved", "payment.cancelled", "bank_statement.imported")
T0 = datetime(2026, 4, 2, 8, 0, tzinfo=timezone.utc)


@contextlib.asynccontextmanager
async def running():
    """reporting in-process on its own topics and database."""
    settings = Settings(service="reporting-it", pg_database=f"test_reporting_{uuid.uuid4().hex[:8]}",
                        consumer_group=f"reporting-it-{uuid.uuid4().hex[:6]}")
    async with temp_topics(settings, *CONSUMED) as names:
        rt = await service.start(on_test_topics(SPEC, dict(zip(names, CONSUMED)), name="reporting-it"), settings)
        try:
            yield settings, rt, dict(zip(CONSUMED, names))
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), settings.database)


def _events(dossier: uuid.UUID, document: uuid.UUID) -> dict:
    b = {x.reference: x for x in bookings()}
    e2 = b["E2"]
    part1 = ledger_synced(dossier, 1, 3, T0, periods=periods("closed", "closed", "open"),
                          entries=(b["E1"], b["E3"], b["E4"]),
                          open_items=(open_item("R1", "receivable", "1210", "1210", date(2026, 2, 9), external_id="p1"),
                                      open_item("R2", "receivable", "2420.61", "0", date(2026, 4, 14), "C2", "p6"),
                                      open_item("P1", "payable", "605", "605", date(2099, 1, 1), "S1", "p2")))
    part2 = ledger_synced(dossier, 2, 3, T0, entries=(b["E5"], b["E6"], b["E7"]),
                          counterparties=(CounterpartyRecord(reference="S1", name="Brouwerij Haacht NV"),))
    part3 = ledger_synced(dossier, 3, 3, T0 + timedelta(seconds=1), deleted=(deleted("entries", "E7"),))
    posted = BookingRecorded(correlation_id="test", office_id=OFFICE, dossier_id=dossier, occurred_at=T0,
                             action="posted", accounting_software="tryton", proposal_id=uuid.uuid4(),
                             document_id=document, booking=e2)
    received = DocumentReceived(correlation_id="test", office_id=OFFICE, dossier_id=dossier, document_id=document,
                                source="email", mailbox="purchases", filename="haacht-maart.pdf",
                                content_type="application/pdf", size_bytes=1234, sha256="a" * 64,
                                storage_key=f"documents/{document}")
    paying = PaymentApproved(correlation_id="test", office_id=OFFICE, dossier_id=dossier, payment_id=uuid.uuid4(),
                             document_id=document, amount="605.00", initiated_by=uuid.uuid4(),
                             creditor=Creditor(name="Brouwerij Haacht NV", iban="BE71096123456769"),
                             communication=Communication(kind="none"))
    return {"parts": (part3, part2, part1, part2), "posted": posted, "received": received, "paying": paying}


async def test_ledger_parts_in_any_order_give_exact_dashboard_history_and_archive(issuer):
    """REP-1, REP-3, REP-4, REP-6: the deletion (part 3) arrives first and still wins over the older part 2 that
    carries the entry; part 2 is redelivered; the inbox applies each event once. Closed periods only with
    updated up to 28 Feb: March is provisional and out of the totals."""
    dossier, document = uuid.uuid4(), uuid.uuid4()
    ev = _events(dossier, document)
    async with running() as (settings, rt, topics):
        await publish_events(settings, topics["dossier.changed"], dossier_changed(
            dossier, updated_up_to=date(2026, 2, 28), key_figures_closed_periods_only=True))
        await publish_events(settings, topics["ledger.synced"], *ev["parts"])
        await publish_events(settings, topics["booking.recorded"], ev["posted"])
        await publish_events(settings, topics["document.received"], ev["received"])
        await publish_events(settings, topics["payment.approved"], ev["paying"])

        async def applied():
            return await rt.pool.fetchval("SELECT count(*) FROM inbox") == 7 and await rt.pool.fetchval(
                "SELECT count(*) FROM platform_dossiers")
        await wait_for(applied, timeout=60)
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app_on(rt.pool, issuer)),
                                     base_url="http://reporting") as http:
            who = bearer(issuer, client(dossier, "full_access"))
            board = (await http.get(f"/dossiers/{dossier}/dashboard?year=2026", headers=who)).json()
            suppliers = (await http.get(f"/dossiers/{dossier}/history?side=suppliers", headers=who)).json()
            customers = (await http.get(f"/dossiers/{dossier}/history?side=customers&status=open",
                                        headers=who)).json()
            archive = (await http.get(f"/dossiers/{dossier}/archive", headers=who)).json()
            found = {q: (await http.get(f"/dossiers/{dossier}/archive", params={"q": q}, headers=who)).json()["total"]
                     for q in ("brouwerij", "ACH", "605", "605,00", "S1", "BNK", "604", "nobody")}
    assert board["totals"] == {"turnover": "1000.00", "purchases": "700.00", "other_costs": "300.00",
                               "gross_margin": "300.00", "result": "0.00", "vat_balance": "63.00", "documents": 3}
    march = board["months"][2]
    assert march["provisional"] is True and march["turnover"] == "2000.50"  # E7's credit note was deleted
    # REP-6: the entries put 3630.61 on 40, but R2 (2420.61) is paid: the open items say what is still due
    assert board["balances"]["receivables"] == "1210.00" and board["accounting_updated_up_to"] == "2026-02-28"
    assert suppliers["invoices"][0]["payment_in_progress"] is True
    assert suppliers["invoices"][0]["counterparty_name"] == "Brouwerij Haacht NV"
    assert customers["key_figures"]["open"] == "1210.00" and customers["total"] == 1
    assert customers["invoices"][0]["overdue_days"] == (date.today() - date(2026, 2, 9)).days
    doc = archive["documents"][0]
    assert archive["total"] == 1 and doc["status"] == "booked" and doc["invoice_number"] == "INV-E2"
    assert doc["counterparty_name"] == "Brouwerij Haacht NV" and doc["journal_code"] == "ACH"
    # REP-3 search: counterparty name, journal, amount (either notation), counterparty reference; nothing else
    assert found == {"brouwerij": 1, "ACH": 1, "605": 1, "605,00": 1, "S1": 1, "BNK": 0, "604": 0, "nobody": 0}


async def test_a_cancelled_payment_and_the_bank_line_clear_payment_in_progress(issuer):
    """PAY-7, REP-4, REP-6 (issue 17 item 1): a payment cancelled (its cancellation even arriving before its
    approval, on another topic) leaves the invoice not in progress; a second payment marks it; the bank statement
    line paying it makes it paid at once in History, and the dashboard's payables drop by its amount. History ticks an
invoice with a payment in progress done; the archive shows the document open, payment in progress, then paid."""
    dossier, document = uuid.uuid4(), uuid.uuid4()
    ev = _events(dossier, document)
    first = ev["paying"]
    cancelled = PaymentCancelled(correlation_id="test", office_id=OFFICE, dossier_id=dossier,
                                 payment_id=first.payment_id, document_id=document, amount=first.amount,
                                 was_approved=True)
    second = first.model_copy(update={"payment_id": uuid.uuid4(), "event_id": uuid.uuid4()})
    item = MatchedItem(kind="payable", reference="17", external_id="p2", amount=first.amount)
    statement = BankStatementImported(
        correlation_id="test", office_id=OFFICE, dossier_id=dossier, statement_file_id=uuid.uuid4(),
        outcome="imported", lines=(StatementLineOutcome(sequence="0001", booking_date=date(2026, 4, 10),
                                                        amount=-first.amount, state="matched",
                                                        rule="iban_amount", matched=(item,)),))
    async with running() as (settings, rt, topics):
        await publish_events(settings, topics["dossier.changed"], dossier_changed(dossier))
        await publish_events(settings, topics["ledger.synced"], *ev["parts"])
        await publish_events(settings, topics["booking.recorded"], ev["posted"])
        await publish_events(settings, topics["document.received"], ev["received"])
        await publish_events(settings, topics["payment.cancelled"], cancelled)
        await publish_events(settings, topics["payment.approved"], first)
        app = app_on(rt.pool, issuer)
        who = bearer(issuer, client(dossier, "full_access"))

        async def inbox(n):
            async def done():
                return await rt.pool.fetchval("SELECT count(*) FROM inbox") == n
            await wait_for(done, timeout=60)

        async def payable():
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://reporting") as http:
                suppliers = (await http.get(f"/dossiers/{dossier}/history?side=suppliers", headers=who)).json()
                board = (await http.get(f"/dossiers/{dossier}/dashboard?year=2026", headers=who)).json()
                archive = (await http.get(f"/dossiers/{dossier}/archive", headers=who)).json()
            return suppliers["invoices"][0], board["balances"]["payables"], archive["documents"][0]["payment_state"]

        await inbox(8)
        invoice, before, state = await payable()
        assert (invoice["payment_in_progress"], invoice["paid"], invoice["done"], state) == (False, False, False, "open")
        await publish_events(settings, topics["payment.approved"], second)
        await inbox(9)
        invoice, _, state = await payable()
        assert (invoice["payment_in_progress"], invoice["done"], state) == (True, True, "payment_in_progress")
        await publish_events(settings, topics["bank_statement.imported"], statement)
        await inbox(10)
        invoice, after, state = await payable()
    assert invoice["paid"] is True and invoice["payment_in_progress"] is False and invoice["amount_open"] == "0.00"
    assert state == "paid"  # the archive's document (REP-3)
    assert abs(Decimal(before)) - abs(Decimal(after)) == Decimal("605.00")  # payables: a credit balance
