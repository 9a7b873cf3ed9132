"""COM-3 through the portal against the fake office and the fake notify: from the dossier list (filter carried over)
a collaborator writes one message to the ticked active dossiers; one conversation per dossier with its name filled
in, and the summary says how many were started; nothing ticked is 422; clients and support have no such page."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import fake_office_app

pytestmark = pytest.mark.integration


async def test_the_admin_messages_the_filtered_dossiers(fake, notify, notify_app):
    ids = {d["name"]: i for i, d in fake.dossiers.items()}
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        listing = await client.get("/dossiers", params={"q": "a"})
        assert 'href="/messages/broadcast?q=a&amp;mine="' in listing.text
        page = await client.get("/messages/broadcast", params={"q": "bakery"})
        assert f'value="{ids["Bakery Janssens"]}" checked' in page.text and ids["Garage Dubois"] not in page.text
        assert ids["Brewery Draft"] not in page.text  # a draft dossier has no client to write to
        page = await client.get("/messages/broadcast")
        token = csrf_of(page.text)
        none = await client.post("/messages/broadcast", data={"subject": "s", "text": "t", "csrf_token": token})
        assert none.status_code == 422 and "Tick at least one dossier." in none.text
        sent = await client.post("/messages/broadcast", data={
            "subject": "Year end", "text": "Dear {{ dossier_name }}, the year closes.", "csrf_token": token,
            "dossier_id": [ids["Bakery Janssens"], ids["Garage Dubois"]]})
        assert sent.status_code == 200 and 'data-started="2"' in sent.text and "2 conversations started." in sent.text
    texts = sorted(m["text"] for m in notify.messages)
    assert texts == ["Dear Bakery Janssens, the year closes.", "Dear Garage Dubois, the year closes."]
    assert {t["dossier_id"] for t in notify.threads.values()} == {ids["Bakery Janssens"], ids["Garage Dubois"]}


@pytest.mark.parametrize("email", ["full_access@client.test", "support@demo.test"])
async def test_who_has_no_broadcast(fake, notify, notify_app, email):
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, email, PASSWORD)
        assert (await client.get("/messages/broadcast")).status_code == 403
        own = next(i for i, d in fake.dossiers.items() if d["name"] == (
            "Bakery Janssens" if "client" in email else "Garage Dubois"))
        home = await client.get(f"/dossiers/{own}/messages")
        refused = await client.post("/messages/broadcast", data={
            "subject": "s", "text": "t", "dossier_id": list(fake.dossiers), "csrf_token": csrf_of(home.text)})
        assert refused.status_code == 403
    assert notify.threads == {}
