"""The client portal per profile (DOS-4) and portal scope (DOS-1): each sees what it should and not more."""
import pytest

from portal_testkit.harness import login, portal_client
from portal_testkit.office_state import PASSWORD

AREAS = ["upload", "documents", "archive", "dashboard", "reports", "conversations", "users", "settings"]
SEES = {
    "administrator": {"upload", "documents", "archive", "dashboard", "reports", "conversations", "users", "settings"},
    "full_access": {"upload", "documents", "archive", "dashboard", "reports", "conversations"},
    "document_processing": {"upload", "documents", "conversations"},
    "document_processing_archive": {"upload", "documents", "archive", "conversations"},
    "full_feedback": {"archive", "dashboard", "reports", "conversations"},
    "document_delivery": {"upload"},
}


@pytest.mark.parametrize("profile", sorted(SEES))
async def test_each_profile_sees_its_areas_and_gets_403_elsewhere(fake, office_app, profile):
    bakery = next(iter(fake.dossiers))
    async with portal_client(office_app) as client:
        await login(client, f"{profile}@client.test", PASSWORD)
        home = await client.get("/", follow_redirects=True)
        assert str(home.url).endswith(f"/client/{bakery}")
        shown = {a for a in AREAS if f'data-area="{a}"' in home.text}
        assert shown == SEES[profile]
        assert 'href="/dossiers"' not in home.text and 'href="/office/' not in home.text
        for area in set(AREAS) - SEES[profile]:
            assert (await client.get(f"/client/{bakery}/{area}")).status_code == 403, area
        assert (await client.get("/office/settings")).status_code == 403


async def test_portal_scope_full_feedback_only_hides_documents(fake, office_app):
    bakery = next(iter(fake.dossiers))
    fake.overrides[bakery]["portal_scope"] = "feedback"
    async with portal_client(office_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        home = await client.get(f"/client/{bakery}")
        upload = await client.get(f"/client/{bakery}/upload")
    assert 'data-area="dashboard"' in home.text and 'data-area="upload"' not in home.text
    assert upload.status_code == 403


async def test_a_client_cannot_open_another_dossier(fake, office_app):
    garage = [d for d in fake.dossiers][1]
    async with portal_client(office_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        assert (await client.get(f"/client/{garage}")).status_code == 403


async def test_collaborators_are_sent_to_the_office_side(office_app):
    async with portal_client(office_app) as client:
        await login(client, "admin@demo.test", PASSWORD)
        answer = await client.get("/client")
    assert answer.headers["location"] == "/dossiers"
