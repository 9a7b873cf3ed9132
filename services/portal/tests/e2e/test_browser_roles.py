"""Each role and profile logs in through a real browser and sees what it should, and not more
(OFF-2 roles, DOS-4 profiles, DOS-1 scope), against the real office seeded with its demo."""
from __future__ import annotations

import pytest

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api, screenshot

pytestmark = pytest.mark.e2e
ALL_NAV = ["/dossiers", "/monitor", "/office/collaborators", "/office/groups", "/office/settings"]
NEWS = "/news"  # PLT-3: everyone with help.view (every profile)


def nav_paths(page) -> list[str]:
    return page.locator("ul.nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


@pytest.mark.parametrize("role, nav, dossiers", [
    ("ADMIN", [*ALL_NAV, "/office/templates", NEWS],  # COM-5: template.manage
     {"Brasserie Dupont SRL", "Bakkerij Peeters BV", "Atelier Schmitz GmbH"}),
    ("COLLABORATOR", [*ALL_NAV, NEWS], {"Brasserie Dupont SRL", "Bakkerij Peeters BV", "Atelier Schmitz GmbH"}),
    ("SUPPORT", ["/dossiers", "/monitor", "/office/settings", NEWS], {"Brasserie Dupont SRL"}),
])
def test_each_collaborator_role_sees_its_pages_and_dossiers(platform, browser_page, role, nav, dossiers):
    """OFF-2: ADMIN all; COLLABORATOR assigned + client group; SUPPORT assigned only, no collaborators or groups."""
    page, login = browser_page, LOGINS[role]
    log_in(page, login.email, login.password)
    page.goto("/dossiers")
    screenshot(page, f"dossiers-{role.lower()}")
    assert nav_paths(page) == nav
    shown = set(page.locator("#dossier-table tbody tr td:first-child a").all_inner_texts())
    if role == "ADMIN":
        assert dossiers <= shown  # every dossier, also those other tests created
    else:
        assert shown == dossiers
    if role == "SUPPORT":
        assert page.goto("/office/collaborators").status == 403
        dupont = dossier_ids(platform)["DUPONT"]
        assert page.goto(f"/dossiers/{dupont}/settings").status == 403
    if role != "ADMIN":
        assert page.goto("/office/settings").status == 200
        assert page.locator("#office-facts").is_visible()  # read-only for non-admins: values (issue 15 item 12)
        assert page.locator("main form[action='/office/settings']").count() == 0


CLIENT_AREAS = {
    "ADMINISTRATOR": ["upload", "documents", "worklist", "capture", "archive", "dashboard", "history", "reports",
                      "conversations", "payments", "users", "settings"],
    "FULL_ACCESS": ["upload", "documents", "worklist", "capture", "archive", "dashboard", "history", "reports",
                    "conversations", "payments"],  # the demo office and Schmitz have the payment module on (PAY-10)
    "DOCUMENT_PROCESSING": ["upload", "documents", "capture", "conversations"],
    "DOCUMENT_PROCESSING_ARCHIVE": ["upload", "documents", "capture", "archive", "conversations"],
    "FULL_FEEDBACK": ["archive", "dashboard", "history", "reports", "conversations"],
    "DOCUMENT_DELIVERY": ["upload", "capture"],
}


FEEDBACK_ROUTES = {"dashboard": "dashboard", "history": "history", "archive": "archive"}


@pytest.mark.parametrize("profile", list(CLIENT_AREAS))
def test_each_client_profile_sees_its_portal_and_nothing_else(platform, browser_page, profile):
    """DOS-4: e.g. Document delivery sees upload only; Full feedback sees dashboard/reports/archive, no documents."""
    page, login = browser_page, LOGINS[profile]
    schmitz = dossier_ids(platform)["SCHMITZ"]
    log_in(page, login.email, login.password)
    page.goto(f"/client/{schmitz}")
    screenshot(page, f"client-{profile.lower()}")
    areas = page.locator("a.tile").evaluate_all("tiles => tiles.map(t => t.dataset.area)")
    assert areas == CLIENT_AREAS[profile]
    assert nav_paths(page) == [NEWS, "/client"]
    for area in set(CLIENT_AREAS["ADMINISTRATOR"]) - set(CLIENT_AREAS[profile]):
        assert page.goto(f"/client/{schmitz}/{area}").status == 403, area
    for area, path in FEEDBACK_ROUTES.items():  # the portal refuses before asking reporting (issue 16)
        if area not in CLIENT_AREAS[profile]:
            assert page.goto(f"/dossiers/{schmitz}/{path}").status == 403, path
    assert page.goto("/dossiers/" + schmitz + "/users").status == (200 if profile == "ADMINISTRATOR" else 403)
    assert page.goto("/office/settings").status == 403
