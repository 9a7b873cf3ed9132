"""ENR-4 (issue 15) on the running stack: a proposal whose period the collaborator moves into another fiscal year
is renumbered in that year's count (enrichment hands out the number, the worklist asks on the collaborator's
behalf); the journals page's next number (enrichment's GET /numbering) counts on from it; the number it held is
not handed out again."""
from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
from e2e_documents import peppol_ubl
from e2e_stack import Platform
from runtime.config import Settings

pytestmark = [pytest.mark.e2e, pytest.mark.slow]

ADMIN = ("admin@demo.bookingfactory.example", "demo-admin-2025")
KNOWN_SUPPLIER = ("Energie Plus SA", "BE0690819350")
PIPELINE_TIMEOUT = 240


def _seq(number: str) -> int:
    return int(re.search(r"([0-9]+)$", number).group(1))


async def _next_ach(platform: Platform, dossier: str) -> tuple[str, int]:
    url = Settings(service="e2e").service_url("enrichment")
    answer = await platform.http.get(f"{url}/dossiers/{dossier}/numbering",
                                     headers={"Authorization": f"Bearer {platform.token}"})
    assert answer.status_code == 200, answer.text
    found = next(j for j in answer.json()["journals"] if j["code"] == "ACH")
    return found["fiscal_year"], found["next_number"]


async def _move(platform: Platform, dossier: str, proposal: dict, period: str) -> dict:
    answer = await platform.call("PATCH", "worklist", f"/dossiers/{dossier}/proposals/{proposal['id']}",
                                 json={"version": proposal["version"], "period": period})
    return answer["proposal"]


async def test_a_proposal_moved_into_the_next_fiscal_year_gets_that_years_next_number():
    platform = Platform()
    try:
        await platform.login(*ADMIN)
        dossier = await platform.dossier("DUPONT")
        sent = peppol_ubl(uuid.uuid4().hex[:6].upper(), *KNOWN_SUPPLIER)
        [stored] = await platform.upload(dossier, "purchases", [(sent.filename, sent.content)])
        await platform.call("POST", "ingest", f"/dossiers/{dossier}/send", json={"document_ids": [stored["id"]]},
                            expect=(200, 202))
        proposal = await platform.proposal_of(dossier, stored["id"], PIPELINE_TIMEOUT)
        this_year = date.today().year
        assert str(this_year) in proposal["document_number"], proposal["document_number"]
        last_december = await _move(platform, dossier, proposal, f"{this_year - 1}-12")
        old = last_december["document_number"]
        assert str(this_year - 1) in old and str(this_year) not in old, old
        year, expected = await _next_ach(platform, dossier)
        assert year == str(this_year)
        moved = await _move(platform, dossier, last_december, f"{this_year}-01")
        assert moved["document_number"] != old and _seq(moved["document_number"]) == expected, \
            (moved["document_number"], expected)
        assert await _next_ach(platform, dossier) == (str(this_year), expected + 1), "the journals page counts on"
        back = await _move(platform, dossier, moved, f"{this_year - 1}-12")
        assert back["document_number"] not in (old, moved["document_number"]), "a number is never handed out twice"
        await platform.call("POST", "worklist", f"/dossiers/{dossier}/proposals/delete",
                            json={"proposal_ids": [proposal["id"]]})
    finally:
        await platform.close()
