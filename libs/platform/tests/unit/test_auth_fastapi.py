"""FastAPI auth dependencies: 401 without a valid bearer token, 403 outside the policy, the principal otherwise."""
from datetime import datetime, timedelta, timezone

import httpx
import pytest
from fastapi import APIRouter, Depends
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from runtime.auth.fastapi import current_principal, require
from runtime.auth.policy import DossierRef
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, TokenVerifier
from runtime.config import Settings
from runtime.http import create_http_app

ISSUER = TokenIssuer(Ed25519PrivateKey.generate(), "k1", "https://office.test")
SETTINGS = {"portal_scope": "documents_feedback", "validation_mode": "collaborator"}
DOSSIERS = {d: DossierRef.from_settings(o, d, SETTINGS) for o, d in
            [("office-1", "d-1"), ("office-1", "d-2"), ("office-2", "d-foreign")]}
COLLAB = Principal("u-1", PrincipalKind.COLLABORATOR, "office-1", role=Role.COLLABORATOR,
                   assigned_dossiers=frozenset({"d-1"}))
CLIENT = Principal("c-1", PrincipalKind.CLIENT, "office-1", profiles={"d-1": ClientProfile.DOCUMENT_DELIVERY})


def _router() -> APIRouter:
    router = APIRouter()

    @router.get("/me")
    async def me(principal: Principal = Depends(current_principal)) -> dict:
        return {"subject": principal.subject}

    @router.post("/dossiers/{dossier_id}/documents")
    async def upload(dossier_id: str, principal: Principal = Depends(require("document.upload"))) -> dict:
        return {"dossier": dossier_id, "by": principal.subject}

    @router.get("/dossiers/{dossier_id}/archive")
    async def archive(dossier_id: str, principal: Principal = Depends(require("archive.view"))) -> dict:
        return {"dossier": dossier_id}

    return router


async def _resolve(dossier_id: str) -> DossierRef | None:
    return DOSSIERS.get(dossier_id)


@pytest.fixture
async def client():
    app = create_http_app("auth-test", settings=Settings(service="auth-test"), extra_routers=[_router()],
                          token_verifier=TokenVerifier(issuer="https://office.test", jwks=ISSUER.jwks()))
    app.state.dossier_resolver = _resolve
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as c:
        yield c


def _bearer(principal: Principal, **kw) -> dict[str, str]:
    return {"Authorization": f"Bearer {ISSUER.issue(principal, **kw)}"}


async def test_a_valid_token_gives_the_principal(client):
    response = await client.get("/me", headers=_bearer(COLLAB))
    assert response.status_code == 200 and response.json() == {"subject": "u-1"}


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({}, "missing Authorization"),
        ({"Authorization": "Basic dXNlcjpwdw=="}, "Bearer"),
        ({"Authorization": "Bearer not-a-token"}, "malformed"),
    ],
)
async def test_missing_or_malformed_credentials_get_401_json(client, headers, reason):
    response = await client.get("/me", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"
    assert reason in response.json()["error"]["message"]
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_an_expired_token_gets_401(client):
    headers = _bearer(COLLAB, now=datetime.now(timezone.utc) - timedelta(hours=2))
    response = await client.get("/me", headers=headers)
    assert response.status_code == 401 and "expired" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("principal", "dossier", "status"),
    [
        (COLLAB, "d-1", 200),  # assigned
        (COLLAB, "d-2", 403),  # same office, not assigned
        (COLLAB, "d-foreign", 403),  # another office
        (COLLAB, "d-unknown", 403),  # unknown: same answer, existence not revealed
        (CLIENT, "d-1", 200),  # document delivery may upload
        (CLIENT, "d-2", 403),
    ],
)
async def test_require_authorizes_the_dossier_in_the_path(client, principal, dossier, status):
    response = await client.post(f"/dossiers/{dossier}/documents", headers=_bearer(principal))
    assert response.status_code == status
    if status == 403:
        assert response.json()["error"]["code"] == "forbidden"


async def test_a_profile_without_the_right_gets_403_with_the_reason(client):
    response = await client.get("/dossiers/d-1/archive", headers=_bearer(CLIENT))
    assert response.status_code == 403
    assert "DOCUMENT_DELIVERY" in response.json()["error"]["message"]


async def test_authentication_comes_before_authorization(client):
    response = await client.post("/dossiers/d-1/documents")
    assert response.status_code == 401


async def test_without_a_resolver_the_office_comes_from_the_path():
    router = APIRouter()

    @router.get("/offices/{office_id}/dossiers/{dossier_id}")
    async def view(office_id: str, dossier_id: str, _: Principal = Depends(require("dossier.view"))) -> dict:
        return {}

    app = create_http_app("auth-test", settings=Settings(), extra_routers=[router],
                          token_verifier=TokenVerifier(issuer="https://office.test", jwks=ISSUER.jwks()))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as c:
        own = await c.get("/offices/office-1/dossiers/d-1", headers=_bearer(COLLAB))
        foreign = await c.get("/offices/office-2/dossiers/d-1", headers=_bearer(COLLAB))
    assert (own.status_code, foreign.status_code) == (200, 403)


async def test_the_mailbox_in_the_path_binds_api_keys_to_theirs():
    """ING-4: an API key uploads to its own dossier and mailbox only."""
    from runtime.auth.principal import ApiKeyScope

    router = APIRouter()

    @router.post("/dossiers/{dossier_id}/mailboxes/{mailbox}/documents")
    async def upload(dossier_id: str, mailbox: str, _: Principal = Depends(require("document.upload"))) -> dict:
        return {}

    app = create_http_app("auth-test", settings=Settings(), extra_routers=[router],
                          token_verifier=TokenVerifier(issuer="https://office.test", jwks=ISSUER.jwks()))
    app.state.dossier_resolver = _resolve
    key = Principal("k-1", PrincipalKind.API_KEY, "office-1", api_key_scope=ApiKeyScope("d-1", "purchases"))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://svc") as c:
        statuses = [(await c.post(f"/dossiers/{d}/mailboxes/{m}/documents", headers=_bearer(key))).status_code
                    for d, m in [("d-1", "purchases"), ("d-1", "sales"), ("d-2", "purchases")]]
    assert statuses == [200, 403, 403]
