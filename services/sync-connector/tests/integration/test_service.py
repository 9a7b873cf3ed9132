"""The sync-connector on the real Kafka, Postgres and Tryton: activation imports the dossier (SYN-7),
a validated proposal is posted once with its VAT in the right grids (SYN-2), refusals come back with
a reason, a withdrawn proposal's booking is deleted (SYN-6), a change made in Tryton comes back with
the next sync and a manual sync closes the earlier periods (SYN-1, SYN-4)."""
from __future__ import annotations

import uuid
from decimal import Decimal

import pytest
from contracts.events.common import Actor
from contracts.events.ledger import SyncRequested
from contracts.events.proposals import ProposalWithdrawn
from runtime.testing import wait_for
from service_harness import activated, running
from sync_testkit import (
    SUPPLIER_VAT, create_tryton_dossier, drop_tryton_dossier, new_code, proposal_validated, run_apart, tryton_adapter,
)

from sync_connector.adapters.tryton import provision

pytestmark = pytest.mark.integration


@pytest.fixture
def code():
    code = new_code()
    run_apart(create_tryton_dossier(code))
    yield code
    drop_tryton_dossier(code)


async def grid_amounts(code: str, period: str) -> dict[str, Decimal]:
    """The VAT return grids of a period as Tryton computes them."""
    adapter = tryton_adapter()
    try:
        rpc = await adapter.rpc(code)
        period_id = (await rpc.search_read("account.period", [("name", "=", period)], ["id"]))[0]["id"]
        rows = await rpc.search_read("account.tax.code", [], ["code", "amount"], context={"periods": [period_id]})
        return {r["code"]: r["amount"] for r in rows if r["code"]}
    finally:
        await adapter.close()


