"""Identity through the HTTP API: login, lock-out, token expiry, refresh rotation, logout, JWKS, key rotation (OFF-2, DOS-4)."""
from __future__ import annotations

import jwt
import pytest
from runtime.auth.tokens import TokenVerifier

from office.handlers import collaborators, provisioning

pytestmark = pytest.mark.integration
PW = "correct horse battery"


@pytest.fixture
async def acme(deps):
    office = await provisioning.ensure_office(deps, slug="acme", name="Acme", portal_name="Acme portal")
    admin = await provisioning.ensure_account(deps, office, email="admin@acme.test", name="Admin", password=PW)
    return office, admin


async def _login(client, email="admin@acme.test", password=PW):
    return await client.post("/auth/login", json={"email": email, "password": password})


def _bearer(tokens: dict) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def test_login_gives_an_eddsa_token_that_any_service_verifies_with_the_jwks(client, acme, settings):
    """OFF-2: e-mail and password give a short-lived EdDSA token carrying the principal."""
    response = await _login(client, email=" Admin@ACME.test ")
    assert response.status_code == 200
    tokens = response.json()
    assert tokens["token_type"] == "Bearer" and tokens["expires_in"] == settings.office_access_ttl_s <= 900
    jwks = (await client.get("/.well-known/jwks.json")).json()
    verifier = TokenVerifier(issuer=settings.jwt_issuer, audience=settings.jwt_audience, jwks=jwks)
    principal = await verifier.verify(tokens["access_token"])
    assert principal.subject == acme[1].id and principal.role.value == "ADMIN"
    claims = await verifier.verify_claims(tokens["access_token"])
    assert claims["exp"] - claims["iat"] == settings.office_access_ttl_s and claims["lang"] == "nl"
    assert (await client.get("/me", headers=_bearer(tokens))).json()["user"]["email"] == "admin@acme.test"


@pytest.mark.parametrize(("email", "password"), [("admin@acme.test", "wrong password!"), ("nobody@acme.test", PW)])
async def test_a_wrong_password_and_an_unknown_account_get_the_same_401(client, acme, email, password):
    response = await _login(client, email, password)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "wrong e-mail or password"


async def test_five_failures_lock_the_account_with_a_growing_retry_after(client, acme, clock):
    """Lock-out: 5 failures -> 429 with Retry-After, doubling on each failure after the lock."""
    statuses = [(await _login(client, password="nope-nope-nope")).status_code for _ in range(5)]
    assert statuses == [401, 401, 401, 401, 429]
    locked = await _login(client)  # even the right password is refused while locked
    assert locked.status_code == 429 and 0 < int(locked.headers["retry-after"]) <= 30
    clock.advance(seconds=31)
    again = await _login(client, password="still wrong!!")
    assert again.status_code == 429 and int(again.headers["retry-after"]) == 60
    clock.advance(seconds=61)
    assert (await _login(client)).status_code == 200
    assert (await _login(client, password="wrong again!")).status_code == 401  # a success reset the count


async def test_an_expired_access_token_is_refused(client, acme, clock):
    clock.advance(hours=-1)  # issued an hour ago: its 15 minutes are over
    tokens = (await _login(client)).json()
    clock.advance(hours=1)
    response = await client.get("/me", headers=_bearer(tokens))
    assert response.status_code == 401 and "expired" in response.json()["error"]["message"]


async def test_refresh_rotates_and_a_reused_refresh_token_revokes_the_chain(client, acme):
    first = (await _login(client)).json()
    second = await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200 and second.json()["refresh_token"] != first["refresh_token"]
    reuse = await client.post("/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert reuse.status_code == 401 and "already used" in reuse.json()["error"]["message"]
    stolen = await client.post("/auth/refresh", json={"refresh_token": second.json()["refresh_token"]})
    assert stolen.status_code == 401  # the whole chain died with the reuse


async def test_logout_revokes_the_refresh_token(client, acme):
    tokens = (await _login(client)).json()
    assert (await client.post("/auth/logout", json={"refresh_token": tokens["refresh_token"]})).status_code == 204
    assert (await client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})).status_code == 401
    assert (await client.post("/auth/logout", json={"refresh_token": "unknown"})).status_code == 204


async def test_a_disabled_user_can_neither_refresh_nor_use_a_live_token_nor_log_in(client, deps, acme):
    """OFF-2: disabling a collaborator shuts them out at once."""
    office, admin = acme
    support = await provisioning.ensure_account(deps, office, email="s@acme.test", name="S", role="SUPPORT", password=PW)
    tokens = (await _login(client, "s@acme.test")).json()
    await collaborators.set_collaborator_active(deps, await provisioning.caller_of(deps, admin), support.id, False)
    assert (await client.post("/auth/refresh", json={"refresh_token": tokens["refresh_token"]})).status_code == 401
    assert (await client.get("/me", headers=_bearer(tokens))).status_code == 401
    assert (await _login(client, "s@acme.test")).status_code == 401


async def test_the_last_admin_cannot_be_disabled_or_demoted(client, acme):
    tokens = (await _login(client)).json()
    me = acme[1].id
    assert (await client.post(f"/collaborators/{me}/disable", headers=_bearer(tokens))).status_code == 409
    demote = await client.patch(f"/collaborators/{me}", json={"role": "SUPPORT"}, headers=_bearer(tokens))
    assert demote.status_code == 409


async def test_signing_keys_rotate_and_old_tokens_keep_verifying(client, deps, acme, clock, settings):
    old = (await _login(client)).json()
    clock.advance(days=settings.office_signing_key_rotation_days + 1)
    await deps.keyring.load()  # what a restart after the rotation period does
    jwks = (await client.get("/.well-known/jwks.json")).json()
    assert len(jwks["keys"]) == 2
    clock.advance(days=-(settings.office_signing_key_rotation_days + 1))
    new = (await _login(client)).json()
    verifier = TokenVerifier(issuer=settings.jwt_issuer, audience=settings.jwt_audience, jwks=jwks)
    kids = [jwt.get_unverified_header(t["access_token"])["kid"] for t in (old, new)]
    assert kids[0] != kids[1] and set(kids) == {k["kid"] for k in jwks["keys"]}
    assert await verifier.verify(old["access_token"]) == await verifier.verify(new["access_token"])
    assert (await client.get("/me", headers=_bearer(old))).status_code == 200


async def test_public_office_shows_only_the_login_page_data(client, acme):
    """OFF-1: the portal name is shown at login, without a token."""
    response = await client.get("/public/offices/acme")
    assert response.json() == {"slug": "acme", "name": "Acme", "portal_name": "Acme portal", "default_language": "nl"}
    assert (await client.get("/public/offices/nope")).status_code == 404


async def test_language_is_chosen_per_user(client, acme):
    """PLT-1: PATCH /me switches the language; an unknown one names the field."""
    headers = _bearer((await _login(client)).json())
    assert (await client.patch("/me", json={"language": "de"}, headers=headers)).json()["user"]["language"] == "de"
    bad = await client.patch("/me", json={"language": "es"}, headers=headers)
    assert bad.status_code == 422 and bad.json()["error"]["fields"][0]["field"] == "language"
