"""WL-13 on the real Postgres: a proposal whose recognition failed for a passing reason is read again through
ingest (document.reprocess_requested in the outbox, once per request), shows 'reprocessing' until the new outcome;
a document that cannot be read, a read one, or another dossier's is refused with a code; who may is the matrix's."""
from __future__ import annotations

import uuid

import pytest
from contracts.codec import deserialize
from contracts.events.recognition import DocumentRecognized

from worklist.handlers.reprocess import on_document_recognized

from worklist_testkit import add_proposal, apply

pytestmark = pytest.mark.integration
TOPIC = "document.reprocess_requested"


def recognized(world, document_id, status="technical_error", code=None, dossier=None) -> DocumentRecognized:
    return DocumentRecognized(correlation_id="t", office_id=world.office, dossier_id=dossier or world.own,
                              document_id=document_id, sha256="0" * 64, status=status, error_code=code,
                              error_reason="reason" if status == "technical_error" else None)


async def failed(pool, world, code, dossier=None):
    """A technical_error proposal as enrichment makes it, and recognition's document.recognized with the code."""
    proposal = await add_proposal(pool, world, dossier, status="technical_error", invoice_number=None, lines=[])
    await apply(pool, on_document_recognized, recognized(world, proposal.document_id, code=code, dossier=dossier))
    return proposal


async def requests(pool) -> list:
    rows = await pool.fetch("SELECT payload FROM outbox WHERE topic = $1 ORDER BY id", TOPIC)
    return [deserialize(TOPIC, bytes(r["payload"])) for r in rows]


async def row_of(client, world, proposal_id) -> dict:
    listed = (await client.get(f"/dossiers/{world.own}/worklists/purchases?status=technical_error",
                               headers=world.headers("COLLABORATOR"))).json()["items"]
    return next(item for item in listed if item["id"] == str(proposal_id))


async def post(client, world, ids, who="COLLABORATOR"):
    return await client.post(f"/dossiers/{world.own}/proposals/reprocess", headers=world.headers(who),
                             json={"proposal_ids": [str(i) for i in ids]})


async def test_a_timeout_is_read_again_once_and_shows_reprocessing_until_the_new_outcome(client, world, pool):
    timeout = await failed(pool, world, "timeout")
    before = await row_of(client, world, timeout.proposal_id)
    assert before["recognition"] == {"error_code": "timeout", "reprocessing": False, "reprocessable": True}

    answer = await post(client, world, [timeout.proposal_id])
    assert answer.status_code == 200 and answer.json() == {"done": [str(timeout.proposal_id)], "refused": []}
    [request] = await requests(pool)
    assert request.document_ids == (timeout.document_id,) and str(request.dossier_id) == world.own
    assert request.requested_by.kind == "collaborator"
    assert (await row_of(client, world, timeout.proposal_id))["recognition"]["reprocessing"] is True

    again = (await post(client, world, [timeout.proposal_id])).json()
    assert again["done"] == [] and again["refused"][0]["code"] == "already_reprocessing"
    assert len(await requests(pool)) == 1  # asking twice reads once

    await apply(pool, on_document_recognized, recognized(world, timeout.document_id, code="crashed"))
    after = (await row_of(client, world, timeout.proposal_id))["recognition"]
    assert after == {"error_code": "crashed", "reprocessing": False, "reprocessable": True}
    await apply(pool, on_document_recognized, recognized(world, timeout.document_id, status="complete"))
    assert (await row_of(client, world, timeout.proposal_id))["recognition"] is None


async def test_what_cannot_pass_by_reading_again_is_refused_with_a_code(client, world, pool):
    unreadable = await failed(pool, world, "unreadable")
    complete = await add_proposal(pool, world)
    foreign = await failed(pool, world, "timeout", dossier=world.other)
    unknown = await add_proposal(pool, world, status="technical_error", invoice_number=None, lines=[])
    answer = (await post(client, world, [unreadable.proposal_id, complete.proposal_id, foreign.proposal_id,
                                         unknown.proposal_id, uuid.uuid4()])).json()
    assert answer["done"] == []
    assert [r["code"] for r in answer["refused"]] == ["not_passing", "not_technical_error", "not_found",
                                                        "reason_unknown", "not_found"]
    assert (await row_of(client, world, unreadable.proposal_id))["recognition"]["reprocessable"] is False
    assert await requests(pool) == []


async def test_a_proposal_changed_by_hand_is_not_reprocessed(client, world, pool):
    timeout = await failed(pool, world, "timeout")
    patched = await client.patch(f"/dossiers/{world.own}/proposals/{timeout.proposal_id}",
                                 headers=world.headers("COLLABORATOR"), json={"note": "looked at it"})
    assert patched.status_code == 200
    assert (await post(client, world, [timeout.proposal_id])).json()["refused"][0]["code"] == "edited"


async def test_who_may_reprocess_and_bad_selections(client, world, pool):
    timeout = await failed(pool, world, "timeout")
    assert (await post(client, world, [timeout.proposal_id], who="DOCUMENT_DELIVERY")).status_code == 403
    assert (await post(client, world, [timeout.proposal_id], who="FULL_ACCESS")).status_code == 403  # collaborator mode
    empty = await post(client, world, [])
    assert empty.status_code == 422 and "proposal_ids" in empty.text
    assert await requests(pool) == []
