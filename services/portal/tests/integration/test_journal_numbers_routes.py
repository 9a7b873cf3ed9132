"""ENR-4 (issue 15 item 8) across services: the portal's journals page against the real enrichment app in process
(real Postgres, the proposals it numbered) and the fake office. Enrichment numbered two 2025 documents from the
journal's next number 7 and one of period 2026-12: the page shows 2 (2026's next), where the settings say 1."""
from __future__ import annotations

import sys
import uuid
from datetime import date
from pathlib import Path

from contracts.events.dossiers import JournalSetting
from portal_testkit.harness import attach_service, csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from runtime.config import Settings
from runtime.service import http_app
from runtime.testing import temp_pool

from enrichment import bootstrap
from enrichment.adapters.postgres import in_transaction
from enrichment.config import EnrichmentSettings
from enrichment.handlers import propose, replicate
from enrichment.handlers.context import Deps

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "enrichment" / "tests"))
from enrichment_testkit import dossier_changed, invoice, master, party, periods, recognized, synced  # noqa: E402

import pytest  # noqa: E402

pytestmark = pytest.mark.integration


class FakeOfficeTokens:
    """Verifies the fake office's opaque access tokens as the real verifier would its JWTs."""

    def __init__(self, fake) -> None:
        self.fake = fake

    async def verify(self, token: str):
        return self.fake.principal(self.fake.users[self.fake.access_tokens[token]])


async def _numbered(pool, dossier: uuid.UUID, office: uuid.UUID) -> None:
    changed = dossier_changed(dossier, journals=(JournalSetting(alias="ACH", type="purchases",
                                                                number_format="{year}/{seq:05}", next_number=1),))
    async with in_transaction(pool) as replica:
        await replicate.apply_dossier(replica, changed.model_copy(update={"office_id": office}))
        await replicate.apply_ledger(replica, synced(dossier, master(periods=periods(2025) + periods(2026))))
    for n, day in enumerate((date(2025, 11, 3), date(2025, 11, 4), date(2026, 12, 1))):
        async with in_transaction(pool) as replica:
            await propose.propose(replica, recognized(invoice(seller=party("Proximus NV", "BE0202239951"),
                                                              number=f"F{n}", day=day), dossier=dossier))


async def test_the_journals_page_shows_the_next_number_enrichment_will_hand_out(fake, office_app):
    bakery = next(iter(fake.dossiers))
    async with temp_pool(Settings(service="enrichment-portal-test"), bootstrap.MIGRATIONS) as pool:
        await _numbered(pool, uuid.UUID(bakery), uuid.UUID(fake.office["id"]))
        settings = EnrichmentSettings(service="enrichment-portal-test")
        enrichment = http_app(bootstrap.SPEC, settings, Deps(pool=pool, settings=settings),
                              token_verifier=FakeOfficeTokens(fake))
        async with portal_client(office_app) as client:
            attach_service(client, "enrichment", enrichment)
            await login(client, "admin@demo.test", PASSWORD)
            token = csrf_of((await client.get(f"/dossiers/{bakery}/lists/journals")).text)
            row = {"alias": "ACH", "type": "purchases", "number_format": "{year}/{seq:05}", "next_number": "1",
                   "active": "true", "reviewed": "true"}
            data = {"rows": "1", "csrf_token": token, "op": "save", **{f"r0.{k}": v for k, v in row.items()}}
            await client.post(f"/dossiers/{bakery}/lists/journals", data=data)
            page = (await client.get(f"/dossiers/{bakery}/lists/journals")).text
    shown = page.split('name="r0.next_number"')[1][:40]
    assert 'value="2"' in shown, shown
