"""Dossiers through the HTTP API: activation, settings and their validation, checklist, client users, events
in the transaction of the change (DOS-1..5, OFF-1, OFF-3)."""
from __future__ import annotations

import uuid

import pytest
from contracts.codec import deserialize

from office.adapters import events
from office.domain.office import Office
from office.handlers import provisioning

pytestmark = pytest.mark.integration
PW = "correct horse battery"
ACCOUNTING = {"accounting": {"software": "tryton", "installation": "local", "dossier_code": "dup"}}


@pytest.fixture
async def h(client, deps):
    office = await provisioning.ensure_office(deps, slug="acme", name="Acme", portal_name="Acme portal")
    await provisioning.ensure_account(deps, office, email="admin@acme.test", name="Admin", password=PW)
    tokens = (await client.post("/auth/login", json={"email": "admin@acme.test", "password": PW})).json()
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def _events(deps, topic="dossier.changed") -> list:
    async with deps.pool.acquire() as conn:
        rows = await conn.fetch("SELECT topic, payload FROM outbox WHERE topic = $1 ORDER BY id", topic)
    return [deserialize(r["topic"], bytes(r["payload"])) for r in rows]


async def _new(client, h, **body) -> dict:
    response = await client.post("/dossiers", json={"name": "Brasserie Dupont", **body}, headers=h)
    assert response.status_code == 201, response.text
    return response.json()


async def test_two_step_activation_creates_journals_from_the_office_templates(client, deps, h):
    """DOS-1: create (draft, unique inbound addresses), then activate on the accounting software."""
    draft = await _new(client, h, code="DUP", vat_number="BE 0403.170.701")
    assert draft["status"] == "draft" and draft["vat_number"] == "BE0403170701"
    assert len(set(draft["mailboxes"].values())) == 3 and all("@" in a for a in draft["mailboxes"].values())
    active = (await client.post(f"/dossiers/{draft['id']}/activate", json=ACCOUNTING, headers=h)).json()
    assert active["status"] == "active" and [j["alias"] for j in active["journals"]] == ["ACH", "VEN"]
    again = await client.post(f"/dossiers/{draft['id']}/activate", json=ACCOUNTING, headers=h)
    assert again.status_code == 409
    created, activated = await _events(deps)
    assert created.change == "created" and activated.change == "activated"
    assert activated.dossier.accounting.dossier_code == "dup" and activated.dossier.status == "active"
    assert {m.address for m in activated.dossier.mailboxes} == set(draft["mailboxes"].values())


@pytest.mark.parametrize(("body", "field"), [
    ({"keywords": ["a", "b", "c", "d", "e"]}, "settings.keywords"),
    ({"portal_scope": "everything"}, "settings.portal_scope"),
    ({"auto_transmission": {"purchases": {"enabled": True, "sender_whitelist": ["not an address"]}}},
     "settings.auto_transmission"),
    ({"journals": [{"alias": "ACH", "type": "purchases", "number_format": "2025-"}]}, "settings.journals"),
    ({"dashboard_accounts": ["40A"]}, "settings.dashboard_accounts"),
    ({"colour": "red"}, "settings.colour"),
])
async def test_invalid_settings_name_the_field_and_change_nothing(client, deps, h, body, field):
    dossier = await _new(client, h)
    before = await _events(deps)
    response = await client.patch(f"/dossiers/{dossier['id']}/settings", json=body, headers=h)
    assert response.status_code == 422
    assert response.json()["error"]["fields"][0]["field"].startswith(field)
    assert await _events(deps) == before
    assert (await client.get(f"/dossiers/{dossier['id']}/settings", headers=h)).json()["overrides"] == {}


