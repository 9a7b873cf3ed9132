"""One worklist contract suite, run through the portal's WorklistClient against the fake worklist and against the
real worklist in process (test_worklist_contract.py), so the fake the portal's page tests use cannot drift from
services/worklist/API.md as the real service implements it. Change the fake when this fails, never the checks.

A ``WorklistWorld`` gives tokens of the fake office's users and puts proposals in as proposal.created would;
dossiers: ``bakery`` (collaborator mode; COLLABORATOR assigned, every client profile) and ``garage`` (hybrid;
SUPPORT assigned; the FULL_ACCESS client also on it).
"""
from __future__ import annotations

from typing import Any, Protocol

import pytest

from portal.adapters.worklist import WorklistClient, WorklistError


class WorklistWorld(Protocol):
    bakery: str
    garage: str

    def client(self, email: str) -> WorklistClient: ...

    async def add(self, dossier_id: str, *, with_document: bool = True, **values: Any) -> str: ...

    async def add_misc(self, dossier_id: str) -> str: ...

    async def put_words(self, payload: Any) -> str: ...


COLLAB, ADMIN, SUPPORT, FULL = "collab@demo.test", "admin@demo.test", "support@demo.test", "full_access@client.test"


async def refused(call) -> WorklistError:
    with pytest.raises(WorklistError) as caught:
        await call
    return caught.value


async def check_rows_sorting_and_columns(w: WorklistWorld) -> None:
    ids = [await w.add(w.bakery, invoice_number=n, minute=i) for i, n in enumerate(("B-2", "A-1", "C-3"))]
    sale = await w.add(w.bakery, invoice_number="S-1", mailbox="sales", minute=5)
    client = w.client(COLLAB)
    plain = await client.rows(w.bakery, "purchases")
    assert [r["id"] for r in plain["items"]] == list(reversed(ids)) and sale not in [r["id"] for r in plain["items"]]
    asc = await client.rows(w.bakery, "purchases", sort="invoice_number", order="asc")
    desc = await client.rows(w.bakery, "purchases", sort="invoice_number", order="desc")
    assert [r["invoice_number"] for r in asc["items"]] == ["A-1", "B-2", "C-3"]
    assert [r["invoice_number"] for r in desc["items"]] == ["C-3", "B-2", "A-1"]
    row = asc["items"][0]
    assert row["journal"]["code"] == "ACH" and row["counterparty"]["status"] == "known"
    assert row["accounts"] == [{"code": "604000", "suspense": False}] and row["gross"] == "121.00"
    assert {"origin", "invoice_date", "period", "processed_at", "page_count", "note", "status", "help_needed",
            "duplicate", "vat_rates", "version"} <= set(row)
    assert asc["total"] == 3 and asc["page"] == 1 and asc["per_page"] >= 3
    bad = await refused(client.rows(w.bakery, "purchases", sort="nonsense"))
    assert bad.status == 422


async def check_words(w: WorklistWorld) -> None:
    """WL-5: the recognised words of a proposal's document; None when it has none; another dossier refused."""
    words = {"method": "ocr", "pages": [{"page": 1, "words": [
        {"text": "Factuur", "bbox": {"x0": 0.1, "y0": 0.1, "x1": 0.2, "y1": 0.12}, "conf": 0.9}]}]}
    with_words = await w.add(w.bakery, words_key=await w.put_words(words))
    without = await w.add(w.bakery, invoice_number="NW-1")
    client = w.client(COLLAB)
    assert await client.words(w.bakery, with_words) == words
    malformed = await w.add(w.bakery, invoice_number="NW-2", words_key=await w.put_words({"pages": [{"page": 1}]}))
    assert await client.words(w.bakery, malformed) is None, "a malformed words object: 404, no overlay"
    assert await client.words(w.bakery, without) is None
    assert (await refused(w.client(FULL).words(w.bakery, with_words))).status == 403


