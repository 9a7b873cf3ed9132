"""EdDSA tokens: issued tokens verify; expired, forged, wrong-algorithm, wrong iss/aud and unknown-kid ones do not."""
import base64
import json
from datetime import datetime, timedelta, timezone

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from runtime.auth.principal import ApiKeyScope, ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import (
    KeysUnavailable,
    TokenIssuer,
    TokenVerifier,
    Unauthenticated,
    jwks_document,
    keys_from_jwks,
)

ISSUER = "https://office.bf.test"
JWKS_URL = "http://office/.well-known/jwks.json"
ALICE = Principal("u-alice", PrincipalKind.COLLABORATOR, "office-1", role=Role.COLLABORATOR,
                  assigned_dossiers=frozenset({"d-1"}), group_dossiers=frozenset({"d-2"}))


def _issuer(kid: str = "k1", **kw) -> TokenIssuer:
    return TokenIssuer(Ed25519PrivateKey.generate(), kid, ISSUER, **kw)


def _verifier(*issuers: TokenIssuer, **kw) -> TokenVerifier:
    return TokenVerifier(issuer=ISSUER, jwks=jwks_document({i.kid: i.public_key for i in issuers}), **kw)


class FakeJwksServer:
    """An httpx transport serving a JWKS document that a test can change, counting fetches."""

    def __init__(self, *issuers: TokenIssuer) -> None:
        self.issuers = list(issuers)
        self.fetches = 0

    def transport(self) -> httpx.MockTransport:
        def handle(request: httpx.Request) -> httpx.Response:
            self.fetches += 1
            return httpx.Response(200, json=jwks_document({i.kid: i.public_key for i in self.issuers}))

        return httpx.MockTransport(handle)


async def test_an_issued_token_gives_back_the_principal():
    issuer = _issuer()
    assert await _verifier(issuer).verify(issuer.issue(ALICE)) == ALICE


async def test_extra_claims_are_carried_but_cannot_override_the_principal():
    issuer = _issuer()
    token = issuer.issue(ALICE, extra_claims={"lang": "fr", "sub": "u-mallory", "office_id": "office-2", "exp": 1})
    verifier = _verifier(issuer)
    claims = await verifier.verify_claims(token)
    assert claims["lang"] == "fr" and claims["exp"] > 1
    assert await verifier.verify(token) == ALICE


@pytest.mark.parametrize(
    "principal",
    [
        Principal("c-1", PrincipalKind.CLIENT, "office-1", profiles={"d-1": ClientProfile.FULL_FEEDBACK}),
        Principal("k-1", PrincipalKind.API_KEY, "office-1", api_key_scope=ApiKeyScope("d-1", "inbox")),
    ],
)
async def test_clients_and_api_keys_round_trip(principal):
    issuer = _issuer()
    assert await _verifier(issuer).verify(issuer.issue(principal)) == principal


async def test_an_expired_token_is_refused():
    issuer = _issuer(ttl=timedelta(minutes=5))
    token = issuer.issue(ALICE, now=datetime.now(timezone.utc) - timedelta(hours=1))
    with pytest.raises(Unauthenticated, match="expired"):
        await _verifier(issuer).verify(token)


async def test_a_token_signed_by_another_key_with_a_known_kid_is_refused():
    real, forger = _issuer("k1"), _issuer("k1")
    with pytest.raises(Unauthenticated, match="signature"):
        await _verifier(real).verify(forger.issue(ALICE))


async def test_an_hs256_token_is_refused_even_with_the_public_key_as_secret():
    issuer = _issuer()
    public_x = issuer.jwks()["keys"][0]["x"]
    claims = {**ALICE.to_claims(), "iss": ISSUER, "aud": "booking-factory", "iat": 0,
              "exp": int(datetime.now(timezone.utc).timestamp()) + 600}
    token = jwt.encode(claims, public_x, algorithm="HS256", headers={"kid": "k1"})
    with pytest.raises(Unauthenticated, match="algorithm"):
        await _verifier(issuer).verify(token)


async def test_an_unsigned_alg_none_token_is_refused():
    issuer = _issuer()
    signed = issuer.issue(ALICE)
    payload = signed.split(".")[1]
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "kid": "k1"}).encode()).rstrip(b"=").decode()
    with pytest.raises(Unauthenticated, match="algorithm"):
        await _verifier(issuer).verify(f"{header}.{payload}.")