async def test_activation_posting_refusal_withdrawal_and_sync_back(code):
    office, dossier = uuid.uuid4(), uuid.uuid4()
    async with running() as svc:
        await svc.publish(activated(office, dossier, code), "dossier.changed")
        imported = await svc.ledger(1, dossier_id=dossier)
        assert imported and imported[0]["sync"]["reason"] == "activation" and imported[0]["outcome"] == "succeeded"
        parts = await svc.ledger(imported[0]["master_data"]["parts"], dossier_id=dossier)
        assert {p["master_data"]["part"] for p in parts} == set(range(1, parts[0]["master_data"]["parts"] + 1))
        assert all(sum(len(v) for v in p["master_data"].values() if isinstance(v, list)) <= 500 for p in parts)
        accounts = {a["code"] for p in parts for a in p["master_data"]["accounts"]}
        vat_codes = {v["code"]: v for p in parts for v in p["master_data"]["vat_codes"]}
        assert {"604000", "440000", "499000"} <= accounts and "81" in vat_codes["achat_marchandises_21"]["grids"]

        # SYN-2: posted once, their reference, our number and comment, VAT in grids 81 and 59
        proposal = proposal_validated(office, dossier, period="2026-03")
        await svc.publish(proposal, "proposal.validated")
        posted, = await svc.bookings(1, action="posted", proposal_id=proposal.proposal_id)
        assert posted["outcome"] == "succeeded", posted["error_reason"]
        booking = posted["booking"]
        assert booking["external_id"] == str(proposal.proposal_id) and booking["invoice_number"] == "INV-556"
        assert booking["document_number"] == "ACH 2026/00012" and booking["comment"] == "ok voor mij"
        new_party, = posted["records"]["counterparties"]
        assert new_party["vat_number"] == SUPPLIER_VAT and booking["counterparty_reference"] == new_party["reference"]
        grids = await grid_amounts(code, "2026-03")
        assert (grids["81"], grids["59"]) == (Decimal("200.00"), Decimal("42.00"))

        # redelivered (a new delivery of the same proposal): no second booking
        await svc.publish(proposal.model_copy(update={"event_id": uuid.uuid4()}), "proposal.validated")
        both = await svc.bookings(2, action="posted", proposal_id=proposal.proposal_id)
        assert [e["booking"]["reference"] for e in both] == [booking["reference"]] * 2
        assert (await grid_amounts(code, "2026-03"))["81"] == Decimal("200.00")

        # refused by Tryton: unknown account -> failed with a reason; the monitor says what to do
        bad = proposal_validated(office, dossier, period="2026-03", account="609999")
        await svc.publish(bad, "proposal.validated")
        failed, = await svc.bookings(1, action="posted", proposal_id=bad.proposal_id)
        assert failed["outcome"] == "failed" and "609999" in failed["error_reason"]
        row = await svc.rt.pool.fetchrow("SELECT sync_status, instruction FROM dossier_links WHERE dossier_id = $1", dossier)
        assert row["sync_status"] == "needs_collaborator" and "account" in row["instruction"]

        # a VAT amount without a VAT code: Tryton would book 200.00 without VAT for a validated 242.00 -> refused
        # before posting, with the amounts as values of a code, and nothing left in Tryton (issue 15 item 1)
        no_code = proposal_validated(office, dossier, period="2026-03")
        no_code = no_code.model_copy(update={"lines": (no_code.lines[0].model_copy(update={"vat_code": None}),)})
        await svc.publish(no_code, "proposal.validated")
        failed, = await svc.bookings(1, action="posted", proposal_id=no_code.proposal_id)
        assert (failed["outcome"], failed["error_code"]) == ("failed", "TotalsDiffer"), failed["error_reason"]
        values = {k: Decimal(v) for k, v in failed["error_params"].items()}
        assert (values["gross"], values["software_gross"], values["software_vat"]) == (Decimal("242.00"),
                                                                                      Decimal("200.00"), 0)
        assert await tryton_adapter_finds(code, no_code.proposal_id) is None
        assert (await grid_amounts(code, "2026-03"))["81"] == Decimal("200.00")

        # SYN-6: withdrawn -> cancelled in Tryton, booking.recorded deleted
        await svc.publish(ProposalWithdrawn(
            correlation_id="test-withdraw", office_id=office, dossier_id=dossier, proposal_id=proposal.proposal_id,
            document_id=proposal.document_id, booking_reference=booking["reference"],
            withdrawn_by=Actor(kind="collaborator", user_id=uuid.uuid4())), "proposal.withdrawn")
        deleted, = await svc.bookings(1, action="deleted", proposal_id=proposal.proposal_id)
        assert deleted["outcome"] == "succeeded" and deleted["booking"]["reference"] == booking["reference"]
        assert (await grid_amounts(code, "2026-03"))["81"] == Decimal("0")

        # a party created directly in Tryton shows up with the next (manual) sync, and only what changed
        adapter = tryton_adapter()
        rpc = await adapter.rpc(code)
        party_id = await provision.create_party(rpc, "Drukkerij Rechtstreeks", "BE0919248610")
        await adapter.close()
        request = SyncRequested(correlation_id="test-manual", office_id=office, dossier_id=dossier, reason="manual",
                                updated_up_to="2026-02-28", new_active_period="2026-03")
        await svc.publish(request, "sync.requested")

        async def manual_run():
            runs = await svc.ledger(1, dossier_id=dossier)
            return [r for r in runs if r["sync"]["reason"] == "manual"]
        synced = (await wait_for(manual_run, timeout=40))[0]
        master = synced["master_data"]
        assert [(c["reference"], c["vat_number"]) for c in master["counterparties"]] == [
            (str(party_id), "BE0919248610")]
        assert master["accounts"] == [] and synced["sync"]["updated_up_to"] == "2026-02-28"
        closed = {p["code"]: p["state"] for p in master["periods"]}
        earlier = {f"{y}-{m:02d}": "closed" for y in (2024, 2025) for m in range(1, 13)}
        assert closed == {**earlier, "2026-01": "closed", "2026-02": "closed"}

        # now closed in Tryton: a proposal for January is refused with the reason
        late = proposal_validated(office, dossier, period="2026-01")
        await svc.publish(late, "proposal.validated")
        refused, = await svc.bookings(1, action="posted", proposal_id=late.proposal_id)
        assert refused["outcome"] == "failed" and "2026-01 is closed" in refused["error_reason"]

        # SYN-7: a dossier code Tryton does not know fails the activation, for the collaborator to fix
        unknown = uuid.uuid4()
        await svc.publish(activated(office, unknown, "no_such_code_here"), "dossier.changed")
        failed, = await svc.ledger(1, dossier_id=unknown)
        assert failed["outcome"] == "failed" and failed["sync"]["sync_status"] == "needs_collaborator"
        row = await svc.rt.pool.fetchrow("SELECT activated_at, instruction FROM dossier_links WHERE dossier_id = $1",
                                         unknown)
        assert row["activated_at"] is None and "dossier code" in row["instruction"]


async def tryton_adapter_finds(code: str, proposal_id):
    adapter = tryton_adapter()
    try:
        return await adapter.find_booking(code, str(proposal_id))
    finally:
        await adapter.close()
