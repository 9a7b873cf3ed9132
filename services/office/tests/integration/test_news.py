"""News and help marks (PLT-3, issue 16): the admin publishes, edits and withdraws; office staff and clients read
the current items meant for them with an unread count; bad input is a 422 naming the field; a client or a
collaborator cannot manage news (403); another office's items are not found."""
from __future__ import annotations

import pytest

from office.handlers import provisioning

pytestmark = pytest.mark.integration
PW = "correct horse battery"
ITEM = {"audience": "both", "texts": {"all": {"title": "Closed on Friday", "text": "The office is closed.\nCall us."}}}


async def _bearer(client, email: str) -> dict[str, str]:
    answer = await client.post("/auth/login", json={"email": email, "password": PW})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


@pytest.fixture
async def people(client, deps):
    office = await provisioning.ensure_office(deps, slug="acme", name="Acme", portal_name="Acme portal")
    other = await provisioning.ensure_office(deps, slug="bravo", name="Bravo", portal_name="Bravo portal")
    await provisioning.ensure_account(deps, office, email="admin@acme.test", name="Admin", password=PW)
    await provisioning.ensure_account(deps, office, email="colla@acme.test", name="Colla", role="COLLABORATOR",
                                      password=PW)
    await provisioning.ensure_account(deps, office, email="client@acme.test", name="Client", kind="client",
                                      role=None, password=PW)
    await provisioning.ensure_account(deps, other, email="admin@bravo.test", name="Bravo admin", password=PW)
    staff = await _bearer(client, "admin@acme.test")  # a client user reads the news once they hold a profile (DOS-4)
    dossier = (await client.post("/dossiers", json={"name": "Bakery"}, headers=staff)).json()["id"]
    added = await client.post(f"/dossiers/{dossier}/users", json={"email": "client@acme.test",
                                                                    "profile": "DOCUMENT_DELIVERY"}, headers=staff)
    assert added.status_code == 201, added.text
    emails = {"admin": "admin@acme.test", "colla": "colla@acme.test", "client": "client@acme.test",
              "bravo": "admin@bravo.test"}
    return {key: await _bearer(client, email) for key, email in emails.items()}


async def _publish(client, who, body) -> dict:
    answer = await client.post("/news", json=body, headers=who)
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_readers_see_the_items_meant_for_them_with_an_unread_count(client, people, clock):
    both = await _publish(client, people["admin"], ITEM)
    clock.advance(seconds=1)
    staff = await _publish(client, people["admin"], {**ITEM, "audience": "office"})
    clients = await _publish(client, people["admin"], {
        "audience": "clients", "link": "https://acme.example/tarief",
        "texts": {"nl": {"title": "Nieuw tarief", "text": "Vanaf 1 januari."},
                  "fr": {"title": "Nouveau tarif", "text": "À partir du 1er janvier."}}})
    seen_by = {}
    for who in ("admin", "colla", "client", "bravo"):
        answer = (await client.get("/news", headers=people[who])).json()
        assert "items" in answer, answer
        seen_by[who] = {i["id"] for i in answer["items"]}
        assert answer["unread"] == len(answer["items"])
    assert seen_by["admin"] == seen_by["colla"] == {both["id"], staff["id"]}
    assert seen_by["client"] == {both["id"], clients["id"]} and seen_by["bravo"] == set()
    listed = (await client.get("/news", headers=people["client"])).json()["items"]
    assert listed[0]["texts"]["fr"] == {"title": "Nouveau tarif", "text": "À partir du 1er janvier."}
    assert listed[0]["link"] == "https://acme.example/tarief"


async def test_opening_the_news_clears_the_unread_mark_until_a_new_item(client, people, clock):
    await _publish(client, people["admin"], ITEM)
    assert (await client.post("/news/seen", headers=people["client"])).status_code == 204
    answer = (await client.get("/news", headers=people["client"])).json()
    assert answer["unread"] == 0 and answer["items"][0]["unread"] is False
    clock.advance(seconds=5)
    fresh = await _publish(client, people["admin"], {**ITEM, "audience": "clients"})
    answer = (await client.get("/news", headers=people["client"])).json()
    assert answer["unread"] == 1 and [i["id"] for i in answer["items"] if i["unread"]] == [fresh["id"]]
    assert (await client.get("/news", headers=people["colla"])).json()["unread"] == 1  # their own mark


