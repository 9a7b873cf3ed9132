"""payments on the real Kafka, Postgres and S3: proposal.validated prefills a payment (PAY-2), approval by every
rule user publishes payment.approved on Kafka (PAY-8); execution, cancellation and the bank's statement publish
payment.executed and payment.cancelled (issue 17 item 1)."""
from __future__ import annotations

import contextlib
import json
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

import pytest
from contracts.codec import deserialize
from contracts.events.bank import BankStatementImported, MatchedItem, StatementLineOutcome
from runtime import service
from runtime.db import drop_database
from runtime.testing import on_test_topics, publish_events, read_topic, temp_topics, wait_for

from payments.adapters import payments_repo, replica, rules_repo
from payments.bootstrap import SPEC
from payments.config import PaymentsSettings
from payments.domain.approval import ApprovalRule
from payments.handlers import creation, execution, lifecycle
from payments_testkit import OFFICE, client_user, dossier_changed, proposal_created, proposal_validated

pytestmark = pytest.mark.integration
CONSUMED = ("dossier.changed", "proposal.created", "proposal.validated", "ledger.synced", "bank_statement.imported")


@contextlib.asynccontextmanager
async def running():
    """payments in-process on its own topics and database; payment.approved goes to a test topic too."""
    settings = PaymentsSettings(service="payments-it", pg_database=f"test_payments_{uuid.uuid4().hex[:8]}",
                                consumer_group=f"payments-it-{uuid.uuid4().hex[:6]}")
    async with temp_topics(settings, *CONSUMED) as names:
        rt = await service.start(on_test_topics(SPEC, dict(zip(names, CONSUMED)), name="payments-it"), settings)
        try:
            yield settings, rt, dict(zip(CONSUMED, names))
        finally:
            await service.stop(rt)
            await drop_database(settings.dsn("postgres"), settings.database)


async def test_a_proposal_becomes_a_prefilled_payment_approved_by_each_rule_user_on_kafka():
    """PAY-2, PAY-8: the document arrives by Kafka (twice: the inbox applies it once), both rule users approve, the relay
    publishes payment.approved with both approvers on the payment.approved topic."""
    dossier, document = uuid.uuid4(), uuid.uuid4()
    anna, bob = client_user("full_access"), client_user("administrator")
    async with running() as (settings, rt, topics):
        await publish_events(settings, topics["dossier.changed"], dossier_changed(dossier, anna, bob))
        proposal = proposal_created(dossier, document, gross="99.99")
        await publish_events(settings, topics["proposal.created"], proposal, proposal)
        await publish_events(settings, topics["proposal.validated"], proposal_validated(proposal))

        async def known():  # prefilled only once reviewed (issue 15 item 11)
            return await replica.dossier(rt.pool, dossier) and await rt.pool.fetchval(
                "SELECT count(*) FROM payable_documents WHERE document_id = $1 AND reviewed", document)
        await wait_for(known, timeout=60)
        now = datetime.now(timezone.utc)
        async with rt.pool.acquire() as conn, conn.transaction():
            await rules_repo.set_approval_required(conn, dossier, True, bob.user_id)
            rule = ApprovalRule(uuid.uuid4(), dossier, "both", frozenset({anna.user_id, bob.user_id}))
            await rules_repo.upsert(conn, rule)
            payment, _ = await creation.create(conn, await replica.dossier(conn, dossier),
                                               creation.CreatePayment(initiated_by=anna.user_id,
                                                                      document_id=document), today=now.date())
            await lifecycle.request_approval(conn, dossier, payment.id, rule.id, anna.user_id, now=now)
        assert payment.amount == Decimal("99.99") and payment.creditor.name == "Proximus NV"
        async with rt.pool.acquire() as conn, conn.transaction():
            approved = await lifecycle.approve(conn, dossier, payment.id, bob.user_id, now=now)
        assert approved.state.value == "to_execute"
        records = [r for r in await read_topic(settings, "payment.approved", expect=10_000, timeout=15)
                   if r.key == str(dossier).encode()]
    assert len(records) == 1
    event = deserialize("payment.approved", records[0].value, list(records[0].headers))
    assert event.payment_id == payment.id and event.document_id == document
    assert {a.user_id for a in event.approvers} == {anna.user_id, bob.user_id}
    assert event.communication.kind == "structured" and json.loads(records[0].value)["amount"] == "99.99"


