"""Issue 19 item 5: the verdict of an e-invoice's XSD and EN 16931 / Peppol schematron checks (proposal.created
e_invoice_check, from document.recognized) is kept with the proposal and served with it."""
from __future__ import annotations

import httpx
import pytest
from runtime.auth.tokens import TokenVerifier
from runtime.service import http_app

from worklist.bootstrap import SPEC
from worklist.handlers.context import Deps
from worklist.handlers.events import proposal_created
from worklist_memory import MemoryUnitOfWork
from worklist_testkit import add_proposal, proposal_created as created

pytestmark = pytest.mark.integration
CHECK = {"valid": False, "errors": ["BR-CO-15"], "warnings": ["PEPPOL-EN16931-R004", "BR-CL-23"],
         "rulesets": ["UBL-XSD", "EN16931-UBL", "PEPPOL-BIS-3"],
         "messages": [{"rule": "BR-CO-15", "text": "[BR-CO-15]-Invoice total amount with VAT (BT-112) = ..."}]}


async def test_the_verdict_is_stored_with_the_proposal_and_served(pool, settings, world):
    checked = await add_proposal(pool, world, e_invoice_check=CHECK)
    plain = await add_proposal(pool, world, number=2)
    app = http_app(SPEC, settings, Deps(pool=pool, settings=settings),
                   token_verifier=TokenVerifier(issuer=world.issuer.issuer, jwks=world.issuer.jwks()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://worklist") as client:
        async def get(proposal):
            answer = await client.get(f"/dossiers/{world.own}/proposals/{proposal.proposal_id}",
                                      headers=world.headers("COLLABORATOR"))
            assert answer.status_code == 200
            return answer.json()
        assert (await get(checked))["e_invoice_check"] == CHECK
        assert (await get(plain))["e_invoice_check"] is None, "not a structured e-invoice: no verdict"
    async with pool.acquire() as conn:
        stored = await conn.fetchval("SELECT e_invoice_check FROM proposals WHERE proposal_id = $1",
                                     checked.proposal_id)
    assert stored is not None and "BR-CO-15" in str(stored)


async def test_the_memory_repository_keeps_it_too(world):
    uow = MemoryUnitOfWork()
    event = created(world.office_of(world.own), world.own, e_invoice_check=CHECK)
    async with uow() as u:
        await proposal_created(u, event)
    stored = await uow.proposals.get(event.dossier_id, event.proposal_id)
    assert stored.e_invoice_check == CHECK
