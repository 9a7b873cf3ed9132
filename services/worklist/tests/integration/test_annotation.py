"""The annotation API on the real Postgres: lists with filters, sorting and paging (WL-1, WL-2), saving fields and
lines checked against the replicated master data (WL-5..8), review, undo and save-and-next."""
from __future__ import annotations

import asyncio

import pytest

from worklist_testkit import add_proposal

pytestmark = pytest.mark.integration


async def test_list_shows_the_wl2_columns_and_counts(client, world, pool):
    created = await add_proposal(pool, world, counterparty={"status": "new", "name": "Nieuw BV"},
                                 status="complete_new_counterparty",
                                 lines=[{"line_no": 1, "account": "499000", "net_amount": "100.00",
                                         "vat_amount": "21.00", "vat_rate": "21", "suspense": True}])
    await add_proposal(pool, world, world.other)
    response = await client.get(f"/dossiers/{world.own}/worklists/purchases", headers=world.headers("COLLABORATOR"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == 1 and body["counts"] == {"complete_new_counterparty": 1}
    row = body["items"][0]
    assert row["id"] == str(created.proposal_id)
    assert row["counterparty"]["status"] == "new" and row["accounts"] == [{"code": "499000", "suspense": True}]
    assert row["vat_rates"] == ["21"] and row["gross"] == "121.00" and row["journal"]["code"] == "ACH"
    assert row["period"] == "2025-03" and row["origin"] == "air" and row["page_count"] == 1


async def test_filters_three_state_sort_and_paging(client, world, pool):
    for n, (name, gross) in enumerate((("Alpha", "50.00"), ("Charlie", "300.00"), ("Bravo", "121.00")), start=1):
        await add_proposal(pool, world, number=n, counterparty={"status": "known", "name": name},
                           totals={"net": gross, "vat": "0", "gross": gross})
    url = f"/dossiers/{world.own}/worklists/purchases"
    h = world.headers("ADMIN")
    names = lambda r: [i["counterparty"]["name"] for i in r.json()["items"]]  # noqa: E731
    assert names(await client.get(url, params={"sort": "counterparty"}, headers=h)) == ["Alpha", "Bravo", "Charlie"]
    assert names(await client.get(url, params={"sort": "gross", "order": "desc"}, headers=h)) == ["Charlie", "Bravo", "Alpha"]
    assert names(await client.get(url, headers=h)) == ["Bravo", "Charlie", "Alpha"]  # third state: newest first
    assert names(await client.get(url, params={"q": "rav"}, headers=h)) == ["Bravo"]
    assert names(await client.get(url, params={"min_gross": "100", "sort": "gross"}, headers=h)) == ["Bravo", "Charlie"]
    paged = await client.get(url, params={"sort": "counterparty", "per_page": 2, "page": 2}, headers=h)
    assert names(paged) == ["Charlie"] and paged.json()["total"] == 3
    bad = await client.get(url, params={"sort": "colour", "per_page": 0}, headers=h)
    assert bad.status_code == 422 and {f["field"] for f in bad.json()["error"]["fields"]} == {"sort", "per_page"}
    assert (await client.get(f"/dossiers/{world.own}/worklists/banks", headers=h)).status_code == 422


async def test_save_checks_every_field_against_the_master_data_and_stores_nothing_when_refused(client, world, pool):
    created = await add_proposal(pool, world)
    url = f"/dossiers/{world.own}/proposals/{created.proposal_id}"
    h = world.headers("COLLABORATOR")
    bad = await client.patch(url, headers=h, json={
        "period": "2025-01", "journal": "VEN", "invoice_date": "2025-02-30",
        "lines": [{"account": "999999", "vat_code": "42", "net_amount": "12+x"}],
        "counterparty": {"reference": "P-9999"}})
    assert bad.status_code == 422
    codes = {f["field"]: f["code"] for f in bad.json()["error"]["fields"]}
    assert codes == {"period": "closed_period", "journal": "journal_type", "invoice_date": "bad_date",
                     "lines.1.account": "unknown_account", "lines.1.vat_code": "unknown_vat_code",
                     "lines.1.net_amount": "bad_amount", "counterparty.reference": "unknown_counterparty"}
    assert "account 999999" in bad.json()["error"]["message"]
    after = (await client.get(url, headers=h)).json()
    assert after["version"] == 1 and after["period"] == "2025-03" and after["lines"][0]["account"] == "604000"


async def test_save_lines_arithmetic_review_and_undo(client, world, pool):
    created = await add_proposal(pool, world)
    url = f"/dossiers/{world.own}/proposals/{created.proposal_id}"
    h = world.headers("COLLABORATOR")
    saved = await client.patch(url, headers=h, json={
        "version": 1, "comment": "check with client",
        "lines": [{"account": "604000", "vat_code": "21", "vat_rate": "21", "net_amount": "12+25", "vat_amount": "7,77"},
                  {"account": "499000", "net_amount": "(10*2)/4", "vat_amount": "0", "note": "unclear"}]})
    assert saved.status_code == 200, saved.text
    proposal = saved.json()["proposal"]
    assert [line["net_amount"] for line in proposal["lines"]] == ["37.00", "5.00"]
    assert proposal["lines"][1]["suspense"] and proposal["totals"] == {"net": "42.00", "vat": "7.77", "gross": "49.77"}
    assert proposal["status"] == "complete" and proposal["version"] == 2 and proposal["can_undo"]
    reviewed = await client.patch(url, headers=h, json={"version": 2, "review": True})
    assert reviewed.json()["proposal"]["status"] == "checked"  # a suspense line: checked, not validated
    stale = await client.patch(url, headers=h, json={"version": 2, "note": "late"})
    assert stale.status_code == 409 and stale.json()["error"]["code"] == "stale_version"
    undone = await client.post(f"{url}/undo", headers=h)
    assert undone.json()["status"] == "complete" and undone.json()["lines"][1]["account"] == "499000"
    undone = await client.post(f"{url}/undo", headers=h)
    assert undone.json()["lines"] == [{**undone.json()["lines"][0], "account": "604000", "net_amount": "100.00"}]
    assert undone.json()["comment"] is None and not undone.json()["can_undo"]
    nothing = await client.post(f"{url}/undo", headers=h)
    assert nothing.status_code == 409 and nothing.json()["error"]["code"] == "nothing_to_undo"


async def test_review_refuses_missing_mandatory_fields_naming_them(client, world, pool):
    created = await add_proposal(pool, world, invoice_number=None, invoice_date=None, status="incomplete")
    url = f"/dossiers/{world.own}/proposals/{created.proposal_id}"
    refused = await client.patch(url, headers=world.headers("ADMIN"), json={"review": True})
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "incomplete"
    assert {f["field"] for f in refused.json()["error"]["fields"]} == {"invoice_number", "invoice_date"}
    shown = (await client.get(url, headers=world.headers("ADMIN"))).json()
    assert shown["missing"] == ["invoice_date", "invoice_number"] and shown["status"] == "incomplete"
    fixed = await client.patch(url, headers=world.headers("ADMIN"),
                               json={"invoice_number": "F-1", "invoice_date": "2025-03-03", "review": True})
    assert fixed.json()["proposal"]["status"] == "validated"


async def test_save_and_next_follows_the_list_order_and_filters(client, world, pool):
    made = [await add_proposal(pool, world, number=n, counterparty={"status": "known", "name": name})
            for n, name in enumerate(("Alpha", "Bravo", "Charlie", "Delta"), start=1)]
    other = await add_proposal(pool, world, number=9, counterparty={"status": "known", "name": "Bravissimo"})
    bravo = made[1].proposal_id
    saved = await client.patch(f"/dossiers/{world.own}/proposals/{bravo}?list=purchases&sort=counterparty",
                               headers=world.headers("ADMIN"), json={"review": True})
    assert saved.json()["previous_id"] == str(other.proposal_id)  # Bravissimo sorts before Bravo
    assert saved.json()["next_id"] == str(made[2].proposal_id)
    leaving = await client.patch(f"/dossiers/{world.own}/proposals/{made[2].proposal_id}?sort=counterparty&status=complete",
                                 headers=world.headers("ADMIN"), json={"review": True})
    assert leaving.json()["proposal"]["status"] == "validated"  # no longer in a 'complete' list, yet:
    assert leaving.json()["next_id"] == str(made[3].proposal_id)
    assert leaving.json()["previous_id"] == str(other.proposal_id)  # Bravo left the 'complete' list before
    nav = await client.get(f"/dossiers/{world.own}/proposals/{made[2].proposal_id}/neighbours",
                           params={"sort": "counterparty", "order": "desc"}, headers=world.headers("ADMIN"))
    assert nav.json() == {"previous_id": str(made[3].proposal_id), "next_id": str(bravo), "position": 2, "total": 5}
    reviewed_only = await client.get(f"/dossiers/{world.own}/proposals/{bravo}/neighbours",
                                     params={"status": "validated", "sort": "counterparty"}, headers=world.headers("ADMIN"))
    assert reviewed_only.json() == {"previous_id": None, "next_id": str(made[2].proposal_id), "position": 1, "total": 2}
    outside = await client.get(f"/dossiers/{world.own}/proposals/{made[0].proposal_id}/neighbours",
                               params={"status": "validated"}, headers=world.headers("ADMIN"))
    assert outside.json() == {"previous_id": None, "next_id": None, "position": None, "total": 2}


async def test_counterparty_choice_new_or_known_and_type_change(client, world, pool):
    created = await add_proposal(pool, world)
    url = f"/dossiers/{world.own}/proposals/{created.proposal_id}"
    h = world.headers("COLLABORATOR")
    found = await client.get(f"/dossiers/{world.own}/counterparties", params={"q": "garage"}, headers=h)
    assert [c["reference"] for c in found.json()["items"]] == ["P-0008"]
    known = await client.patch(url, headers=h, json={"counterparty": {"reference": "P-0008"}})
    assert known.json()["proposal"]["counterparty"]["name"] == "Garage Martin"
    new = await client.patch(url, headers=h, json={"counterparty": {"name": "Nieuw BV", "vat_number": "BE 0123.456.749"}})
    assert new.json()["proposal"]["status"] == "complete_new_counterparty"
    assert new.json()["proposal"]["counterparty"]["vat_number"] == "BE0123456749"
    bad_vat = await client.patch(url, headers=h, json={"counterparty": {"name": "X", "vat_number": "BE0123456700"}})
    assert bad_vat.status_code == 422 and bad_vat.json()["error"]["field"] == "counterparty.vat_number"
    to_sales = await client.patch(url, headers=h, json={"mailbox": "sales"})
    assert to_sales.status_code == 422 and to_sales.json()["error"]["fields"][0]["code"] == "journal_type"
    moved = await client.patch(url, headers=h, json={"mailbox": "sales", "journal": "VEN"})
    assert moved.json()["proposal"]["mailbox"] == "sales"
    listed = await client.get(f"/dossiers/{world.own}/worklists/sales", headers=h)
    assert [i["id"] for i in listed.json()["items"]] == [str(created.proposal_id)]


async def test_choices_offer_the_replicated_master_data(client, world):
    body = (await client.get(f"/dossiers/{world.own}/choices", headers=world.headers("SUPPORT"))).json()
    assert [a["code"] for a in body["accounts"]] == ["499000", "604000", "611000", "700000"]
    assert body["accounts"][0]["suspense"] and [j["code"] for j in body["journals"]] == ["ACH", "VEN"]
    assert {p["code"]: p["state"] for p in body["periods"]}["2025-01"] == "closed"
    assert body["checked"] == {"accounts": True, "journals": True, "periods": True, "vat_codes": True}


async def test_two_saves_of_the_same_version_at_once_one_wins_the_other_is_told(client, world, pool):
    created = await add_proposal(pool, world)
    url = f"/dossiers/{world.own}/proposals/{created.proposal_id}"
    first, second = await asyncio.gather(
        client.patch(url, headers=world.headers("ADMIN"), json={"version": 1, "invoice_number": "FROM-ADMIN"}),
        client.patch(url, headers=world.headers("COLLABORATOR"), json={"version": 1, "invoice_number": "FROM-COLLAB"}))
    assert sorted([first.status_code, second.status_code]) == [200, 409]
    winner = first if first.status_code == 200 else second
    loser = second if winner is first else first
    assert loser.json()["error"]["code"] == "stale_version"
    stored = (await client.get(url, headers=world.headers("ADMIN"))).json()
    assert stored["invoice_number"] == winner.json()["proposal"]["invoice_number"] and stored["version"] == 2


async def test_a_body_of_the_wrong_shape_is_refused_naming_the_field_and_nothing_changes(client, world, pool):
    created = await add_proposal(pool, world)
    url = f"/dossiers/{world.own}/proposals/{created.proposal_id}"
    h = world.headers("ADMIN")
    for body, field in (({"colour": "red"}, "colour"), ({"lines": [{"account": "604000"}] * 501}, "lines"),
                        ({"lines": "none"}, "lines"), ({"totals": {"gross": "12*"}}, "totals.gross")):
        response = await client.patch(url, headers=h, json=body)
        assert response.status_code == 422, body
        assert field in {f["field"] for f in response.json()["error"]["fields"]}, response.text
    assert (await client.get(url, headers=h)).json()["version"] == 1
