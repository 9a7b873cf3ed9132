"""WL-5: the annotation overlay reads the recognised words of a proposal's document through the worklist, with the
worklist's permissions — not from the bucket directly."""
from __future__ import annotations

import json

import httpx
import pytest
from runtime.auth.tokens import TokenVerifier
from runtime.service import http_app
from runtime.storage import FakeObjectStore

from worklist.bootstrap import SPEC
from worklist.handlers.context import Deps
from worklist_testkit import add_proposal

pytestmark = pytest.mark.integration
WORDS = {"method": "ocr", "pages": [{"page": 1, "words": [{"text": "Factuur", "bbox": {"x0": 0.1, "y0": 0.1,
                                                                                    "x1": 0.2, "y1": 0.12},
                                                       "conf": 0.9}]}]}


async def test_words_of_a_proposal_with_the_worklist_permissions(pool, settings, world):
    store = FakeObjectStore()
    key = (await store.put_bytes(json.dumps(WORDS).encode(), "application/json")).key
    with_words = await add_proposal(pool, world, words_key=key)
    without = await add_proposal(pool, world, number=2)
    theirs = await add_proposal(pool, world, world.other, words_key=key)
    app = http_app(SPEC, settings, Deps(pool=pool, settings=settings, store=store),
                   token_verifier=TokenVerifier(issuer=world.issuer.issuer, jwks=world.issuer.jwks()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://worklist") as client:
        async def get(dossier, proposal, who="COLLABORATOR"):
            return await client.get(f"/dossiers/{dossier}/proposals/{proposal}/words", headers=world.headers(who))
        answer = await get(world.own, with_words.proposal_id)
        assert answer.status_code == 200 and answer.json() == WORDS
        assert (await get(world.own, without.proposal_id)).json()["error"]["code"] == "not_found"
        assert (await get(world.own, theirs.proposal_id)).status_code == 404, "another dossier's proposal"
        assert (await get(world.foreign, with_words.proposal_id)).status_code == 403
        assert (await get(world.own, with_words.proposal_id, who="DOCUMENT_DELIVERY")).status_code == 403


async def test_malformed_stored_words_are_refused_naming_the_problem(pool, settings, world):
    """Issue 19 item 5: the words are validated against contracts.events.words on read; a malformed object is a
    clear 404 naming where it is wrong (the overlay is left out), never a 500."""
    store = FakeObjectStore()
    bad = {"method": "ocr", "pages": [{"page": 1, "words": [{"text": "x", "bbox": {"x0": 0.1, "y0": 0.1}}]}]}
    key = (await store.put_bytes(json.dumps(bad).encode(), "application/json")).key
    proposal = await add_proposal(pool, world, words_key=key)
    app = http_app(SPEC, settings, Deps(pool=pool, settings=settings, store=store),
                   token_verifier=TokenVerifier(issuer=world.issuer.issuer, jwks=world.issuer.jwks()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://worklist") as client:
        answer = await client.get(f"/dossiers/{world.own}/proposals/{proposal.proposal_id}/words",
                                  headers=world.headers("COLLABORATOR"))
    assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    assert "pages.0.words.0.bbox.x1" in answer.json()["error"]["message"]
