"""Sync runs through the service on Kafka and Postgres, the software being the fake adapter:
what a nightly, manual and full sync publish (SYN-1, SYN-3..5), deletions, the client e-mail, and an
accounting software without adapter."""
from __future__ import annotations

import asyncio
import uuid
from datetime import date

import pytest
from contracts.events.ledger import AccountRecord, BankTransaction, SyncRequested
from service_harness import activated, running
from sync_testkit import new_code, proposal_validated, seed_fake

from sync_fake_adapter import FakeAdapter
from sync_connector.adapters.registry import Adapters
from sync_connector.entrypoints.scheduler import sync_after_postings

pytestmark = pytest.mark.integration


async def _runs(svc, dossier, reason):
    return [e for e in await svc.ledger(1, dossier_id=dossier)
            if e["sync"]["reason"] == reason]


async def test_nightly_manual_and_full_syncs_publish_changes_deletions_and_all():
    fake, code = FakeAdapter(), new_code()
    d = seed_fake(fake, code)
    office, dossier = uuid.uuid4(), uuid.uuid4()
    async with running(Adapters(fixed={("fake", "local"): fake})) as svc:
        await svc.publish(activated(office, dossier, code, software="fake"), "dossier.changed")
        first, = await svc.ledger(1, dossier_id=dossier)
        assert len(first["master_data"]["accounts"]) == len(d.accounts)

        # changed in the software: one account renamed, one removed
        d.accounts["604000"] = AccountRecord(code="604000", name="Aankopen handelsgoederen", kind="expense")
        del d.accounts["610000"]
        await svc.publish(SyncRequested(correlation_id="n", office_id=office, dossier_id=dossier, reason="nightly",
                                        updated_up_to=date(2026, 9, 30)), "sync.requested")
        nightly = (await _wait(svc, dossier, "nightly"))[0]
        assert [a["name"] for a in nightly["master_data"]["accounts"]] == ["Aankopen handelsgoederen"]
        assert nightly["master_data"]["deleted"] == [{"kind": "accounts", "reference": "610000"}]
        assert {(c["kind"], c["updated"], c["deleted"]) for c in nightly["sync"]["changes"]} == {("accounts", 1, 1)}
        assert nightly["sync"]["updated_up_to"] is None  # SYN-3: the nightly sync does not move it

        await svc.publish(SyncRequested(correlation_id="m", office_id=office, dossier_id=dossier, reason="manual",
                                        updated_up_to=date(2026, 10, 31), notify_client=True,
                                        reset_sent_counter=True), "sync.requested")
        manual = (await _wait(svc, dossier, "manual"))[0]
        assert manual["master_data"]["accounts"] == [] and manual["sync"]["updated_up_to"] == "2026-10-31"
        assert manual["sync"]["sent_counter_reset"] and not nightly["sync"]["sent_counter_reset"]
        mail = await svc.rt.pool.fetchrow("SELECT payload FROM outbox WHERE topic = 'notification.requested'")
        assert mail is not None and b"dossier.updated" in bytes(mail["payload"])

        await svc.publish(SyncRequested(correlation_id="f", office_id=office, dossier_id=dossier, reason="full"),
                          "sync.requested")
        full = (await _wait(svc, dossier, "full"))[0]
        assert len(full["master_data"]["accounts"]) == len(d.accounts) and full["sync"]["changes"] == []
        assert full["sync"]["updated_up_to"] == "2026-10-31"


async def test_a_software_without_adapter_fails_the_activation_for_support():
    office, dossier = uuid.uuid4(), uuid.uuid4()
    async with running(Adapters(fixed={})) as svc:
        await svc.publish(activated(office, dossier, "x1", software="winbooks"), "dossier.changed")
        failed, = await svc.ledger(1, dossier_id=dossier)
        assert failed["outcome"] == "failed" and "winbooks" in failed["error_reason"]
        assert failed["sync"]["sync_status"] == "needs_support"


async def _wait(svc, dossier, reason):
    from runtime.testing import wait_for
    return await wait_for(lambda: _runs(svc, dossier, reason), timeout=40)


async def test_postings_are_followed_by_one_sync_that_sends_only_what_else_changed():
    fake, code = FakeAdapter(), new_code()
    d = seed_fake(fake, code)
    office, dossier = uuid.uuid4(), uuid.uuid4()
    async with running(Adapters(fixed={("fake", "local"): fake}), sync_after_posting_s=0.2) as svc:
        await svc.publish(activated(office, dossier, code, software="fake"), "dossier.changed")
        await svc.ledger(1, dossier_id=dossier)
        first, second = (proposal_validated(office, dossier, period="2026-03") for _ in range(2))
        for proposal in (first, second):
            await svc.publish(proposal.model_copy(update={"journal": proposal.journal.model_copy(
                update={"code": "EXP"})}), "proposal.validated")
        await svc.bookings(2, action="posted", dossier_id=dossier)
        d.bank.append(BankTransaction(reference="stmt:1", booking_date=date(2026, 3, 20), amount="-242.00",
                                      counterparty_name="Brouwerij Van Test"))
        await asyncio.sleep(0.3)
        assert await sync_after_postings(svc.deps) == 1
        assert await sync_after_postings(svc.deps) == 0  # one sync for the batch
        run, = await _wait(svc, dossier, "posting")
        master = run["master_data"]
        assert [b["reference"] for b in master["bank_transactions"]] == ["stmt:1"]
        assert master["entries"] == [] and master["counterparties"] == []  # already sent with the postings
