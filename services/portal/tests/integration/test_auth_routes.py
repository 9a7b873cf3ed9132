"""Login, logout, session cookie, CSRF and language through the portal's routes (issue 3; OFF-1, PLT-1)."""
import asyncio

from portal.config import PortalSettings

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD


async def test_login_page_shows_the_office_portal_name_and_languages(office_app):
    """OFF-1: the portal name at login; PLT-1: four languages to choose from."""
    async with portal_client(office_app) as client:
        page = await client.get("/login?office=demo")
    assert page.status_code == 200 and "Demo Accountants Portal" in page.text
    for name in ("Nederlands", "Français", "English", "Deutsch"):
        assert name in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'self'")


async def test_wrong_password_is_refused_with_a_message(office_app):
    async with portal_client(office_app) as client:
        answer = await login(client, "admin@demo.test", "wrong")
    assert answer.status_code == 401 and "not correct" in answer.text
    assert "bf_session" not in answer.headers.get("set-cookie", "")


async def test_login_sets_an_httponly_lax_session_cookie_and_lands_on_the_dossiers(office_app):
    async with portal_client(office_app) as client:
        answer = await login(client, "admin@demo.test", PASSWORD)
        cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("bf_session="))
        assert "HttpOnly" in cookie and "samesite=lax" in cookie.lower() and "Path=/" in cookie
        assert "Secure" not in cookie
        assert answer.status_code == 303 and answer.headers["location"] == "/"
        home = await client.get("/", follow_redirects=True)
    assert str(home.url).endswith("/dossiers") and "Bakery Janssens" in home.text


async def test_secure_cookie_when_configured(office_app):
    settings = PortalSettings(service="portal", office_slug="demo", cookie_secure=True)
    async with portal_client(office_app, settings=settings, base="https://portal.test") as client:
        answer = await login(client, "admin@demo.test", PASSWORD)
    cookie = next(c for c in answer.headers.get_list("set-cookie") if c.startswith("bf_session="))
    assert "Secure" in cookie


async def test_pages_need_a_session(office_app):
    async with portal_client(office_app) as client:
        answer = await client.get("/dossiers")
        htmx = await client.get("/dossiers", headers={"HX-Request": "true"})
    assert answer.status_code == 303 and answer.headers["location"] == "/login"
    assert htmx.headers.get("hx-redirect") == "/login"


