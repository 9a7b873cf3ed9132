"""Secrets: password reset and welcome links, API keys shown once and stored hashed, nothing secret in logs
or responses (OFF-2, DOS-4, ING-4)."""
from __future__ import annotations

import hashlib
import io
import logging

import pytest
from contracts.codec import deserialize
from runtime.logging import configure_logging

from office.handlers import provisioning

pytestmark = pytest.mark.integration
PW = "correct horse battery"


@pytest.fixture
async def admin_headers(client, deps):
    office = await provisioning.ensure_office(deps, slug="acme", name="Acme", portal_name="Acme portal")
    await provisioning.ensure_account(deps, office, email="admin@acme.test", name="Admin", password=PW)
    tokens = (await client.post("/auth/login", json={"email": "admin@acme.test", "password": PW})).json()
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def _outbox(deps, topic: str) -> list:
    async with deps.pool.acquire() as conn:
        rows = await conn.fetch("SELECT topic, payload FROM outbox WHERE topic = $1 ORDER BY id", topic)
    return [deserialize(r["topic"], bytes(r["payload"])) for r in rows]


async def test_a_new_collaborator_gets_a_welcome_link_to_choose_a_password(client, deps, admin_headers):
    """OFF-2: welcome e-mail as notification.requested with a one-time link, never a password."""
    created = await client.post("/collaborators", json={"email": "new@acme.test", "name": "New", "role": "COLLABORATOR",
                                                        "language": "fr"}, headers=admin_headers)
    assert created.status_code == 201 and "password" not in created.text
    [welcome] = await _outbox(deps, "notification.requested")
    assert welcome.template == "user.welcome" and welcome.language == "fr"
    assert welcome.recipient.email == "new@acme.test" and welcome.params["portal_name"] == "Acme portal"
    token = welcome.params["link_token"]
    assert token in welcome.params["link_path"] and not any("password" in k for k in welcome.params)
    assert (await client.post("/auth/login", json={"email": "new@acme.test", "password": "whatever-it-is"})).status_code == 401
    confirm = await client.post("/auth/password-reset/confirm", json={"token": token, "password": "my own secret 1"})
    assert confirm.status_code == 204
    assert (await client.post("/auth/login", json={"email": "new@acme.test", "password": "my own secret 1"})).status_code == 200
    reused = await client.post("/auth/password-reset/confirm", json={"token": token, "password": "another secret 2"})
    assert reused.status_code == 400 and reused.json()["error"]["code"] == "invalid_link"


async def test_password_reset_is_silent_for_unknown_addresses_and_signs_out_everywhere(client, deps, admin_headers, clock):
    unknown = await client.post("/auth/password-reset", json={"email": "ghost@acme.test"})
    assert unknown.status_code == 202 and await _outbox(deps, "notification.requested") == []
    session = (await client.post("/auth/login", json={"email": "admin@acme.test", "password": PW})).json()
    assert (await client.post("/auth/password-reset", json={"email": "admin@acme.test"})).status_code == 202
    [reset] = await _outbox(deps, "notification.requested")
    assert reset.template == "user.password_reset"
    short = await client.post("/auth/password-reset/confirm", json={"token": reset.params["link_token"], "password": "short"})
    assert short.status_code == 422 and short.json()["error"]["fields"][0]["field"] == "password"
    assert "short" not in short.json()["error"]["message"].replace("too short", "")
    ok = await client.post("/auth/password-reset/confirm", json={"token": reset.params["link_token"], "password": "new long secret"})
    assert ok.status_code == 204
    assert (await client.post("/auth/refresh", json={"refresh_token": session["refresh_token"]})).status_code == 401


async def test_an_expired_reset_link_is_refused(client, deps, admin_headers, clock, settings):
    await client.post("/auth/password-reset", json={"email": "admin@acme.test"})
    [reset] = await _outbox(deps, "notification.requested")
    clock.advance(hours=settings.office_reset_ttl_hours + 1)
    late = await client.post("/auth/password-reset/confirm", json={"token": reset.params["link_token"], "password": "too late secret"})
    assert late.status_code == 400


async def _dossier(client, headers) -> str:
    return (await client.post("/dossiers", json={"name": "Dupont"}, headers=headers)).json()["id"]


async def test_an_api_key_is_shown_once_stored_hashed_scoped_and_revocable(client, deps, admin_headers):
    """ING-4: one dossier, one mailbox; revoked keys and their tokens are refused."""
    dossier = await _dossier(client, admin_headers)
    created = await client.post(f"/dossiers/{dossier}/api-keys", json={"name": "ERP", "mailbox": "purchases"},
                                headers=admin_headers)
    assert created.status_code == 201
    key = created.json()["key"]
    listed = (await client.get(f"/dossiers/{dossier}/api-keys", headers=admin_headers)).text
    assert key not in listed and created.json()["prefix"] in listed
    async with deps.pool.acquire() as conn:
        stored = await conn.fetchval("SELECT key_hash FROM api_keys")
        dump = str(await conn.fetch("SELECT * FROM api_keys"))
    assert bytes(stored) == hashlib.sha256(key.encode()).digest() and key not in dump
    token = await client.post("/auth/api-token", json={"api_key": key})
    assert token.status_code == 200 and token.json()["scope"] == {"dossier_id": dossier, "mailbox": "purchases"}
    key_headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    assert (await client.get(f"/dossiers/{dossier}", headers=key_headers)).status_code == 403  # upload only
    revoke = await client.delete(f"/dossiers/{dossier}/api-keys/{created.json()['id']}", headers=admin_headers)
    assert revoke.status_code == 204
    assert (await client.post("/auth/api-token", json={"api_key": key})).status_code == 401
    assert (await client.get("/me", headers=key_headers)).status_code == 401
    assert (await client.delete(f"/dossiers/{dossier}/api-keys/{dossier}", headers=admin_headers)).status_code == 404


async def test_passwords_and_tokens_never_reach_the_logs(client, deps, admin_headers, caplog):
    """The runtime JSON logger, at DEBUG, sees requests with passwords, tokens and keys: none of them leaks."""
    stream = io.StringIO()
    handler = configure_logging("office-test", "DEBUG", stream=stream)
    caplog.set_level(logging.DEBUG)
    try:
        secrets = ["a very secret pw", PW]
        await client.post("/auth/login", json={"email": "admin@acme.test", "password": "a very secret pw"})
        tokens = (await client.post("/auth/login", json={"email": "admin@acme.test", "password": PW})).json()
        secrets += [tokens["access_token"], tokens["refresh_token"]]
        await client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
        await client.post("/auth/password-reset", json={"email": "admin@acme.test"})
        dossier = await _dossier(client, admin_headers)
        made = await client.post(f"/dossiers/{dossier}/api-keys", json={"name": "k", "mailbox": "sales"},
                                 headers=admin_headers)
        secrets.append(made.json()["key"])
        await client.post("/auth/api-token", json={"api_key": made.json()["key"]})
        logging.getLogger("office.test").info("login %s", {"password": PW, "refresh_token": tokens["refresh_token"]})
    finally:
        logging.getLogger().removeHandler(handler)
    text = stream.getvalue() + "\n".join(r.getMessage() for r in caplog.records if r.name != "office.test")
    assert stream.getvalue(), "the JSON logger wrote nothing: the test would prove nothing"
    assert [s for s in secrets if s in text] == []


async def test_no_response_carries_a_password_hash(client, admin_headers):
    for path in ("/collaborators", "/me", "/office"):
        assert "argon2" not in (await client.get(path, headers=admin_headers)).text
