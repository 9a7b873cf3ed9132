"""Office management through the portal: settings (OFF-1), collaborators (OFF-2), groups (OFF-3), with the role
checks of the shared matrix (a forbidden page answers 403, navigation hides it)."""
import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD


async def test_admin_creates_a_collaborator_and_the_office_sends_the_welcome_mail(fake, office_app):
    """OFF-2: create collaborator → welcome e-mail happens in office."""
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/office/collaborators")
        answer = await client.post("/office/collaborators", data={
            "name": "Nora New", "email": "nora@demo.test", "role": "COLLABORATOR", "language": "fr",
            "csrf_token": csrf_of(page.text)}, follow_redirects=True)
    assert answer.status_code == 200 and "Nora New" in answer.text and "welcome e-mail" in answer.text
    assert fake.user_by_email("nora@demo.test").role == "COLLABORATOR"
    assert {"template": "user.welcome", "email": "nora@demo.test"} in fake.mails


async def test_a_taken_email_is_explained_next_to_the_field(office_app):
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/office/collaborators")
        answer = await client.post("/office/collaborators", data={
            "name": "Dup", "email": "collab@demo.test", "role": "SUPPORT", "language": "en",
            "csrf_token": csrf_of(page.text)})
    assert answer.status_code == 409
    assert 'id="email-error">This e-mail address is already in use.' in answer.text
    assert 'value="Dup"' in answer.text  # what was typed stays


@pytest.mark.parametrize("email, status", [("collab@demo.test", 200), ("support@demo.test", 403),
                                           ("full_access@client.test", 403)])
async def test_collaborator_list_follows_the_matrix(office_app, email, status):
    async with portal_client(office_app) as client:
        await login(client, email, PASSWORD)
        page = await client.get("/office/collaborators")
    assert page.status_code == status
    if status == 403:
        assert "Not allowed" in page.text


async def test_only_admins_see_the_create_form_and_navigation_matches_the_role(office_app):
    async with portal_client(office_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get("/office/collaborators")
        assert "New collaborator" not in page.text
        await login(client, "support@demo.test", PASSWORD)
        support = await client.get("/dossiers")
    assert 'href="/office/collaborators"' not in support.text and 'href="/office/groups"' not in support.text


async def test_office_settings_are_saved_and_shown_at_login(fake, office_app):
    """OFF-1: the portal name shown at login is an office setting."""
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/office/settings")
        answer = await client.post("/office/settings", data={
            "name": "Demo Office", "portal_name": "Fiduciaire Demo", "default_language": "fr",
            "dossier_activation": "admins_and_collaborators", "payment_module": "true",
            "csrf_token": csrf_of(page.text)},
            follow_redirects=True)
        assert "Your changes are saved." in answer.text
        login_page = await client.get("/login?office=demo")
    assert fake.office["portal_name"] == "Fiduciaire Demo" and fake.office["payment_module"] is True
    assert fake.office["key_figures_closed_periods_only"] is False
    assert "Fiduciaire Demo" in login_page.text


async def test_a_collaborator_reads_but_cannot_change_office_settings(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get("/office/settings")
        answer = await client.post("/office/settings", data={"name": "Hacked", "csrf_token": csrf_of(page.text)})
    assert page.status_code == 200 and 'id="office-facts"' in page.text and "<dd>Demo Office</dd>" in page.text
    assert "<input" not in page.text.split('id="office-facts"')[0].split("<h1>")[1]  # values, no fields (issue 15 item 12)
    assert answer.status_code == 403 and fake.office["name"] == "Demo Office"


async def test_an_admin_changes_a_collaborators_role_after_a_confirmation(fake, office_app):
    """OFF-2, issue 15 item 12: the role select asks first, naming who and from what to what; then the office has it."""
    colin = fake.user_by_email("collab@demo.test")
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/office/collaborators")
        asked = await client.post(f"/office/collaborators/{colin.id}/role",
                                  data={"role": "SUPPORT", "csrf_token": csrf_of(page.text)})
        assert asked.status_code == 200 and fake.users[colin.id].role == "COLLABORATOR"
        assert f"Change the role of {colin.name}?" in asked.text and "From Collaborator to Support." in asked.text
        done = await client.post(f"/office/collaborators/{colin.id}/role", follow_redirects=True,
                                 data={"role": "SUPPORT", "confirmed": "1", "csrf_token": csrf_of(asked.text)})
        unknown = await client.post(f"/office/collaborators/{colin.id}/role",
                                    data={"role": "BOSS", "confirmed": "1", "csrf_token": csrf_of(page.text)})
    assert fake.users[colin.id].role == "SUPPORT" and "The role is changed." in done.text
    assert unknown.status_code == 422 and fake.users[colin.id].role == "SUPPORT"


async def test_the_last_admin_keeps_the_role_and_others_cannot_change_roles(fake, office_app):
    """The office keeps one active ADMIN (409 said on the page); a COLLABORATOR changes no role (403)."""
    ada, colin = fake.user_by_email("admin@demo.test"), fake.user_by_email("collab@demo.test")
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/office/collaborators")
        assert f'action="/office/collaborators/{ada.id}/role"' not in page.text  # not one's own
        own = await client.post(f"/office/collaborators/{ada.id}/role", data={
            "role": "SUPPORT", "confirmed": "1", "csrf_token": csrf_of(page.text)})
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get("/office/collaborators")
        refused = await client.post(f"/office/collaborators/{colin.id}/role", data={
            "role": "ADMIN", "confirmed": "1", "csrf_token": csrf_of(page.text)})
    assert own.status_code == 409 and "at least one active administrator" in own.text and ada.role == "ADMIN"
    assert refused.status_code == 403 and colin.role == "COLLABORATOR" and "Change role" not in page.text


async def test_admin_creates_groups(fake, office_app):
    """OFF-3/DOS-5: collaborator groups and client groups."""
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/office/groups")
        colin = fake.user_by_email("collab@demo.test").id
        await client.post("/office/collaborator-groups", data={"name": "Team Ghent", "members": [colin],
                                                                "csrf_token": csrf_of(page.text)})
        bakery = next(iter(fake.dossiers))
        answer = await client.post("/office/client-groups", data={"name": "Bakeries", "dossiers": [bakery],
                                                                  "csrf_token": csrf_of(page.text)}, follow_redirects=True)
    assert [g["members"] for g in fake.collaborator_groups.values()] == [[colin]]
    assert [g["dossiers"] for g in fake.client_groups.values()] == [[bakery]]
    assert "Team Ghent" in answer.text and "Bakeries" in answer.text and "Bakery Janssens" in answer.text
