"""The office client: errors become readable field messages, tokens renew transparently (issue 3 sessions)."""
import asyncio
from dataclasses import replace
from datetime import timedelta

import httpx
import pytest

from portal.adapters.office import OfficeClient, OfficeError, OfficeUnavailable, SessionEnded, UserOffice
from portal.adapters.session_store import MemorySessionStore
from portal.domain.sessions import Session, Tokens, utcnow
from portal.entrypoints.http.feedback import field_errors

from portal_testkit.office_state import PASSWORD


def client_for(handler) -> OfficeClient:
    return OfficeClient(httpx.AsyncClient(base_url="http://office", transport=httpx.MockTransport(handler)))


def session(expires_in_s: int = 600) -> Session:
    return Session.open("sid", Tokens("old-access", "old-refresh", utcnow() + timedelta(seconds=expires_in_s)),
                        {}, "en", timedelta(hours=1))


async def test_validation_error_names_the_field():
    office = client_for(lambda r: httpx.Response(422, json={"error": {
        "code": "validation_error", "message": "x", "fields": [{"field": "settings.keywords", "message": "at most 4"}]}}))
    with pytest.raises(OfficeError) as caught:
        await office.call("PATCH", "/dossiers/d/settings", json={})
    assert caught.value.fields == {"keywords": "at most 4"}
    errors, general = field_errors(caught.value, ("keywords",), "fr")
    assert errors == {"keywords": "Vérifiez cette valeur: at most 4"} and general == ""


async def test_conflict_on_email_is_put_next_to_the_email_field_in_the_users_language():
    office = client_for(lambda r: httpx.Response(409, json={"error": {
        "code": "conflict", "message": "e-mail already used", "field": "email", "reason": "email_taken"}}))
    with pytest.raises(OfficeError) as caught:
        await office.call("POST", "/collaborators", json={})
    assert field_errors(caught.value, ("email",), "nl") == ({"email": "Dit e-mailadres is al in gebruik."}, "")


async def test_unreachable_office_is_unavailable_not_a_crash():
    def refuse(request):
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(OfficeUnavailable):
        await client_for(refuse).call("GET", "/me")


async def test_lockout_carries_retry_after():
    office = client_for(lambda r: httpx.Response(429, headers={"Retry-After": "60"},
                                                 json={"error": {"code": "too_many_requests", "message": "locked"}}))
    with pytest.raises(OfficeError) as caught:
        await office.login("a@b.be", "x")
    assert caught.value.retry_after == 60


def renewing_office(seen: list):
    def handle(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.path, request.headers.get("authorization")))
        if request.url.path == "/auth/refresh":
            return httpx.Response(200, json={"access_token": "new-access", "refresh_token": "new-refresh", "expires_in": 900})
        if request.headers.get("authorization") == "Bearer new-access":
            return httpx.Response(200, json={"ok": True})
        return httpx.Response(401, json={"error": {"code": "unauthenticated", "message": "token expired"}})
    return handle


async def stored(session_: Session) -> MemorySessionStore:
    store = MemorySessionStore()
    await store.add(session_)
    return store


async def test_stale_access_token_is_renewed_before_the_call_and_saved():
    seen, store = [], await stored(session(expires_in_s=5))
    api = UserOffice(client_for(renewing_office(seen)), await store.get("sid"), store.renew)
    assert await api.get("/me") == {"ok": True}
    assert [p for p, _ in seen] == ["/auth/refresh", "/me"]
    assert (await store.get("sid")).tokens.refresh == "new-refresh"


async def test_refused_token_is_renewed_once_and_the_call_retried():
    seen, store = [], await stored(session())
    api = UserOffice(client_for(renewing_office(seen)), await store.get("sid"), store.renew)
    assert await api.get("/me") == {"ok": True}
    assert [p for p, _ in seen] == ["/me", "/auth/refresh", "/me"]


async def test_refresh_refused_ends_the_session():
    office = client_for(lambda r: httpx.Response(401, json={"error": {"code": "unauthenticated", "message": "revoked"}}))
    store = await stored(session(expires_in_s=0))
    with pytest.raises(SessionEnded):
        await UserOffice(office, await store.get("sid"), store.renew).get("/me")
    assert (await store.get("sid")).tokens.refresh == "old-refresh"


async def test_office_down_while_renewing_is_unavailable_not_a_logout():
    def refuse(request):
        raise httpx.ConnectError("refused", request=request)

    store = await stored(session(expires_in_s=0))
    with pytest.raises(OfficeUnavailable):
        await UserOffice(client_for(refuse), await store.get("sid"), store.renew).get("/me")


async def test_concurrent_calls_of_one_stale_session_renew_it_once(fake, office_app):
    """Tabs or htmx requests that all find the token stale: one refresh, since the office revokes the family
    when a used refresh token comes again (the fake office does as the real one, office contract suite)."""
    async with httpx.AsyncClient(base_url="http://office.test", transport=httpx.ASGITransport(app=office_app)) as http:
        client = OfficeClient(http)
        tokens = await client.login("collab@demo.test", PASSWORD)
        store = await stored(Session.open("sid", replace(tokens, access_expires=utcnow()), {}, "en", timedelta(hours=1)))
        apis = [UserOffice(client, await store.get("sid"), store.renew) for _ in range(8)]
        answers = await asyncio.gather(*(api.get("/me") for api in apis))
    assert {a["user"]["email"] for a in answers} == {"collab@demo.test"}
    assert len(fake.refresh_chains) == 2  # the login's refresh token and the one renewal's
    assert (await store.get("sid")).tokens.refresh in fake.refresh_tokens  # still live: the session goes on
