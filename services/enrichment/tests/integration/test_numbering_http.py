"""ENR-4 (issue 15 item 8) on the real Postgres: GET /dossiers/{id}/numbering answers each journal's real next
number — what the journals page shows instead of the settings' 'next number 1' — to who configures the dossier."""
from __future__ import annotations

import uuid
from datetime import date

import httpx
import pytest
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
from runtime.config import Settings
from runtime.service import http_app
from runtime.testing import temp_pool

from enrichment import bootstrap
from enrichment.adapters.postgres import in_transaction
from enrichment.config import EnrichmentSettings
from enrichment.handlers import propose, replicate
from enrichment.handlers.context import Deps
from enrichment_testkit import OFFICE, dossier_changed, invoice, master, party, periods, recognized, synced

pytestmark = pytest.mark.integration


class Tokens:
    """Token -> principal, as the office's verifier would say."""

    def __init__(self, dossier: uuid.UUID) -> None:
        self.people = {
            "admin": Principal("u1", PrincipalKind.COLLABORATOR, str(OFFICE), role=Role.ADMIN),
            "client": Principal("u2", PrincipalKind.CLIENT, str(OFFICE), profiles={str(dossier): ClientProfile.FULL_ACCESS}),
            "foreign": Principal("u3", PrincipalKind.COLLABORATOR, str(uuid.uuid4()), role=Role.ADMIN)}

    async def verify(self, token: str) -> Principal:
        return self.people[token]


async def test_the_journals_real_next_numbers_per_fiscal_year():
    dossier = uuid.uuid4()
    async with temp_pool(Settings(service="enrichment-test"), bootstrap.MIGRATIONS) as pool:
        async with in_transaction(pool) as replica:
            await replicate.apply_dossier(replica, dossier_changed(dossier))
            await replicate.apply_ledger(replica, synced(dossier, master(periods=periods(2025) + periods(2026))))
        for n, day in enumerate((date(2025, 11, 3), date(2025, 11, 4), date(2026, 12, 1))):
            async with in_transaction(pool) as replica:
                await propose.propose(replica, recognized(invoice(seller=party("Proximus NV", "BE0202239951"),
                                                                  number=f"F{n}", day=day), dossier=dossier))
        settings = EnrichmentSettings(service="enrichment-test")
        app = http_app(bootstrap.SPEC, settings, Deps(pool=pool, settings=settings), token_verifier=Tokens(dossier))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://enrichment") as client:
            url = f"/dossiers/{dossier}/numbering"
            answer = await client.get(url, headers={"authorization": "Bearer admin"})
            assert answer.status_code == 200, answer.text
            found = {j["code"]: (j["fiscal_year"], j["next_number"]) for j in answer.json()["journals"]}
            assert found == {"ACH": ("2026", 2), "ACN": (None, 1), "VEN": (None, 40)}
            for who in ("client", "foreign"):
                assert (await client.get(url, headers={"authorization": f"Bearer {who}"})).status_code == 403
            unknown = await client.get(f"/dossiers/{uuid.uuid4()}/numbering", headers={"authorization": "Bearer admin"})
            assert unknown.status_code in (403, 404)
            assert (await client.get(url)).status_code == 401


async def test_a_proposal_moved_to_another_fiscal_year_is_renumbered_there():
    """Issue 15 (ENR-4): the worklist asks for the number of a proposal moved from 2025-12 to 2026-01: 2026's next
    number, kept while it stays in 2026; the journals page then counts on from it; 2025's number is not reused.
    Unknown journal or period: 422 naming the field; another dossier's proposal 404; another office 403."""
    dossier = uuid.uuid4()
    async with temp_pool(Settings(service="enrichment-test"), bootstrap.MIGRATIONS) as pool:
        async with in_transaction(pool) as replica:
            await replicate.apply_dossier(replica, dossier_changed(dossier))
            await replicate.apply_ledger(replica, synced(dossier, master(periods=periods(2025) + periods(2026))))
            made = await propose.propose(replica, recognized(invoice(seller=party("Proximus NV", "BE0202239951"),
                                                                     number="F1", day=date(2025, 12, 2)),
                                                             dossier=dossier))
        assert made.document_number == "ACH/2025/0007"
        settings = EnrichmentSettings(service="enrichment-test")
        app = http_app(bootstrap.SPEC, settings, Deps(pool=pool, settings=settings), token_verifier=Tokens(dossier))
        admin = {"authorization": "Bearer admin"}
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://enrichment") as client:
            url = f"/dossiers/{dossier}/proposals/{made.proposal_id}/number"
            moved = await client.post(url, json={"journal": "ACH", "period": "2026-01"}, headers=admin)
            assert moved.status_code == 200, moved.text
            assert moved.json() == {"document_number": "ACH/2026/0001", "renumbered": True}
            again = await client.post(url, json={"journal": "ACH", "period": "2026-03"}, headers=admin)
            assert again.json() == {"document_number": "ACH/2026/0001", "renumbered": False}
            numbers = (await client.get(f"/dossiers/{dossier}/numbering", headers=admin)).json()["journals"]
            assert {j["code"]: (j["fiscal_year"], j["next_number"]) for j in numbers}["ACH"] == ("2026", 2)
            bad = await client.post(url, json={"journal": "ACH", "period": "2031-01"}, headers=admin)
            assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["field"] == "period", bad.text
            other = f"/dossiers/{dossier}/proposals/{uuid.uuid4()}/number"
            assert (await client.post(other, json={"journal": "ACH", "period": "2026-01"}, headers=admin)).status_code == 404
            foreign = await client.post(url, json={"journal": "ACH", "period": "2026-01"},
                                        headers={"authorization": "Bearer foreign"})
            assert foreign.status_code == 403
        async with in_transaction(pool) as replica:
            late = await propose.propose(replica, recognized(invoice(seller=party("Proximus NV", "BE0202239951"),
                                                                     number="F2", day=date(2025, 12, 5)),
                                                             dossier=dossier))
        assert late.document_number == "ACH/2025/0008", "2025/0007 is not handed out again"