async def test_every_setting_of_the_issue_is_stored_and_published(client, deps, h):
    """DOS-1..3, DOS-5, ING-10, PAY-10: the settings land in the snapshot other services replicate."""
    dossier = await _new(client, h)
    settings = {
        "portal_scope": "feedback", "validation_mode": "hybrid", "direct_booking": True, "vat_exempt": True,
        "default_counterparty": "SUPPLIER-1", "keywords": ["bière", "fût", "café", "thé"],
        "auto_transmission": {"purchases": {"enabled": True, "sender_whitelist": ["@supplier.example"]},
                              "sales": {"enabled": False, "sender_whitelist": []}},
        "payment_module": True, "default_payment_date": "due_date", "nightly_sync": False, "financial_tab": False,
        "hide_financial_data": True, "dashboard_accounts": ["400000", "440000"],
        "app_centre_links": [{"title": "Bank", "url": "https://bank.example"}], "permanent_dossier_types": ["statutes"],
        "journals": [{"alias": "ACH", "type": "purchases", "number_format": "{year}/{seq:05}", "reviewed": True}],
        "vat_code_exceptions": [{"code": "V6", "rate": "6", "type": "goods", "region": "national", "journal_type": None,
                                 "description": None}],
        "office_schema": [{"account": "604000", "rubric": "R1", "description": "Goods", "extra_info": None}],
        "extra_accounts": ["612000"],
    }
    response = await client.patch(f"/dossiers/{dossier['id']}/settings", json=settings, headers=h)
    assert response.status_code == 200, response.text
    effective = response.json()["effective"]
    assert effective["payment_module"] is False  # the office's payment module is off (OFF-1)
    assert {k: v for k, v in effective.items() if k in settings and k != "payment_module"} == \
        {k: v for k, v in settings.items() if k != "payment_module"} | {"journals": effective["journals"]}
    published = (await _events(deps))[-1]
    assert published.change == "settings" and published.dossier.settings.keywords == ("bière", "fût", "café", "thé")
    assert published.dossier.settings.auto_transmission.purchases.sender_whitelist == ("@supplier.example",)
    await client.patch("/office", json={"payment_module": True}, headers=h)  # OFF-1 switch on: dossiers republished
    assert (await _events(deps))[-1].dossier.settings.payment_module is True


async def test_null_returns_a_setting_to_the_office_default(client, h):
    await client.patch("/office", json={"dossier_defaults": {"nightly_sync": False}}, headers=h)
    dossier = await _new(client, h)
    url = f"/dossiers/{dossier['id']}/settings"
    assert (await client.get(url, headers=h)).json()["effective"]["nightly_sync"] is False
    await client.patch(url, json={"nightly_sync": True}, headers=h)
    assert (await client.get(url, headers=h)).json()["effective"]["nightly_sync"] is True
    reset = (await client.patch(url, json={"nightly_sync": None}, headers=h)).json()
    assert reset["effective"]["nightly_sync"] is False and "nightly_sync" not in reset["overrides"]


async def test_the_checklist_clears_its_red_flags_as_the_dossier_is_set_up(client, h):
    """DOS-5: journals and rubrics to review, client users and collaborators missing."""
    dossier = await _new(client, h)
    url = f"/dossiers/{dossier['id']}"

    def red(body):
        return {i["code"] for i in body["items"] if i["severity"] == "red"}

    first = (await client.get(url + "/checklist", headers=h)).json()
    assert not first["ok"] and {"activated", "journals_present", "client_user"} <= red(first)
    activated = (await client.post(url + "/activate", json=ACCOUNTING, headers=h)).json()
    journals = [{**j, "reviewed": True} for j in activated["journals"]]
    await client.patch(url + "/settings", json={"journals": journals, "rubrics_reviewed": True}, headers=h)
    await client.post(url + "/users", json={"email": "marie@dupont.example", "name": "Marie", "profile": "ADMINISTRATOR"},
                      headers=h)
    me = (await client.get("/me", headers=h)).json()["user"]["id"]
    await client.put(url + "/assignments", json={"collaborators": [{"collaborator_id": me}]}, headers=h)
    done = (await client.get(url + "/checklist", headers=h)).json()
    assert done["ok"] and red(done) == set()


async def test_client_administrators_edit_client_settings_but_not_office_ones(client, deps, h):
    """DOS-4: Administrator has dossier settings; office-only keys stay with the office."""
    dossier = await _new(client, h)
    await client.post(f"/dossiers/{dossier['id']}/users", json={"email": "marie@dupont.example", "name": "Marie",
                                                                 "profile": "ADMINISTRATOR"}, headers=h)
    [welcome] = [e for e in await _events(deps, "notification.requested")]
    await client.post("/auth/password-reset/confirm", json={"token": welcome.params["link_token"], "password": PW})
    tokens = (await client.post("/auth/login", json={"email": "marie@dupont.example", "password": PW})).json()
    marie = {"Authorization": f"Bearer {tokens['access_token']}"}
    url = f"/dossiers/{dossier['id']}/settings"
    assert (await client.patch(url, json={"default_payment_date": "today"}, headers=marie)).status_code == 200
    assert (await client.patch(url, json={"validation_mode": "client"}, headers=marie)).status_code == 403
    me = (await client.get("/me", headers=marie)).json()
    assert [(d["id"], d["profile"]) for d in me["dossiers"]] == [(dossier["id"], "ADMINISTRATOR")]


