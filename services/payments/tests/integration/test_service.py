"""payments on the real Kafka, Postgres and S3: proposal.validated prefills a payment (PAY-2), approval by every
rule user publishes payment.approved on Kafka (PAY-8)."""
from __future__ import annotations

import contextlib
import json
import uuid
from datetime import datetime, timezone
from decimal import Decimal

import pytest
from contracts.codec import deserialize
from runtime import service
from runtime.config import Settings
from runtime.db import drop_database
from runtime.testing import publish_events, read_topic, temp_topics, wait_for

from payments.adapters import replica, rules_repo
from payments.bootstrap import build_spec
from payments.domain.approval import ApprovalRule
from payments.handlers import creation, lifecycle
from payments_testkit import client_user, dossier_changed, proposal_created, proposal_validated

pytestmark = pytest.mark.integration
CONSUMED = ("dossier.changed", "proposal.created", "proposal.validated", "ledger.synced")


@contextlib.asynccontextmanager
async def running():
    """payments in-process on its own topics and database; payment.approved goes to a test topic too."""
    settings = Settings(service="payments-it", pg_database=f"test_payments_{uuid.uuid4().hex[:8]}",
                        consumer_group=f"payments-it-{uuid.uuid4().hex[:6]}")
    async with temp_topics(settings, *CONSUMED) as names:
        rt = await service.start(build_spec(name="payments-it", topics=dict(zip(names, CONSUMED))), settings)
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
