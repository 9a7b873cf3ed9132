"""Issue 15 item 12 in Chromium against the real office (demo seed): a client Administrator saves the dossier settings
unchanged (was 403), SUPPORT reads the office settings as values, an office admin changes a collaborator's role
after a confirmation (OFF-2, DOS-4)."""
from __future__ import annotations

import uuid

import pytest

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api, screenshot

pytestmark = pytest.mark.e2e


def test_a_client_administrator_saves_the_dossier_settings_unchanged(platform, browser_page):
    """DOS-4: the Administrator's form sends the client keys only, so Save works (German, Dana's language)."""
    page, login = browser_page, LOGINS["ADMINISTRATOR"]
    schmitz = dossier_ids(platform)["SCHMITZ"]
    log_in(page, login.email, login.password)
    page.goto(f"/dossiers/{schmitz}/settings")
    assert page.locator("#f-language").count() == 0 and page.locator("#dossier-language").is_visible()
    page.locator("main form[action$='/settings'] button[type=submit]").click()
    page.wait_for_url(lambda url: "notice=saved" in url)
    screenshot(page, "settings-client-administrator-saved")
    assert page.locator(".alert.success").inner_text() == "Ihre Änderungen sind gespeichert."


def test_support_reads_the_office_settings_as_values(platform, browser_page):
    page, login = browser_page, LOGINS["SUPPORT"]
    log_in(page, login.email, login.password)
    page.goto("/office/settings")
    screenshot(page, "office-settings-support")
    facts = page.locator("#office-facts")
    assert facts.is_visible() and "Demo" in facts.inner_text()
    assert page.locator("main input:not([type=hidden]), main select, main textarea").count() == 0
    assert page.locator("main button", has_text="Save").count() == 0


def test_an_office_admin_changes_a_collaborators_role_after_confirming(platform, browser_page):
    """OFF-2: the role select asks first (who, from, to); Cancel changes nothing; the confirmation changes it."""
    page, admin = browser_page, LOGINS["ADMIN"]
    email = f"role-{uuid.uuid4().hex[:8]}@example.test"
    with office_api(platform, admin.email, admin.password) as api:
        made = api.post("/collaborators", json={"email": email, "name": "Rolf Role", "role": "COLLABORATOR",
                                                "language": "en"}).json()
    log_in(page, admin.email, admin.password)
    page.goto("/office/collaborators")
    page.locator(f"#role-{made['id']}").select_option("SUPPORT")
    page.locator(f"form[action='/office/collaborators/{made['id']}/role'] button").click()
    assert page.locator("#role-change").inner_text() == "Van Medewerker naar Support."  # the demo admin reads Dutch
    screenshot(page, "collaborator-role-confirm")
    page.get_by_role("link", name="Annuleren").click()
    with office_api(platform, admin.email, admin.password) as api:
        assert api.get(f"/collaborators/{made['id']}").json()["role"] == "COLLABORATOR"
    page.locator(f"#role-{made['id']}").select_option("SUPPORT")
    page.locator(f"form[action='/office/collaborators/{made['id']}/role'] button").click()
    page.locator("#confirm-role").click()
    page.locator(".alert.success").wait_for()
    assert "De rol is gewijzigd." in page.locator(".alert.success").inner_text()
    assert page.locator(f"#role-{made['id']}").input_value() == "SUPPORT"
    with office_api(platform, admin.email, admin.password) as api:
        assert api.get(f"/collaborators/{made['id']}").json()["role"] == "SUPPORT"
