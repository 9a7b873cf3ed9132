"""SYN-8 on the real Tryton, Kafka and Postgres: the activation creates the office's journal templates as journals in
Tryton (a second activation creates nothing twice), an account changed in Tryton is flagged by the next sync for
the office to review, and accepting it (sync.changes.review) takes it off the list; who may, bad input named. The
adapter part runs against the fake and Tryton alike (the contract)."""
from __future__ import annotations

import uuid

import httpx
import pytest
from contracts.events.dossiers import JournalSetting
from contracts.events.ledger import SyncRequested
from runtime.auth.tokens import TokenIssuer, TokenVerifier, generate_signing_key
from runtime.service import http_app
from service_harness import activated, running
from sync_testkit import create_tryton_dossier, drop_tryton_dossier, new_code, run_apart, tryton_adapter

from integration.test_http import OFFICE, auth
from sync_connector.bootstrap import SPEC
from sync_connector.domain.journals import JournalTemplate

pytestmark = pytest.mark.integration
JOURNALS = (JournalSetting(alias="AANK2", type="purchases", description="Aankopen bis", number_format="{seq}"),
            JournalSetting(alias="DIV9", type="misc", description="Diverse verrichtingen", number_format="{seq}"),
            JournalSetting(alias="OUD", type="misc", number_format="{seq}", active=False))


@pytest.fixture
def tryton_code():
    """A fresh Tryton dossier per test (the conftest's world uses it): journals and accounts are changed here."""
    code = new_code()
    run_apart(create_tryton_dossier(code))
    yield code
    drop_tryton_dossier(code)


async def test_journals_are_created_once_and_read_back(world):
    adapter, code = world
    wanted = [JournalTemplate("AANK2", "Aankopen bis", "purchases"), JournalTemplate("VERK2", "Verkopen bis", "sales")]
    first = await adapter.ensure_journals(code, wanted)
    assert [(o.code, o.outcome) for o in first] == [("AANK2", "created"), ("VERK2", "created")]
    again = await adapter.ensure_journals(code, wanted)
    assert [o.outcome for o in again] == ["existed", "existed"]
    journals = [j for j in (await adapter.read_master_data(code)).journals if j.code in ("AANK2", "VERK2")]
    assert sorted((j.code, j.type, j.name) for j in journals) == [("AANK2", "purchases", "Aankopen bis"),
                                                                  ("VERK2", "sales", "Verkopen bis")]


async def _rename_account(code: str, account: str, name: str) -> None:
    adapter = tryton_adapter()
    try:
        rpc = await adapter.rpc(code)
        found = await rpc.search_read("account.account", [("code", "=", account)], ["id"])
        await rpc.model("account.account", "write", [found[0]["id"]], {"name": name})
    finally:
        await adapter.close()


async def _tryton_journals(code: str) -> list[str]:
    adapter = tryton_adapter()
    try:
        rpc = await adapter.rpc(code)
        rows = await rpc.search_read("account.journal", [], ["code"], context={"active_test": False})
        return sorted(r["code"] for r in rows if r["code"])
    finally:
        await adapter.close()


async def test_activation_creates_the_journals_and_a_sync_flags_account_changes_for_review(tryton_code):
    code = tryton_code
    office, dossier = uuid.UUID(OFFICE), uuid.uuid4()
    event = activated(office, dossier, code)
    event = event.model_copy(update={"dossier": event.dossier.model_copy(update={
        "settings": event.dossier.settings.model_copy(update={"journals": JOURNALS})})})
    issuer = TokenIssuer(generate_signing_key(), "test-kid", "bookingfactory-office")
    async with running() as svc:
        await svc.publish(event, "dossier.changed")
        first = await svc.ledger(1, dossier_id=dossier)
        imported = await svc.ledger(first[0]["master_data"]["parts"], dossier_id=dossier)
        journals = {j["code"]: j for p in imported for j in p["master_data"].get("journals", [])}
        assert journals["AANK2"]["type"] == "purchases" and journals["DIV9"]["type"] == "misc"
        assert "OUD" not in await _tryton_journals(code)

        # a second activation creates nothing twice
        await svc.publish(event.model_copy(update={"event_id": uuid.uuid4()}), "dossier.changed")
        await svc.ledger(2 * len(imported), dossier_id=dossier, timeout=60)
        codes = await _tryton_journals(code)
        assert codes.count("AANK2") == 1 and codes.count("DIV9") == 1

        await _rename_account(code, "604000", "Aankopen handelsgoederen (gewijzigd)")
        await svc.publish(SyncRequested(correlation_id="n", office_id=office, dossier_id=dossier, reason="nightly"),
                          "sync.requested")
        runs = [e for e in await svc.ledger(2 * len(imported) + 1, dossier_id=dossier, timeout=60)
                if e["sync"]["reason"] == "nightly"]
        assert runs and runs[0]["outcome"] == "succeeded"

        app = http_app(SPEC, svc.settings, svc.deps,
                       token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://sync") as client:
            base, admin = f"/dossiers/{dossier}/account-changes", auth(issuer, "ADMIN", dossier)
            listed = (await client.get(base, headers=admin)).json()
            assert [(c["code"], c["change"], c["name"]) for c in listed["pending"]] == [
                ("604000", "updated", "Aankopen handelsgoederen (gewijzigd)")]
            assert {(j["code"], j["outcome"]) for j in listed["journals"]} == {("AANK2", "created"),
                                                                              ("DIV9", "created")}
            for who in ("CLIENT", "SUPPORT", "FOREIGN_ADMIN"):
                assert (await client.get(base, headers=auth(issuer, who, dossier))).status_code == 403, who
            assert (await client.get(base)).status_code == 401
            bad = await client.post(f"{base}/accept", json={"change_ids": [str(uuid.uuid4())]}, headers=admin)
            assert bad.status_code == 422 and "not waiting for review" in bad.json()["error"]["message"]
            none = await client.post(f"{base}/accept", json={"change_ids": []}, headers=admin)
            assert none.status_code == 422 and none.json()["error"]["code"] == "nothing_picked"
            assert (await client.post(f"{base}/accept", json={"change_ids": ["x"]}, headers=admin)).status_code == 422
            change_id = listed["pending"][0]["change_id"]
            refused = await client.post(f"{base}/accept", json={"change_ids": [change_id]},
                                        headers=auth(issuer, "SUPPORT", dossier))
            assert refused.status_code == 403
            done = await client.post(f"{base}/accept", json={"change_ids": [change_id]},
                                     headers=auth(issuer, "COLLABORATOR", dossier))
            assert done.status_code == 200 and done.json() == {"accepted": [change_id], "pending": 0}
            assert (await client.get(base, headers=admin)).json()["pending"] == []