async def test_profiles_change_and_disabled_client_users_lose_the_dossier(client, deps, h):
    """DOS-4: one of six profiles per dossier; disable shuts the user out and republishes the dossier."""
    dossier = await _new(client, h)
    url = f"/dossiers/{dossier['id']}/users"
    user = (await client.post(url, json={"email": "jan@peeters.example", "name": "Jan", "profile": "FULL_ACCESS"},
                              headers=h)).json()
    bad = await client.patch(f"{url}/{user['id']}", json={"profile": "SUPERUSER"}, headers=h)
    assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["field"] == "profile"
    assert (await client.patch(f"{url}/{user['id']}", json={"profile": "DOCUMENT_DELIVERY"}, headers=h)).json()[
        "profile"] == "DOCUMENT_DELIVERY"
    disabled = (await client.post(f"{url}/{user['id']}/disable", headers=h)).json()
    assert disabled["active"] is False
    snapshot = (await _events(deps))[-1].dossier
    assert [(u.profile, u.active) for u in snapshot.users] == [("document_delivery", False)]
    twice = await client.post(url, json={"email": "jan@peeters.example", "name": "Jan", "profile": "FULL_ACCESS"},
                              headers=h)
    assert twice.status_code == 409
    taken = await client.post(url, json={"email": "admin@acme.test", "name": "A", "profile": "FULL_ACCESS"}, headers=h)
    assert taken.status_code == 409


async def test_client_group_membership_reaches_the_snapshot(client, deps, h):
    """OFF-3, DOS-5: a collaborator of a client group appears on its dossiers' snapshots (via client_group)."""
    dossier = await _new(client, h)
    collab = (await client.post("/collaborators", json={"email": "c@acme.test", "name": "C", "role": "COLLABORATOR"},
                                headers=h)).json()
    group = await client.post("/client-groups", json={"name": "Dupont family", "dossiers": [dossier["id"]],
                                                      "collaborators": [collab["id"]]}, headers=h)
    assert group.status_code == 201
    snapshot = (await _events(deps))[-1].dossier
    assert snapshot.client_group == "Dupont family"
    assert [(a.email, a.via) for a in snapshot.assignments] == [("c@acme.test", "client_group")]
    bad = await client.post("/client-groups", json={"name": "x", "dossiers": [collab["id"]]}, headers=h)
    assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["field"] == "dossiers"


async def test_a_change_and_its_event_commit_together_or_not_at_all(client, deps, h, monkeypatch):
    """DossierChanged is written in the transaction of the change: a failure after it leaves neither."""
    dossier = await _new(client, h)
    before = await _events(deps)
    real = events.enqueue

    async def enqueue_then_fail(conn, event, **kw):
        await real(conn, event, **kw)
        raise RuntimeError("the process dies right after writing the event")

    monkeypatch.setattr(events, "enqueue", enqueue_then_fail)
    response = await client.patch(f"/dossiers/{dossier['id']}/settings", json={"vat_exempt": True}, headers=h)
    assert response.status_code == 500
    added = await client.post(f"/dossiers/{dossier['id']}/users", json={"email": "x@y.example", "name": "X",
                                                                        "profile": "FULL_ACCESS"}, headers=h)
    assert added.status_code == 500
    monkeypatch.setattr(events, "enqueue", real)
    assert await _events(deps) == before and await _events(deps, "notification.requested") == []
    assert (await client.get(f"/dossiers/{dossier['id']}/settings", headers=h)).json()["overrides"] == {}
    assert (await client.get(f"/dossiers/{dossier['id']}/users", headers=h)).json()["items"] == []
    async with deps.pool.acquire() as conn:
        assert await conn.fetchval("SELECT count(*) FROM users WHERE email = 'x@y.example'") == 0