async def test_logout_revokes_at_the_office_and_ends_the_session(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/dossiers")
        assert len(fake.refresh_tokens) == 1
        answer = await client.post("/logout", data={"csrf_token": csrf_of(page.text)})
        assert answer.status_code == 303 and answer.headers["location"] == "/login"
        assert fake.refresh_tokens == {}
        assert (await client.get("/dossiers")).status_code == 303


async def test_state_change_without_or_with_a_wrong_csrf_token_gets_a_403_page(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/office/collaborators")
        body = {"name": "Eve", "email": "eve@demo.test", "role": "SUPPORT", "language": "en"}
        missing = await client.post("/office/collaborators", data=body)
        wrong = await client.post("/office/collaborators", data={**body, "csrf_token": "forged"})
        cross = await client.post("/office/collaborators", data={**body, "csrf_token": csrf_of(page.text)},
                                  headers={"Origin": "https://evil.example"})
        assert [r.status_code for r in (missing, wrong, cross)] == [403, 403, 403]
        assert "Form expired" in missing.text and "reload the page" in missing.text
        assert fake.user_by_email("eve@demo.test") is None
        header = await client.post("/office/collaborators", data=body, headers={"X-CSRF-Token": csrf_of(page.text)})
    assert header.status_code == 303 and fake.user_by_email("eve@demo.test") is not None


async def test_login_form_is_csrf_protected_too(office_app):
    async with portal_client(office_app) as client:
        answer = await client.post("/login", data={"email": "admin@demo.test", "password": PASSWORD})
    assert answer.status_code == 403


async def test_language_chooser_on_the_login_page_switches_the_page(office_app):
    """PLT-1: the login page's chooser sets a cookie; the page comes back in that language."""
    async with portal_client(office_app) as client:
        page = await client.get("/login", headers={"Accept-Language": "en"})
        answer = await client.post("/language", data={"language": "fr", "next": "/login",
                                                      "csrf_token": csrf_of(page.text)})
        assert "bf_lang=fr" in answer.headers["set-cookie"]
        again = await client.get("/login")
    assert '<html lang="fr">' in again.text and "Se connecter" in again.text


async def test_login_page_uses_the_office_default_language_when_the_browser_names_none(office_app):
    async with portal_client(office_app) as client:
        page = await client.get("/login?office=demo", headers={"Accept-Language": ""})
    assert '<html lang="nl">' in page.text and "Aanmelden" in page.text


async def test_a_users_language_is_saved_on_the_account(fake, office_app):
    """PLT-1: chosen per user (PATCH /me), used on every page after."""
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        page = await client.get("/dossiers")
        await client.post("/language", data={"language": "de", "next": "/dossiers", "csrf_token": csrf_of(page.text)})
        assert fake.user_by_email("admin@demo.test").language == "de"
        again = await client.get("/dossiers")
    assert '<html lang="de">' in again.text and "Abmelden" in again.text


async def test_expired_access_token_is_renewed_without_the_user_noticing(fake, office_app):
    fake.access_ttl_s = 1  # stale at once (the portal renews 30 s early)
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        first = set(fake.refresh_tokens)
        page = await client.get("/dossiers")
    assert page.status_code == 200 and set(fake.refresh_tokens) != first


def slow_refresh(app):
    """The office app with a refresh taking as long as the real office's database round trips (requests overlap)."""
    async def slow(scope, receive, send):
        if scope["type"] == "http" and scope["path"] == "/auth/refresh":
            await asyncio.sleep(0.05)
        await app(scope, receive, send)
    return slow


async def test_pages_loading_at_once_on_a_stale_session_renew_it_once(fake, office_app):
    """Tabs, or htmx firing several requests: a second refresh would be a reuse, revoking the user's tokens."""
    fake.access_ttl_s = 1  # the login's access token is stale at once, the renewed one is not
    async with portal_client(slow_refresh(office_app)) as client:
        await login(client, "admin@demo.test", PASSWORD)
        fake.access_ttl_s, issued = 900, len(fake.refresh_chains)
        pages = await asyncio.gather(*(client.get(path) for path in ("/dossiers", "/dossiers", "/office/settings")))
        assert [p.status_code for p in pages] == [200, 200, 200]
        assert len(fake.refresh_chains) == issued + 1
        assert (await client.get("/dossiers")).status_code == 200


async def test_a_disabled_user_is_sent_back_to_login(fake, office_app):
    async with portal_client(office_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        fake.user_by_email("collab@demo.test").active = False
        answer = await client.get("/dossiers")
    assert answer.status_code == 303 and answer.headers["location"] == "/login"


async def test_choosing_a_password_from_the_welcome_link(fake, office_app):
    """OFF-2/DOS-4 welcome e-mail: its link_path /reset-password?token=… sets the password, then login works."""
    user = fake.user_by_email("collab@demo.test")
    fake.reset_tokens["link-token"] = user.id
    async with portal_client(office_app) as client:
        page = await client.get("/reset-password?token=link-token")
        token = csrf_of(page.text)
        mismatch = await client.post("/reset-password", data={"token": "link-token", "password": "a-new-password",
                                                              "password_again": "another-one", "csrf_token": token})
        assert mismatch.status_code == 422 and "not the same" in mismatch.text
        done = await client.post("/reset-password", data={"token": "link-token", "password": "a-new-password",
                                                          "password_again": "a-new-password", "csrf_token": token})
        assert done.headers["location"] == "/login?reset=done"
        saved = await client.get(done.headers["location"], headers={"Accept-Language": "en"})
        assert "Your password is saved" in saved.text
        reused = await client.post("/reset-password", data={"token": "link-token", "password": "a-new-password",
                                                            "password_again": "a-new-password", "csrf_token": token})
        assert "no longer valid" in reused.text
        assert (await login(client, "collab@demo.test", "a-new-password")).status_code == 303
