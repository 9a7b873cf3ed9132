"""SYN-8 on the office's Synchronisation tab, through the portal against the fake office and a fake sync-connector:
the account changes a sync found are listed for those allowed sync.changes.review (admins, collaborators; not
support), accepted with the ones ticked, refusals named on the page; the journals made at activation; the names
from the software shown as text; NL/FR/DE/EN."""
from __future__ import annotations

import pytest

from integration.test_sync_routes import ADMIN, COLLAB, SUPPORT, _as
from portal_testkit.harness import csrf_of
from portal_testkit.sync_fake import FakeSync, change_of
from portal_testkit.worklist_pages import bakery_of, garage_of

pytestmark = pytest.mark.integration


@pytest.fixture
def sync(fake) -> FakeSync:
    return FakeSync(fake)


def _seed(sync: FakeSync, dossier: str) -> tuple[dict, dict]:
    renamed, gone = change_of("604000", name="Aankopen <b>handelsgoederen</b>"), change_of("610000", "deleted", None)
    sync.reviews[dossier] = {"pending": [renamed, gone], "journals": [
        {"code": "AANK2", "name": "Aankopen bis", "kind": "purchases", "outcome": "created",
         "recorded_at": "2026-01-05T08:00:00+00:00"},
        {"code": "VERK", "name": "Verkopen", "kind": "sales", "outcome": "existed",
         "recorded_at": "2026-01-05T08:00:00+00:00"}]}
    return renamed, gone


async def test_a_collaborator_accepts_the_account_changes_ticked(fake, sync):
    bakery = bakery_of(fake)
    renamed, gone = _seed(sync, bakery)
    cm, client = await _as(fake, sync, COLLAB)
    try:
        page = (await client.get(f"/dossiers/{bakery}/sync")).text
        section = page[page.index('id="account-changes"'):page.index("</section>", page.index('id="account-changes"'))]
        assert 'data-account="604000"' in section and 'data-account="610000"' in section
        assert "Aankopen &lt;b&gt;handelsgoederen&lt;/b&gt;" in section and "<b>handelsgoederen</b>" not in section
        assert "Changed" in section and "Removed" in section
        assert 'data-journal="AANK2"' in section and "created in the accounting software" in section
        assert "already there" in section

        answer = await client.post(f"/dossiers/{bakery}/sync/account-changes",
                                   data={"change_id": [renamed["change_id"]], "csrf_token": csrf_of(page)})
        assert answer.status_code == 303 and answer.headers["location"].endswith("notice=changes_accepted")
        after = (await client.get(answer.headers["location"])).text
        assert "The account changes you picked are accepted." in after
        assert 'data-account="604000"' not in after and 'data-account="610000"' in after

        none = await client.post(f"/dossiers/{bakery}/sync/account-changes", data={"csrf_token": csrf_of(page)})
        assert none.status_code == 422 and 'data-account="610000"' in none.text
        stale = await client.post(f"/dossiers/{bakery}/sync/account-changes",
                                  data={"change_id": [renamed["change_id"]], "csrf_token": csrf_of(page)})
        assert stale.status_code == 422 and "not waiting for review" in stale.text
    finally:
        await cm.__aexit__(None, None, None)
    assert [c["code"] for c in sync.reviews[bakery]["pending"]] == ["610000"]


async def test_support_sees_the_sync_but_not_the_account_review(fake, sync):
    bakery = garage_of(fake)  # the support's dossier
    renamed, _ = _seed(sync, bakery)
    cm, client = await _as(fake, sync, SUPPORT)
    try:
        page = await client.get(f"/dossiers/{bakery}/sync")
        assert page.status_code == 200 and 'id="account-changes"' not in page.text
        refused = await client.post(f"/dossiers/{bakery}/sync/account-changes",
                                    data={"change_id": [renamed["change_id"]], "csrf_token": csrf_of(page.text)})
        assert refused.status_code == 403
    finally:
        await cm.__aexit__(None, None, None)
    assert len(sync.reviews[bakery]["pending"]) == 2


async def test_the_review_is_said_in_the_readers_language(fake, sync):
    bakery = bakery_of(fake)
    _seed(sync, bakery)
    cm, client = await _as(fake, sync, ADMIN)
    try:
        for language, title, removed in (("nl", "Rekeningwijzigingen na te kijken", "Verwijderd"),
                                         ("fr", "Modifications de comptes à vérifier", "Supprimé"),
                                         ("de", "Zu prüfende Kontenänderungen", "Entfernt"),
                                         ("en", "Account changes to review", "Removed")):
            fake.user_by_email(ADMIN).language = language
            page = (await client.get(f"/dossiers/{bakery}/sync")).text
            assert title in page and removed in page, language
    finally:
        fake.user_by_email(ADMIN).language = "en"
        await cm.__aexit__(None, None, None)
