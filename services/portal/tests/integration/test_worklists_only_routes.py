"""A collaborator assigned "worklists only" (OFF-2, issue 13 item 5) sees in the portal only what the policy lets
them do there: the worklist and the conversations, no documents, archive, reports, settings or Close button."""
from __future__ import annotations

import re

import pytest

from portal_testkit.harness import login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
COLLAB = "collab@demo.test"


def tab_paths(html: str, dossier: str) -> set[str]:
    """The dossier pages the page links to (its tabs and tiles), as paths below the dossier."""
    return set(re.findall(rf'href="/dossiers/{dossier}(/[a-z\-/]*)?"', html))


def limited(fake) -> str:
    bakery = bakery_of(fake)
    collab = next(u for u in fake.users.values() if u.email == COLLAB)
    assert bakery in collab.assigned
    collab.worklists_only.add(bakery)
    return bakery


async def test_a_worklists_only_collaborator_sees_only_the_worklist_tabs(fake, worklist_app, notify_app):
    bakery = limited(fake)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app, notify_app=notify_app) as client:
        await login(client, COLLAB, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages")
        overview = await client.get(f"/dossiers/{bakery}")
        documents = await client.get(f"/dossiers/{bakery}/documents")
    assert page.status_code == 200, page.text
    assert tab_paths(page.text, bakery) == {"", "/worklist", "/messages"}
    # issue 15 item 6: the overview carries the same dossier navigation as every other dossier page
    assert overview.status_code == 200 and tab_paths(overview.text, bakery) == {"", "/worklist", "/messages"}
    assert documents.status_code == 403


async def test_the_same_collaborator_fully_assigned_sees_the_other_tabs_too(fake, worklist_app, notify_app):
    """The control: without the flag the same dossier offers documents, archive, settings and the rest."""
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app, notify_app=notify_app) as client:
        await login(client, COLLAB, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages")
    assert {"/documents", "/archive", "/settings", "/worklist"} <= tab_paths(page.text, bakery)


async def test_a_worklists_only_collaborator_gets_no_close_button_on_a_conversation(fake, notify, notify_app):
    bakery = limited(fake)
    thread = notify.ask(bakery, "Is this a private expense?", subject="F-1 · Proximus")
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, COLLAB, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}")
    assert page.status_code == 200 and "Is this a private expense?" in page.text
    assert f"/messages/{thread['id']}/close" not in page.text
