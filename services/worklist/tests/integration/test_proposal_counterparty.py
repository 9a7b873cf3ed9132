"""Issue 17 item 1 (PAY-10, WL-7): one proposal as the annotation screen reads it carries its counterparty's country
and IBAN — the screen edits them and the office prepares the invoice's payment from them; lists stay lean."""
from __future__ import annotations

import pytest

from worklist_testkit import add_proposal

pytestmark = pytest.mark.integration


async def test_the_proposal_carries_the_counterpartys_country_and_iban(client, world, pool):
    created = await add_proposal(pool, world, counterparty={"status": "known", "name": "Proximus NV", "country": "BE",
                                                            "iban": "BE71096123456769", "reference": "PROX"})
    h = world.headers("COLLABORATOR")
    one = (await client.get(f"/dossiers/{world.own}/proposals/{created.proposal_id}", headers=h)).json()
    assert one["counterparty"] == {"name": "Proximus NV", "status": "known", "reference": "PROX", "vat_number": None,
                                   "country": "BE", "iban": "BE71096123456769"}
    row, = (await client.get(f"/dossiers/{world.own}/worklists/purchases", headers=h)).json()["items"]
    assert "iban" not in row["counterparty"]
