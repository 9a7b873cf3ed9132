"""Help inside the product (PLT-3, issue 16) through the portal: the help button opens the help of the screen it
was pressed on (by the page's route), in the user's language; the client quick-start shows the dossier's real
e-mail addresses and what the profile allows, and its welcome box on the client home goes once dismissed."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD


def bakery(fake) -> str:
    return next(d for d, v in fake.dossiers.items() if v["name"] == "Bakery Janssens")


@pytest.mark.parametrize(("path", "title"), [
    ("/dossiers/{d}/worklist", "Help: worklist"),
    ("/dossiers/{d}/worklist/6a1f0d4e-0000-4000-8000-000000000001", "Help: checking a proposal"),
    ("/dossiers/{d}/payments/new", "Help: payments"),
    ("/dossiers/{d}/messages", "Help: conversations"),
    ("/monitor", "Help: active clients"),
    ("/office/groups", "Help"),
    ("/no/such/page", "Help"),
    ("https://evil.example/x", "Help"),
])
async def test_the_help_of_a_screen_is_found_by_its_route(fake, office_app, path, title):
    page = path.format(d=bakery(fake))
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        answer = await client.get("/help", params={"page": page})
    assert answer.status_code == 200 and f"<h1>{title}</h1>" in answer.text
    assert ('href="https://evil.example' not in answer.text)
    if page.startswith("/"):
        assert f'href="{page}"' in answer.text  # back to the screen


async def test_the_help_speaks_the_users_language(fake, office_app):
    fake.user_by_email("admin@demo.test").language = "de"
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        answer = await client.get("/help", params={"page": f"/dossiers/{bakery(fake)}/archive"})
    assert "<h1>Hilfe: Archiv</h1>" in answer.text and 'lang="de"' in answer.text


async def test_the_quick_start_shows_the_dossiers_real_addresses_and_the_allowed_steps(fake, office_app):
    dossier = bakery(fake)
    fake.mailboxes[dossier] = {"purchases": "aankoop-7f3a@in.demo.test"}
    async with portal_client(office_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        page = await client.get(f"/help/start/{dossier}")
    assert page.status_code == 200
    assert '<code data-mailbox="purchases">aankoop-7f3a@in.demo.test</code>' in page.text
    assert '<code data-mailbox="sales">sales.bak@in.demo.test</code>' in page.text
    assert 'id="qs-send"' in page.text and 'id="qs-follow"' in page.text and 'id="qs-talk"' in page.text
    assert 'id="qs-pay"' not in page.text  # payment module off


async def test_a_profile_without_upload_gets_no_addresses(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, "full_feedback@client.test", PASSWORD)
        page = await client.get(f"/help/start/{bakery(fake)}")
    assert page.status_code == 200 and "data-mailbox" not in page.text and 'id="qs-send"' not in page.text


async def test_the_welcome_box_shows_until_dismissed(fake, office_app):
    dossier = bakery(fake)
    async with portal_client(office_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        home = await client.get(f"/client/{dossier}")
        assert f'hx-get="/help/start/{dossier}/prompt"' in home.text and f'href="/help/start/{dossier}"' in home.text
        prompt = await client.get(f"/help/start/{dossier}/prompt")
        assert 'id="quick-start-prompt"' in prompt.text
        done = await client.post(f"/help/start/{dossier}/dismiss", data={"csrf_token": csrf_of(home.text)})
        assert done.status_code == 303 and done.headers["location"] == f"/client/{dossier}"
        assert "quick-start-prompt" not in (await client.get(f"/help/start/{dossier}/prompt")).text
        assert "Got it" not in (await client.get(f"/help/start/{dossier}")).text
    user = fake.user_by_email("full_access@client.test")
    assert fake.help_marks[user.id]["quick_start"]


async def test_the_quick_start_is_for_the_clients_own_dossiers(fake, office_app):
    garage = next(d for d, v in fake.dossiers.items() if v["name"] == "Garage Dubois")
    async with portal_client(office_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        assert (await client.get(f"/help/start/{garage}")).status_code == 403
        assert (await client.get(f"/help/start/{garage}/prompt")).status_code == 403
        token = csrf_of((await client.get("/news")).text)
        assert (await client.post(f"/help/start/{garage}/dismiss", data={"csrf_token": token})).status_code == 403
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        assert (await client.get(f"/help/start/{bakery(fake)}")).status_code == 403  # for client users
