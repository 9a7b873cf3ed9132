"""ENR-4 (issue 15 item 8) on the real Postgres: GET /dossiers/{id}/numbering answers each journal's real next
number — what the journals page shows instead of the settings' 'next number 1' — to who configures the dossier."""
from __future__ import annotations

import uuid
from datetime import date

import httpx
import pytest
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
from runtime.config import Settings
from runtime.http import create_http_app
from runtime.testing import temp_pool

from enrichment import bootstrap
from enrichment.adapters.postgres import in_transaction
from enrichment.entrypoints import http
from enrichment.handlers import propose, replicate
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
        app = create_http_app("enrichment-test", settings=Settings(service="enrichment-test"),
                              extra_routers=[http.router])
        bootstrap.wire(app, pool, Tokens(dossier))
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