async def test_an_eddsa_header_cannot_smuggle_a_tampered_payload():
    issuer = _issuer()
    header, _, signature = issuer.issue(ALICE).split(".")
    evil = {**ALICE.to_claims(), "role": "ADMIN", "iss": ISSUER, "aud": "booking-factory", "iat": 0, "exp": 2**33}
    payload = base64.urlsafe_b64encode(json.dumps(evil).encode()).rstrip(b"=").decode()
    with pytest.raises(Unauthenticated):
        await _verifier(issuer).verify(f"{header}.{payload}.{signature}")


async def test_a_token_from_another_issuer_is_refused():
    other = TokenIssuer(Ed25519PrivateKey.generate(), "k1", "https://evil.test")
    verifier = TokenVerifier(issuer=ISSUER, jwks=other.jwks())
    with pytest.raises(Unauthenticated, match="issuer"):
        await verifier.verify(other.issue(ALICE))


async def test_a_token_for_another_audience_is_refused():
    issuer = _issuer()
    with pytest.raises(Unauthenticated, match="audience"):
        await _verifier(issuer).verify(issuer.issue(ALICE, audience="another-platform"))


@pytest.mark.parametrize("token", ["", "not-a-jwt", "a.b.c"])
async def test_garbage_is_refused(token):
    with pytest.raises(Unauthenticated):
        await _verifier(_issuer()).verify(token)


async def test_a_token_without_the_principal_claims_is_refused():
    issuer = _issuer()
    now = int(datetime.now(timezone.utc).timestamp())
    token = jwt.encode({"sub": "x", "iss": ISSUER, "aud": "booking-factory", "iat": now, "exp": now + 60},
                       issuer.private_key, algorithm="EdDSA", headers={"kid": "k1"})
    with pytest.raises(Unauthenticated, match="principal"):
        await _verifier(issuer).verify(token)


async def test_keys_are_fetched_lazily_once_and_cached():
    issuer = _issuer("k1")
    server = FakeJwksServer(issuer)
    verifier = TokenVerifier(issuer=ISSUER, jwks_url=JWKS_URL, transport=server.transport())
    assert server.fetches == 0
    for _ in range(3):
        await verifier.verify(issuer.issue(ALICE))
    assert server.fetches == 1


async def test_an_unknown_kid_triggers_one_refresh_that_finds_a_rotated_key():
    old, new = _issuer("k1"), _issuer("k2")
    server = FakeJwksServer(old)
    verifier = TokenVerifier(issuer=ISSUER, jwks_url=JWKS_URL, transport=server.transport(), min_refresh_interval_s=0)
    await verifier.verify(old.issue(ALICE))
    server.issuers.append(new)  # the office rotates its key
    assert await verifier.verify(new.issue(ALICE)) == ALICE
    assert server.fetches == 2


async def test_invented_kids_cannot_make_the_verifier_hammer_the_jwks_url():
    issuer = _issuer("k1")
    server = FakeJwksServer(issuer)
    verifier = TokenVerifier(issuer=ISSUER, jwks_url=JWKS_URL, transport=server.transport(), min_refresh_interval_s=60)
    await verifier.verify(issuer.issue(ALICE))
    for kid in ("x1", "x2", "x3"):
        with pytest.raises(Unauthenticated, match="unknown key"):
            await verifier.verify(_issuer(kid).issue(ALICE))
    assert server.fetches == 2  # the first load, then one refresh for all unknown kids


async def test_an_unreachable_jwks_url_means_keys_unavailable_not_a_bad_token():
    def down(request):
        raise httpx.ConnectError("connection refused")

    verifier = TokenVerifier(issuer=ISSUER, jwks_url=JWKS_URL, transport=httpx.MockTransport(down))
    with pytest.raises(KeysUnavailable):
        await verifier.verify(_issuer().issue(ALICE))


def test_jwks_document_publishes_only_public_ed25519_keys():
    issuer = _issuer("k9")
    [jwk] = jwks_document({"k9": issuer.public_key})["keys"]
    assert jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519" and jwk["alg"] == "EdDSA" and jwk["kid"] == "k9"
    assert "d" not in jwk
    rsa_like = {"keys": [{"kty": "RSA", "kid": "r", "n": "x", "e": "AQAB"}, jwk]}
    assert list(keys_from_jwks(rsa_like)) == ["k9"]


def test_a_verifier_needs_keys_or_a_url():
    with pytest.raises(ValueError):
        TokenVerifier(issuer=ISSUER)