async def test_only_admins_activate_when_the_office_says_so(client, deps, h):
    """OFF-1: who may activate dossiers."""
    await client.patch("/office", json={"dossier_activation": "admins"}, headers=h)
    office = (await client.get("/office", headers=h)).json()
    await provisioning.ensure_account(deps, Office(**office), email="c@acme.test", name="C", role="COLLABORATOR",
                                      password=PW)
    tokens = (await client.post("/auth/login", json={"email": "c@acme.test", "password": PW})).json()
    collab = {"Authorization": f"Bearer {tokens['access_token']}"}
    dossier = await _new(client, collab)  # creating is fine, and assigns its creator
    refused = await client.post(f"/dossiers/{dossier['id']}/activate", json=ACCOUNTING, headers=collab)
    assert refused.status_code == 403 and "OFF-1" in refused.json()["error"]["message"]
    assert (await client.post(f"/dossiers/{dossier['id']}/activate", json=ACCOUNTING, headers=h)).status_code == 200


async def test_rotating_a_mailbox_address_replaces_it(client, h):
    """ING-2: a unique inbound address per mailbox, replaceable."""
    dossier = await _new(client, h)
    rotated = (await client.post(f"/dossiers/{dossier['id']}/mailboxes/sales/rotate", headers=h)).json()
    assert rotated["mailboxes"]["sales"] != dossier["mailboxes"]["sales"]
    assert rotated["mailboxes"]["purchases"] == dossier["mailboxes"]["purchases"]
    bad = await client.post(f"/dossiers/{dossier['id']}/mailboxes/spam/rotate", headers=h)
    assert bad.status_code == 422


async def test_every_snapshot_names_the_admins_and_an_admin_role_change_republishes_every_dossier(client, deps, h):
    """Issue 15: the office's admins reach every dossier, so each snapshot names them; promoting or demoting an admin
    republishes every dossier of the office (not only those naming them), so the other services' replicas judge
    the role at once instead of trusting a token for its 15 minutes."""
    first, second = await _new(client, h), await _new(client, h, name="Bakkerij Peeters")
    admin_id = (await client.get("/me", headers=h)).json()["user"]["id"]
    assert {str(a) for a in (await _events(deps))[-1].dossier.admins} == {admin_id}
    eve = (await client.post("/collaborators", json={"email": "eve@acme.test", "name": "Eve", "role": "COLLABORATOR"},
                             headers=h)).json()
    before = len(await _events(deps))
    assert (await client.patch(f"/collaborators/{eve['id']}", json={"role": "ADMIN"}, headers=h)).status_code == 200
    promoted = (await _events(deps))[before:]
    assert {str(e.dossier_id) for e in promoted} == {first["id"], second["id"]}
    assert all({str(a) for a in e.dossier.admins} == {admin_id, eve["id"]} for e in promoted)
    assert (await client.patch(f"/collaborators/{eve['id']}", json={"role": "SUPPORT"}, headers=h)).status_code == 200
    demoted = (await _events(deps))[before + len(promoted):]
    assert {str(e.dossier_id) for e in demoted} == {first["id"], second["id"]}
    assert all({str(a) for a in e.dossier.admins} == {admin_id} for e in demoted)
    created = (await client.post("/collaborators", json={"email": "fay@acme.test", "name": "Fay", "role": "ADMIN"},
                                 headers=h)).json()
    named = (await _events(deps))[before + len(promoted) + len(demoted):]
    assert {str(e.dossier_id) for e in named} == {first["id"], second["id"]}
    assert all({str(a) for a in e.dossier.admins} == {admin_id, created["id"]} for e in named)
    assert (await client.post(f"/collaborators/{created['id']}/disable", headers=h)).status_code == 200
    assert {str(a) for a in (await _events(deps))[-1].dossier.admins} == {admin_id}


async def test_a_migration_marked_office_has_every_dossier_published_again_once_at_start(client, deps, h):
    """Issue 15: replicas written before snapshots named the admins leave the decision to the token; office's start
    publishes every dossier of each office migration 0004 marked, once."""
    from office.handlers.republishing import republish_pending
    first, second = await _new(client, h), await _new(client, h, name="Bakkerij Peeters")
    before = len(await _events(deps))
    async with deps.pool.acquire() as conn:
        await conn.execute("INSERT INTO republish_pending (office_id, reason) SELECT office_id, 'admins' FROM dossiers "
                           "WHERE id = $1", uuid.UUID(first["id"]))
    assert await republish_pending(deps.uow) == 1
    assert await republish_pending(deps.uow) == 0
    again = (await _events(deps))[before:]
    assert sorted(str(e.dossier_id) for e in again) == sorted([first["id"], second["id"]])
    assert all(e.dossier.admins for e in again)
