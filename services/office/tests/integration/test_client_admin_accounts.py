"""A client Administrator changes profiles on their own dossier, never another person's account (issue 13 item 4).

Before: the Administrator of one company could add a user of another company of the same office to their
dossier (learning their name), rename that account everywhere and disable it, which revoked its refresh
tokens. Now only the profile on the dossier they administer is theirs to change (DOS-4); account-level
changes stay with the office staff and the person (PLT-1).
"""
from __future__ import annotations

import pytest

from office.handlers import provisioning

pytestmark = pytest.mark.integration
PW = "correct horse battery"


async def _login(client, email: str) -> dict:
    answer = await client.post("/auth/login", json={"email": email, "password": PW})
    assert answer.status_code == 200, answer.text
    return answer.json()


def _bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


@pytest.fixture
async def office(client, deps):
    """Dossier A administered by Marie (client Administrator); Bob works on B and, through the office, on A too."""
    office = await provisioning.ensure_office(deps, slug="acme", name="Acme", portal_name="Acme portal")
    await provisioning.ensure_account(deps, office, email="admin@acme.test", name="Admin", password=PW)
    for email, name in (("marie@a.example", "Marie"), ("bob@b.example", "Bob B"), ("eve@b.example", "Eve B")):
        await provisioning.ensure_account(deps, office, email=email, name=name, kind="client", role=None, password=PW)
    staff = _bearer(await _login(client, "admin@acme.test"))
    ids = {}
    for key in ("A", "B"):
        made = await client.post("/dossiers", json={"name": f"Company {key}"}, headers=staff)
        ids[key] = made.json()["id"]
    for dossier, email, profile in (("A", "marie@a.example", "ADMINISTRATOR"), ("B", "bob@b.example", "FULL_ACCESS"),
                                    ("A", "bob@b.example", "FULL_ACCESS"), ("B", "eve@b.example", "FULL_ACCESS")):
        added = await client.post(f"/dossiers/{ids[dossier]}/users", json={"email": email, "profile": profile},
                                  headers=staff)
        assert added.status_code == 201, added.text
    users = (await client.get(f"/dossiers/{ids['A']}/users", headers=staff)).json()["items"]
    return {"ids": ids, "staff": staff, "marie": _bearer(await _login(client, "marie@a.example")),
            "bob": {u["email"]: u["id"] for u in users}["bob@b.example"]}


async def test_another_companys_user_cannot_be_added_nor_learned(client, office):
    a = office["ids"]["A"]
    answer = await client.post(f"/dossiers/{a}/users", json={"email": "eve@b.example", "profile": "FULL_ACCESS"},
                               headers=office["marie"])
    assert answer.status_code == 409 and answer.json()["error"]["fields"][0]["code"] == "email_taken"
    assert "Eve" not in answer.text
    listed = (await client.get(f"/dossiers/{a}/users", headers=office["staff"])).json()["items"]
    assert "eve@b.example" not in {u["email"] for u in listed}


async def test_a_client_admin_cannot_rename_the_account(client, office):
    a, bob = office["ids"]["A"], office["bob"]
    renamed = await client.patch(f"/dossiers/{a}/users/{bob}", json={"name": "Hacked", "language": "de"},
                                 headers=office["marie"])
    assert renamed.status_code == 403 and "name" in renamed.json()["error"]["message"]
    bobs_me = (await client.get("/me", headers=_bearer(await _login(client, "bob@b.example")))).json()["user"]
    assert (bobs_me["name"], bobs_me["language"]) == ("Bob B", "nl")
    profile = await client.patch(f"/dossiers/{a}/users/{bob}", json={"profile": "DOCUMENT_DELIVERY"},
                                 headers=office["marie"])
    assert profile.status_code == 200 and profile.json()["profile"] == "DOCUMENT_DELIVERY"


async def test_disabling_on_their_dossier_leaves_the_account_and_its_sessions_alone(client, office):
    a, b, bob = office["ids"]["A"], office["ids"]["B"], office["bob"]
    bobs = await _login(client, "bob@b.example")
    disabled = await client.post(f"/dossiers/{a}/users/{bob}/disable", headers=office["marie"])
    assert disabled.status_code == 200 and disabled.json()["active"] is False
    refreshed = await client.post("/auth/refresh", json={"refresh_token": bobs["refresh_token"]})
    assert refreshed.status_code == 200, "Bob was logged out everywhere by another company's administrator"
    me = (await client.get("/me", headers=_bearer(refreshed.json()))).json()
    assert [d["id"] for d in me["dossiers"]] == [b]
    assert (await client.post(f"/dossiers/{a}/users/{bob}/enable", headers=office["marie"])).status_code == 200


async def test_an_account_only_on_their_dossiers_stays_theirs_to_disable_and_enable(client, office):
    """A person the Administrator added and who works nowhere else is shut out altogether, and can come back."""
    a = office["ids"]["A"]
    made = await client.post(f"/dossiers/{a}/users", json={"email": "carl@a.example", "name": "Carl",
                                                            "profile": "FULL_ACCESS"}, headers=office["marie"])
    assert made.status_code == 201, made.text
    carl = made.json()["id"]
    assert (await client.post(f"/dossiers/{a}/users/{carl}/disable", headers=office["marie"])).json()["active"] is False
    again = await client.post(f"/dossiers/{a}/users", json={"email": "carl@a.example", "profile": "FULL_ACCESS"},
                              headers=office["marie"])
    assert again.status_code == 409  # already a user of the dossier: enable instead
    assert (await client.post(f"/dossiers/{a}/users/{carl}/enable", headers=office["marie"])).json()["active"] is True


async def test_office_staff_still_manage_the_account(client, office):
    a, bob = office["ids"]["A"], office["bob"]
    bobs = await _login(client, "bob@b.example")
    renamed = await client.patch(f"/dossiers/{a}/users/{bob}", json={"name": "Bob Renamed"}, headers=office["staff"])
    assert renamed.status_code == 200 and renamed.json()["name"] == "Bob Renamed"
    assert (await client.post(f"/dossiers/{a}/users/{bob}/disable", headers=office["staff"])).status_code == 200
    assert (await client.post("/auth/refresh", json={"refresh_token": bobs["refresh_token"]})).status_code == 401