async def test_the_admin_edits_and_withdraws_and_a_withdrawn_item_is_gone_for_readers(client, people):
    item = await _publish(client, people["admin"], ITEM)
    changed = {"audience": "office", "texts": {"de": {"title": "Geschlossen", "text": "Freitag geschlossen."}}}
    edited = await client.put(f"/news/{item['id']}", json=changed, headers=people["admin"])
    assert edited.status_code == 200 and edited.json()["texts"] == changed["texts"]
    assert edited.json()["published_at"] == item["published_at"]
    assert (await client.get("/news", headers=people["client"])).json()["items"] == []
    gone = await client.post(f"/news/{item['id']}/withdraw", headers=people["admin"])
    assert gone.status_code == 200 and gone.json()["withdrawn_at"]
    assert (await client.get("/news", headers=people["colla"])).json()["items"] == []
    listed = (await client.get("/news/all", headers=people["admin"])).json()["items"]
    assert [i["id"] for i in listed] == [item["id"]] and listed[0]["withdrawn_at"]
    again = await client.put(f"/news/{item['id']}", json=ITEM, headers=people["admin"])
    assert again.status_code == 409 and again.json()["error"]["code"] == "conflict"


async def test_only_the_admin_manages_news_and_only_their_own_office(client, people):
    item = await _publish(client, people["admin"], ITEM)
    for who in ("colla", "client"):
        assert (await client.post("/news", json=ITEM, headers=people[who])).status_code == 403
        assert (await client.put(f"/news/{item['id']}", json=ITEM, headers=people[who])).status_code == 403
        assert (await client.post(f"/news/{item['id']}/withdraw", headers=people[who])).status_code == 403
        assert (await client.get("/news/all", headers=people[who])).status_code == 403
    for call in (client.get(f"/news/{item['id']}", headers=people["bravo"]),
                 client.post(f"/news/{item['id']}/withdraw", headers=people["bravo"]),
                 client.get("/news/not-a-uuid", headers=people["admin"])):
        assert (await call).status_code == 404
    assert (await client.get("/news")).status_code == 401


@pytest.mark.parametrize(("body", "field", "code"), [
    ({**ITEM, "audience": "everyone"}, "audience", "choice"),
    ({**ITEM, "texts": {}}, "texts", "too_few"),
    ({**ITEM, "texts": {"xx": {"title": "a", "text": "b"}}}, "texts", "language"),
    ({**ITEM, "texts": {"all": {"title": "a", "text": "b"}, "nl": {"title": "a", "text": "b"}}}, "texts",
     "all_and_languages"),
    ({**ITEM, "texts": {"nl": {"title": " ", "text": "b"}}}, "texts.nl.title", "too_short"),
    ({**ITEM, "texts": {"nl": {"title": "t" * 121, "text": "b"}}}, "texts.nl.title", "too_long"),
    ({**ITEM, "link": "javascript:alert(1)"}, "link", "url"),
    ({**ITEM, "colour": "red"}, "colour", "unknown"),
])
async def test_bad_input_names_the_field(client, people, body, field, code):
    answer = await client.post("/news", json=body, headers=people["admin"])
    assert answer.status_code == 422, answer.text
    assert {"field": field, "code": code} in [{k: f[k] for k in ("field", "code")}
                                             for f in answer.json()["error"]["fields"]]


async def test_the_quick_start_is_dismissed_once_for_the_user(client, people):
    assert (await client.get("/help/marks", headers=people["client"])).json()["quick_start_dismissed"] is False
    assert (await client.post("/help/marks/quick-start", headers=people["client"])).status_code == 204
    assert (await client.get("/help/marks", headers=people["client"])).json()["quick_start_dismissed"] is True
    assert (await client.get("/help/marks", headers=people["colla"])).json()["quick_start_dismissed"] is False
