"""Issue 13 item 4: a client Administrator touches the profile on their own dossier, never another person's account.

Before: the Administrator of company A could add a user of company B (same office) to A by e-mail — learning
their name —, rename that account everywhere and disable it, which revoked its refresh tokens (logged out
of B too). The attacker here is A's Administrator with their own token against the running office.
"""
from __future__ import annotations

import httpx
import pytest

from seeded_office import bearer, login, seeded_office, url

from office.handlers import access, dossiers

pytestmark = pytest.mark.e2e


@pytest.fixture
async def companies():
    """Dossiers A and B; MARIE administers A; BOB works on B and, given by the office, on A; EVE on B only."""
    async with seeded_office("accounts") as office, httpx.AsyncClient(timeout=30) as http:
        ids = {key: (await dossiers.create_dossier(office.deps, office.admin, {"name": f"Company {key}"}))["id"]
               for key in ("A", "B")}
        for key, dossier_keys, profile in (("MARIE", "A", "ADMINISTRATOR"), ("BOB", "BA", "FULL_ACCESS"),
                                           ("EVE", "B", "FULL_ACCESS")):
            await office.person(key, kind="client")
            for d in dossier_keys:
                await access.add_client_user(office.deps, office.admin, ids[d], {"email": office.email(key),
                                                                                  "profile": profile})
        marie = bearer(await login(http, office.email("MARIE")))
        yield {"http": http, "office": office, "ids": ids, "marie": marie, "bob": office.accounts["BOB"].id}


async def test_another_companys_user_cannot_be_added_and_is_not_revealed(companies):
    http, office, a = companies["http"], companies["office"], companies["ids"]["A"]
    answer = await http.post(f"{url('office')}/dossiers/{a}/users", headers=companies["marie"],
                             json={"email": office.email("EVE"), "profile": "ADMINISTRATOR"})
    assert answer.status_code == 409 and answer.json()["error"]["fields"][0]["code"] == "email_taken"
    assert "Eve" not in answer.text
    staff = await http.post(f"{url('office')}/dossiers/{a}/users", headers=companies["marie"],
                            json={"email": office.email("ADMIN"), "profile": "FULL_ACCESS"})
    assert staff.json()["error"] == answer.json()["error"]  # one answer for every taken address


async def test_the_account_cannot_be_renamed_by_a_client_admin(companies):
    http, a, bob = companies["http"], companies["ids"]["A"], companies["bob"]
    renamed = await http.patch(f"{url('office')}/dossiers/{a}/users/{bob}", headers=companies["marie"],
                               json={"name": "<b>Pwned</b>", "language": "de"})
    assert renamed.status_code == 403 and "name" in renamed.json()["error"]["message"]
    bobs_me = await http.get(f"{url('office')}/me",
                             headers=bearer(await login(http, companies["office"].email("BOB"))))
    assert (bobs_me.json()["user"]["name"], bobs_me.json()["user"]["language"]) == ("Bob " + companies["office"].slug,
                                                                                    "en")


async def test_disabling_on_their_dossier_does_not_log_the_person_out_elsewhere(companies):
    http, office, ids, bob = companies["http"], companies["office"], companies["ids"], companies["bob"]
    bobs = await login(http, office.email("BOB"))
    disabled = await http.post(f"{url('office')}/dossiers/{ids['A']}/users/{bob}/disable", headers=companies["marie"])
    assert disabled.status_code == 200 and disabled.json()["active"] is False
    refreshed = await http.post(f"{url('office')}/auth/refresh", json={"refresh_token": bobs["refresh_token"]})
    assert refreshed.status_code == 200, refreshed.text
    me = (await http.get(f"{url('office')}/me", headers=bearer(refreshed.json()))).json()
    assert [d["id"] for d in me["dossiers"]] == [ids["B"]]