async def check_proposal_and_choices(w: WorklistWorld) -> None:
    proposal_id = await w.add(w.bakery, invoice_number=None, status="incomplete", words_key="words/abc")
    client = w.client(COLLAB)
    p = await client.proposal(w.bakery, proposal_id)
    assert p["id"] == proposal_id and "invoice_number" in p["missing"] and p["editable"] is True
    assert p["words_key"] == "words/abc" and p["page_count"] == 1 and p["totals"]["gross"] == "121.00"
    assert p["lines"][0]["account"] == "604000" and p["can_undo"] is False and isinstance(p["version"], int)
    choices = await client.choices(w.bakery)
    assert {"604000", "499000"} <= {a["code"] for a in choices["accounts"]}
    assert any(a["suspense"] for a in choices["accounts"] if a["code"] == "499000")
    assert {"ACH", "VEN"} <= {j["code"] for j in choices["journals"]}
    assert {"code", "state"} <= set(choices["periods"][0]) and "schema" in choices
    found = await client.counterparties(w.bakery, "brico")
    assert [c["reference"] for c in found] == ["C1"] and found[0]["vat_number"] == "BE0403170701"


async def check_save_review_next_and_undo(w: WorklistWorld) -> None:
    later = await w.add(w.bakery, invoice_number="L", minute=1)
    first = await w.add(w.bakery, invoice_number="F", minute=2)
    client = w.client(COLLAB)
    p = await client.proposal(w.bakery, first)
    answer = await client.save(w.bakery, first, {"version": p["version"], "totals": {"net": "30", "vat": "7",
                                                                                    "gross": "12+25"},
                                                 "review": True}, list="purchases")
    assert answer["proposal"]["totals"]["gross"] == "37.00" and answer["proposal"]["status"] == "validated"
    assert answer["next_id"] == later and answer["previous_id"] is None
    stale = await refused(client.save(w.bakery, first, {"version": p["version"], "note": "x"}))
    assert (stale.status, stale.code) == (409, "stale_version")
    again = await client.proposal(w.bakery, first)
    assert again["can_undo"] is True
    undone = await client.undo(w.bakery, first)
    assert undone["totals"]["gross"] == "121.00"
    near = await client.neighbours(w.bakery, later, list="purchases")
    assert near["previous_id"] == first and near["next_id"] is None


async def check_refusals_name_the_field(w: WorklistWorld) -> None:
    proposal_id = await w.add(w.bakery)
    client = w.client(COLLAB)
    version = (await client.proposal(w.bakery, proposal_id))["version"]
    bad = await refused(client.save(w.bakery, proposal_id, {"version": version, "lines": [
        {"account": "999999", "net_amount": "1", "vat_amount": "0"}]}))
    assert (bad.status, bad.code) == (422, "invalid") and "lines.1.account" in {d["field"] for d in bad.details}
    closed = await refused(client.save(w.bakery, proposal_id, {"version": version, "period": "2025-12"}))
    assert closed.status == 422 and "period" in {d["field"] for d in closed.details}
    incomplete = await refused(client.save(w.bakery, proposal_id, {"version": version, "invoice_number": None,
                                                                   "review": True}))
    assert (incomplete.status, incomplete.code) == (422, "incomplete")
    assert "invoice_number" in {d["field"] for d in incomplete.details}
    assert (await client.proposal(w.bakery, proposal_id))["version"] == version  # nothing stored


async def check_new_and_known_counterparty(w: WorklistWorld) -> None:
    proposal_id = await w.add(w.bakery)
    client = w.client(COLLAB)
    version = (await client.proposal(w.bakery, proposal_id))["version"]
    new = await client.save(w.bakery, proposal_id, {"version": version, "counterparty": {"name": "Fresh Foods BV"}})
    assert new["proposal"]["counterparty"]["status"] == "new" and new["proposal"]["status"] == "complete_new_counterparty"
    known = await client.save(w.bakery, proposal_id, {"version": new["proposal"]["version"],
                                                      "counterparty": {"reference": "C1"}})
    assert known["proposal"]["counterparty"]["status"] == "known" and known["proposal"]["counterparty"]["reference"] == "C1"