async def _to_execute(conn, dossier, document, user, now, method=creation.Method.SEPA):
    payment, _ = await creation.create(conn, await replica.dossier(conn, dossier), creation.CreatePayment(
        initiated_by=user, document_id=document, method=method), today=now.date())
    return await lifecycle.request_approval(conn, dossier, payment.id, None, user, now=now)


def _statement_paying(dossier, proposal) -> BankStatementImported:
    item = MatchedItem(kind="payable", reference="17", external_id=str(proposal.proposal_id),
                       amount=proposal.totals.gross)
    line = StatementLineOutcome(sequence="0001", booking_date=date.today(), amount=-proposal.totals.gross,
                                state="matched", rule="structured_reference", matched=(item,))
    return BankStatementImported(correlation_id="test", office_id=OFFICE, dossier_id=dossier,
                                 statement_file_id=uuid.uuid4(), outcome="imported", lines=(line,))


async def test_executed_cancelled_and_paid_by_the_bank_reach_kafka():
    """Issue 17 item 1 (PAY-7): a cancelled approved payment publishes payment.cancelled (was_approved); an EPC QR
    scan publishes payment.executed; the bank's statement paying the invoice of an approved payment executes it
    (payment.executed by the bank statement) and the invoice is no longer 'payment in progress' but paid."""
    dossier, anna = uuid.uuid4(), client_user("administrator")
    docs = [uuid.uuid4() for _ in range(3)]
    async with running() as (settings, rt, topics):
        await publish_events(settings, topics["dossier.changed"], dossier_changed(dossier, anna))
        proposals = [proposal_created(dossier, d, gross=g) for d, g in zip(docs, ("10.00", "20.00", "30.00"))]
        await publish_events(settings, topics["proposal.validated"], *[proposal_validated(p) for p in proposals])

        async def known():
            return await replica.dossier(rt.pool, dossier) and await rt.pool.fetchval(
                "SELECT count(*) FROM payable_documents WHERE dossier_id = $1 AND reviewed", dossier) == 3
        await wait_for(known, timeout=60)
        now = datetime.now(timezone.utc)
        async with rt.pool.acquire() as conn, conn.transaction():
            cancelled = await _to_execute(conn, dossier, docs[0], anna.user_id, now)
            await lifecycle.cancel(conn, dossier, cancelled.id, anna.user_id)
            by_qr = await _to_execute(conn, dossier, docs[1], anna.user_id, now, creation.Method.EPC_QR)
            await execution.pay_by_qr(conn, dossier, by_qr.id, now=now)
            by_bank = await _to_execute(conn, dossier, docs[2], anna.user_id, now)
        await publish_events(settings, topics["bank_statement.imported"], _statement_paying(dossier, proposals[2]))

        async def executed():
            async with rt.pool.acquire() as conn:
                return (await payments_repo.get(conn, dossier, by_bank.id)).state.value == "executed"
        await wait_for(executed, timeout=60)
        assert await rt.pool.fetchval("SELECT paid FROM payable_documents WHERE document_id = $1", docs[2])

        def mine(topic):
            return read_topic(settings, topic, expect=100_000, timeout=10)
        done = [deserialize("payment.executed", r.value, list(r.headers))
                for r in await mine("payment.executed") if r.key == str(dossier).encode()]
        gone = [deserialize("payment.cancelled", r.value, list(r.headers))
                for r in await mine("payment.cancelled") if r.key == str(dossier).encode()]
    assert sorted((e.payment_id, e.executed_by, e.document_id) for e in done) == sorted(
        [(by_qr.id, "epc_qr", docs[1]), (by_bank.id, "bank_statement", docs[2])])
    assert [(e.payment_id, e.was_approved, e.cancelled_by, e.amount) for e in gone] == [
        (cancelled.id, True, anna.user_id, Decimal("10.00"))]
