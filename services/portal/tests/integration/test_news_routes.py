"""The news section (PLT-3, issue 16) through the portal against the fake office: the admin publishes, edits and
withdraws (after a confirmation); readers see the items meant for them in their language, escaped, with an unread
mark that opening the news clears; a client or a collaborator cannot manage news (403)."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD

ADMIN, CLIENT, COLLAB = "admin@demo.test", "full_access@client.test", "collab@demo.test"


def form(**values: str) -> dict[str, str]:
    return {"audience": "both", "link": "", **values}


async def publish(client, **values: str):
    page = await client.get("/news/new")
    assert page.status_code == 200
    return await client.post("/news/new", data={**form(**values), "csrf_token": csrf_of(page.text)})


async def test_the_admin_publishes_and_readers_see_it_in_their_language(fake, office_app):
    fake.user_by_email(CLIENT).language = "fr"
    async with portal_client(office_app) as client:
        await login(client, ADMIN, PASSWORD)
        done = await publish(client, audience="clients", title_nl="Nieuw tarief", text_nl="Vanaf januari.",
                             title_fr="Nouveau tarif", text_fr="Dès janvier.\nMerci.", link="https://acme.example/t")
        assert done.status_code == 303 and done.headers["location"] == "/news/manage?notice=published"
        managed = await client.get("/news/manage?notice=published")
        assert "The news item is published." in managed.text and "Nieuw tarief" in managed.text
    async with portal_client(office_app) as client:
        await login(client, CLIENT, PASSWORD)
        badge = await client.get("/news/unread")
        assert 'data-news-unread="1"' in badge.text
        page = await client.get("/news")
        assert page.status_code == 200 and "Nouveau tarif" in page.text and "Dès janvier.\nMerci." in page.text
        assert "Nieuw tarief" not in page.text and 'href="https://acme.example/t"' in page.text
        assert "Gérer les actualités" not in page.text
        assert "data-news-unread" not in (await client.get("/news/unread")).text  # opening the news read it
    async with portal_client(office_app) as client:
        await login(client, COLLAB, PASSWORD)
        assert "Nouveau tarif" not in (await client.get("/news")).text  # for clients only


async def test_text_from_the_office_is_shown_as_text_never_markup(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, ADMIN, PASSWORD)
        await publish(client, title_all="<script>alert(1)</script>", text_all="<b>bold</b> & <a href=x>y</a>")
        page = await client.get("/news")
    assert "<script>alert(1)" not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<b>bold</b>" not in page.text and "&lt;b&gt;bold&lt;/b&gt; &amp;" in page.text


@pytest.mark.parametrize(("values", "shown"), [
    ({"title_all": "", "text_all": ""}, "Write a title and a text, for all languages or for at least one language."),
    ({"title_all": "A", "text_all": "B", "title_nl": "C", "text_nl": "D"},
     "Write one text for all languages or one per language, not both."),
    ({"title_nl": "Titel", "text_nl": ""}, "Fill in this field."),
    ({"title_all": "A", "text_all": "B", "link": "javascript:alert(1)"},
     "Enter an address starting with https:// or http://."),
])
async def test_bad_input_is_a_422_naming_the_problem_and_keeps_the_form(fake, office_app, values, shown):
    async with portal_client(office_app) as client:
        await login(client, ADMIN, PASSWORD)
        answer = await publish(client, **values)
    assert answer.status_code == 422 and shown in answer.text
    assert fake.news == {}
    for value in values.values():
        if value and value != "javascript:alert(1)":
            assert f'>{value}<' in answer.text or f'value="{value}"' in answer.text


async def test_the_admin_edits_then_withdraws_after_confirming(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, ADMIN, PASSWORD)
        await publish(client, title_all="Closed Friday", text_all="Closed.")
        item_id = next(iter(fake.news))
        edit = await client.get(f"/news/{item_id}/edit")
        assert 'value="Closed Friday"' in edit.text
        saved = await client.post(f"/news/{item_id}/edit", data={**form(title_all="Closed Monday", text_all="Closed."),
                                                                 "csrf_token": csrf_of(edit.text)})
        assert saved.status_code == 303 and fake.news[item_id]["texts"]["all"]["title"] == "Closed Monday"
        ask = await client.get(f"/news/{item_id}/withdraw")
        assert ask.status_code == 200 and "Closed Monday" in ask.text and 'name="confirm" value="yes"' in ask.text
        unconfirmed = await client.post(f"/news/{item_id}/withdraw", data={"csrf_token": csrf_of(ask.text)})
        assert unconfirmed.status_code == 303 and fake.news[item_id]["withdrawn_at"] is None
        gone = await client.post(f"/news/{item_id}/withdraw", data={"confirm": "yes", "csrf_token": csrf_of(ask.text)})
        assert gone.headers["location"] == "/news/manage?notice=withdrawn" and fake.news[item_id]["withdrawn_at"]
        assert "Closed Monday" not in (await client.get("/news")).text
        assert "Withdrawn" in (await client.get("/news/manage")).text


@pytest.mark.parametrize("email", [CLIENT, COLLAB, "administrator@client.test"])
async def test_only_the_office_admin_manages_news(fake, office_app, email):
    async with portal_client(office_app) as client:
        await login(client, ADMIN, PASSWORD)
        await publish(client, title_all="T", text_all="X")
        item_id = next(iter(fake.news))
        await client.post("/logout", data={"csrf_token": csrf_of((await client.get("/news")).text)})
        await login(client, email, PASSWORD)
        page = await client.get("/news")
        assert page.status_code == 200 and "/news/manage" not in page.text
        token = csrf_of(page.text)
        for path in ("/news/manage", "/news/new", f"/news/{item_id}/edit", f"/news/{item_id}/withdraw"):
            assert (await client.get(path)).status_code == 403, path
        for path in ("/news/new", f"/news/{item_id}/edit"):
            refused = await client.post(path, data={**form(title_all="Hacked", text_all="x"), "csrf_token": token})
            assert refused.status_code == 403
        refused = await client.post(f"/news/{item_id}/withdraw", data={"confirm": "yes", "csrf_token": token})
    assert refused.status_code == 403 and fake.news[item_id]["withdrawn_at"] is None
    assert [i["texts"]["all"]["title"] for i in fake.news.values()] == ["T"]


async def test_a_withdrawn_or_unknown_item_is_a_clear_page_not_a_500(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, ADMIN, PASSWORD)
        assert (await client.get("/news/no-such-item/edit")).status_code == 404
        await publish(client, title_all="T", text_all="X")
        item_id = next(iter(fake.news))
        fake.news[item_id]["withdrawn_at"] = "2026-01-01T00:00:00+00:00"
        page = await client.get(f"/news/{item_id}/edit")
        again = await client.post(f"/news/{item_id}/edit", data={**form(title_all="T", text_all="Y"),
                                                                 "csrf_token": csrf_of(page.text)})
    assert again.status_code == 409 and "T" in again.text


async def test_the_navigation_offers_news_and_help_to_everyone_logged_in(fake, office_app):
    async with portal_client(office_app) as client:
        login_page = await client.get("/login")
        assert 'href="/news"' not in login_page.text and "help-button" not in login_page.text
        await login(client, "document_delivery@client.test", PASSWORD)
        home = await client.get("/client")
        dossier_page = await client.get(home.headers.get("location", "/client"))
    assert 'href="/news"' in dossier_page.text and 'hx-get="/news/unread"' in dossier_page.text
    assert 'class="help-button" href="/help?page=/client/' in dossier_page.text
