"""Dossiers through the portal: list and filters (ACT-1), two-step activation with checklist (DOS-1, DOS-5,
SYN-7), settings (DOS-2, DOS-3) and client users (DOS-4)."""
from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD


def dossier_named(fake, name: str) -> str:
    return next(d for d, v in fake.dossiers.items() if v["name"] == name)


async def test_dossier_list_shows_what_the_collaborator_may_see_and_filters(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        mine = await client.get("/dossiers")
        assert "Bakery Janssens" in mine.text and "Garage Dubois" not in mine.text
        await login(client, "admin@demo.test", PASSWORD)
        drafts = await client.get("/dossiers?status=draft")
        search = await client.get("/dossiers?q=gar", headers={"HX-Request": "true", "HX-Target": "dossier-table"})
    assert "Brewery Draft" in drafts.text and "Bakery Janssens" not in drafts.text
    assert search.text.lstrip().startswith('<div id="dossier-table"') and "<html" not in search.text
    assert "Garage Dubois" in search.text and "Bakery Janssens" not in search.text


async def test_two_step_activation_with_checklist_and_red_flags(fake, office_app):
    """DOS-1 step 1 creates a draft; step 2 links the accounting software; DOS-5 red flags until reviewed."""
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        form = await client.get("/dossiers/new")
        step1 = await client.post("/dossiers/new", data={
            "name": "Dentist Peeters", "code": "DENT", "vat_number": "BE0123456749", "language": "nl",
            "portal_scope": "documents_archive", "validation_mode": "client", "csrf_token": csrf_of(form.text)})
        dossier_id = dossier_named(fake, "Dentist Peeters")
        assert step1.headers["location"] == f"/dossiers/{dossier_id}/activate?notice=dossier_created"
        assert fake.dossiers[dossier_id]["status"] == "draft"
        assert fake.effective(dossier_id)["validation_mode"] == "client"
        page = await client.get(step1.headers["location"])
        # not active, no journals yet (nor reviewed), rubrics, nobody assigned, no client user (the office's checklist)
        assert "created as a draft" in page.text and "6 red flags" in page.text
        missing = await client.post(f"/dossiers/{dossier_id}/activate", data={
            "installation": "default", "dossier_code": "", "csrf_token": csrf_of(page.text)})
        assert missing.status_code == 422 and 'id="dossier_code-error"' in missing.text
        done = await client.post(f"/dossiers/{dossier_id}/activate", data={
            "installation": "default", "dossier_code": "DENT", "accounting_updated_up_to": "2026-06-30",
            "csrf_token": csrf_of(page.text)}, follow_redirects=True)
    assert fake.dossiers[dossier_id]["status"] == "active"
    assert fake.dossiers[dossier_id]["accounting"] == {"software": "tryton", "installation": "default", "dossier_code": "DENT"}
    assert "The dossier is active." in done.text and "Review the journals created from the office templates" in done.text


async def test_a_duplicate_code_is_shown_next_to_the_code(office_app):
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        form = await client.get("/dossiers/new")
        answer = await client.post("/dossiers/new", data={"name": "Other", "code": "BAK", "csrf_token": csrf_of(form.text)})
    assert answer.status_code == 409 and 'id="code-error">This code is already in use.' in answer.text


async def test_changing_a_dossier_setting_takes_effect(fake, office_app):
    """DOS-2: an override is saved at the office and shown after reload; office default can come back."""
    bakery = dossier_named(fake, "Bakery Janssens")
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/settings")
        await client.post(f"/dossiers/{bakery}/settings", data={
            "nightly_sync": "false", "portal_scope": "feedback", "keywords": ["bread", "cake"],
            "auto_purchases": "true", "whitelist_purchases": "@mill.be", "csrf_token": csrf_of(page.text)})
        again = await client.get(f"/dossiers/{bakery}/settings")
    assert fake.effective(bakery)["nightly_sync"] is False and fake.effective(bakery)["portal_scope"] == "feedback"
    assert fake.effective(bakery)["auto_transmission"]["purchases"] == {"enabled": True, "sender_whitelist": ["@mill.be"]}
    assert '<option value="false" selected>' in again.text and 'value="@mill.be"' in again.text
    assert 'value="bread"' in again.text


async def test_client_administrator_changes_only_client_settings_and_others_get_403(fake, office_app):
    """DOS-4: Administrator has dossier settings (client part); Full access has none."""
    bakery = dossier_named(fake, "Bakery Janssens")
    async with portal_client(office_app) as client:
        await login(client, "administrator@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/settings")
        assert page.status_code == 200 and 'name="nightly_sync"' not in page.text
        saved = await client.post(f"/dossiers/{bakery}/settings", data={
            "default_payment_date": "today", "csrf_token": csrf_of(page.text)})
        assert saved.status_code == 303 and fake.effective(bakery)["default_payment_date"] == "today"
        assert 'id="f-language"' not in page.text and 'id="dossier-language"' in page.text  # the office's (issue 15 item 12)
        await login(client, "full_access@client.test", PASSWORD)
        refused = await client.get(f"/dossiers/{bakery}/settings")
    assert refused.status_code == 403


async def test_admin_adds_a_client_user_with_one_of_the_six_profiles(fake, office_app):
    """DOS-4: create with a profile; a new e-mail address gets the welcome e-mail from the office."""
    garage = dossier_named(fake, "Garage Dubois")
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{garage}/users")
        assert page.text.count('type="radio" name="profile"') == 6
        answer = await client.post(f"/dossiers/{garage}/users", data={
            "name": "Gina Garage", "email": "gina@garage.test", "language": "fr", "profile": "DOCUMENT_DELIVERY",
            "csrf_token": csrf_of(page.text)}, follow_redirects=True)
    assert fake.user_by_email("gina@garage.test").profiles == {garage: "DOCUMENT_DELIVERY"}
    assert {"template": "user.welcome", "email": "gina@garage.test"} in fake.mails
    assert "Gina Garage" in answer.text and "welcome e-mail" in answer.text


async def test_support_sees_no_dossier_settings_or_users(fake, office_app):
    """OFF-2: SUPPORT has assigned worklists only, no dossier settings."""
    garage = dossier_named(fake, "Garage Dubois")
    async with portal_client(office_app) as client:
        await login(client, "support@demo.test", PASSWORD)
        overview = await client.get(f"/dossiers/{garage}")
        settings = await client.get(f"/dossiers/{garage}/settings")
        users = await client.get(f"/dossiers/{garage}/users")
    assert overview.status_code == 200 and f"/dossiers/{garage}/settings" not in overview.text
    assert settings.status_code == 403 and users.status_code == 403


async def test_admin_assigns_collaborators_and_the_checklist_links_there(fake, office_app):
    """OFF-2: a COLLABORATOR reaches the dossiers assigned to them; only ADMIN assigns."""
    garage = dossier_named(fake, "Garage Dubois")
    colin = fake.user_by_email("collab@demo.test")
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{garage}/assignments")
        assert page.status_code == 200 and "Colin Collaborator" in page.text
        await client.post(f"/dossiers/{garage}/assignments", data={"assigned": [colin.id],
                                                                   "csrf_token": csrf_of(page.text)})
        overview = await client.get(f"/dossiers/{garage}")
        assert garage in colin.assigned and "Colin Collaborator" in overview.text
        await login(client, "collab@demo.test", PASSWORD)
        assert "Garage Dubois" in (await client.get("/dossiers")).text
        assert (await client.get(f"/dossiers/{garage}/assignments")).status_code == 403