async def check_bulk_help_delete_and_counters(w: WorklistWorld) -> None:
    good = [await w.add(w.bakery), await w.add(w.bakery)]
    incomplete = await w.add(w.bakery, invoice_number=None, status="incomplete")
    client = w.client(COLLAB)
    checked = await client.bulk(w.bakery, "check", [*good, incomplete])
    assert sorted(checked["done"]) == sorted(good)
    assert [(r["proposal_id"], r["code"]) for r in checked["refused"]] == [(incomplete, "incomplete")]
    sent = await client.bulk(w.bakery, "send", good)
    assert sorted(sent["done"]) == sorted(good)
    assert {(await client.proposal(w.bakery, g))["status"] for g in good} == {"sent"}
    helped = await client.help(w.bakery, incomplete, True, "which account?")
    assert helped["help_needed"] is True and helped["help_note"] == "which account?"
    counters = {c["dossier_id"]: c for c in await w.client(ADMIN).counters([w.bakery])}
    assert counters[w.bakery]["help_requests"] == 1 and counters[w.bakery]["ready_for_validation"] == 0
    doomed = await w.add(w.bakery)
    await client.delete(w.bakery, doomed)
    gone = await refused(client.proposal(w.bakery, doomed))
    assert gone.status == 404
    assert (await refused(client.delete(w.bakery, good[0]))).status == 409  # sent: not deletable


async def check_who_may(w: WorklistWorld) -> None:
    on_bakery, on_garage = await w.add(w.bakery), await w.add(w.garage)
    assert (await refused(w.client(SUPPORT).rows(w.bakery, "purchases"))).status == 403
    assert [r["id"] for r in (await w.client(SUPPORT).rows(w.garage, "purchases"))["items"]] == [on_garage]
    assert (await refused(w.client(FULL).proposal(w.bakery, on_bakery))).status == 403  # collaborator mode
    hybrid = w.client(FULL)
    checked = await hybrid.bulk(w.garage, "check", [on_garage])
    assert checked["done"] == [on_garage]
    assert (await refused(hybrid.bulk(w.garage, "send", [on_garage]))).status == 403  # only the office sends
    assert (await refused(w.client(COLLAB).rows(w.garage, "purchases"))).status == 403  # not assigned
    counters = await w.client(SUPPORT).counters()
    assert [c["dossier_id"] for c in counters] == [w.garage]


async def check_ask_the_client(w: WorklistWorld) -> None:
    proposal_id = await w.add(w.bakery)
    client = w.client(COLLAB)
    asked = await client.call("POST", f"/dossiers/{w.bakery}/proposals/{proposal_id}/ask-client",
                              json={"question": "Is this the March rent?"})
    assert asked["request_id"]
    empty = await refused(client.call("POST", f"/dossiers/{w.bakery}/proposals/{proposal_id}/ask-client",
                                      json={"question": ""}))
    assert empty.status == 422
    unknown = await w.add(w.bakery, with_document=False)
    no_file = await refused(client.call("POST", f"/dossiers/{w.bakery}/proposals/{unknown}/ask-client",
                                        json={"question": "?"}))
    assert (no_file.status, no_file.code) == (409, "document_unknown")


async def check_misc_filing(w: WorklistWorld) -> None:
    misc = await w.add_misc(w.bakery)
    client = w.client(COLLAB)
    listed = await client.rows(w.bakery, "misc")
    assert [r["status"] for r in listed["items"] if r["id"] == misc] == ["to_file"]
    filed = await client.call("POST", f"/dossiers/{w.bakery}/proposals/{misc}/file", json={"type": "statutes"})
    assert (filed["status"], filed["misc_type"]) == ("filed", "statutes")
    bad = await refused(client.call("POST", f"/dossiers/{w.bakery}/proposals/{misc}/file", json={"type": "nope"}))
    assert bad.status == 422 and "type" in {d["field"] for d in bad.details}
    unfiled = await client.call("POST", f"/dossiers/{w.bakery}/proposals/{misc}/unfile")
    assert unfiled["status"] == "to_file"
    purchase = await w.add(w.bakery)
    assert (await refused(client.call("POST", f"/dossiers/{w.bakery}/proposals/{purchase}/file",
                                      json={"type": "statutes"}))).status == 409


CHECKS = (check_words, check_misc_filing, check_ask_the_client, check_rows_sorting_and_columns, check_proposal_and_choices, check_save_review_next_and_undo,
          check_refusals_name_the_field, check_new_and_known_counterparty, check_bulk_help_delete_and_counters,
          check_who_may)
