"""The office service's HTTP API as the portal uses it: anonymous calls, and calls with a user's token.

Errors come back in the platform shape ``{"error": {"code", "message", "fields"?}}`` and become
an ``OfficeError`` (a ServiceCallError) that pages show next to the field they name. The portal never reads the
office database: everything goes through here.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import httpx

from portal.adapters import service_errors
from portal.adapters.service_errors import ServiceCallError, ServiceUnavailable
from portal.domain.sessions import Session, Tokens, utcnow

log = logging.getLogger(__name__)


class OfficeError(ServiceCallError):
    """The office refused or failed a call: HTTP status, error code, message and per-field messages."""

    service = "office"


class OfficeUnavailable(OfficeError, ServiceUnavailable):
    """The office could not be reached or answered 5xx: the page says so and nothing is lost."""


class SessionEnded(Exception):
    """The user's tokens can no longer be renewed (revoked, disabled, expired): log in again."""


def error_of(response: httpx.Response) -> OfficeError:
    """The OfficeError an error response stands for (any body shape)."""
    return service_errors.error_of(response, OfficeError, OfficeUnavailable)  # type: ignore[return-value]


def tokens_of(payload: dict[str, Any]) -> Tokens:
    """Tokens from a login or refresh answer (access_token, refresh_token, expires_in seconds)."""
    lifetime = int(payload.get("expires_in") or 300)
    return Tokens(payload["access_token"], payload["refresh_token"], utcnow() + timedelta(seconds=lifetime))


class OfficeClient:
    """Calls the office API over one traced httpx client (base URL and timeouts set there)."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def call(self, method: str, path: str, *, token: str | None = None, json: Any = None,
                   params: dict[str, Any] | None = None, headers: dict[str, str] | None = None) -> Any:
        """One request; the decoded JSON answer (None for 204), OfficeError otherwise."""
        headers = {**(headers or {}), **({"Authorization": f"Bearer {token}"} if token else {})}
        clean = {k: v for k, v in (params or {}).items() if v not in (None, "")}
        try:
            response = await self.http.request(method, path, json=json, params=clean or None, headers=headers)
        except httpx.HTTPError as exc:
            log.warning("office call %s %s failed: %s", method, path, type(exc).__name__)
            raise OfficeUnavailable(f"office unreachable ({type(exc).__name__})") from exc
        if response.status_code >= 400:
            raise error_of(response)
        return None if response.status_code == 204 or not response.content else response.json()

    async def public_office(self, slug: str) -> dict[str, Any]:
        return await self.call("GET", f"/public/offices/{slug}")

    async def login(self, email: str, password: str, office: str | None = None, client: str | None = None) -> Tokens:
        """Tokens for e-mail and password; ``client`` (the browser's address) keys the office's login back-off."""
        body = {"email": email, "password": password, **({"office": office} if office else {})}
        headers = {"X-Forwarded-For": client} if client else None
        return tokens_of(await self.call("POST", "/auth/login", json=body, headers=headers))

    async def refresh(self, refresh_token: str) -> Tokens:
        return tokens_of(await self.call("POST", "/auth/refresh", json={"refresh_token": refresh_token}))

    async def logout(self, tokens: Tokens) -> None:
        await self.call("POST", "/auth/logout", token=tokens.access, json={"refresh_token": tokens.refresh})


# SessionStore.renew: the session's fresh tokens, the refresh called once per session at a time; None if it is gone
RenewSession = Callable[[Session, Callable[[str], Awaitable[Tokens]]], Awaitable[Tokens | None]]


class UserOffice:
    """The office API on behalf of one session: renews the access token when stale or refused, once.

    Renewal goes through the session store (``renew``), so requests of one session that find the token
    stale together (tabs, htmx, replicas) use its refresh token once: the office revokes the family on reuse.
    """

    def __init__(self, client: OfficeClient, session: Session, renew: RenewSession) -> None:
        self.client, self.session, self._renew_session = client, session, renew

    async def _refresh(self, refresh_token: str) -> Tokens:
        try:
            return await self.client.refresh(refresh_token)
        except OfficeUnavailable:
            raise
        except OfficeError as exc:
            raise SessionEnded(exc.message) from exc

    async def _renew(self) -> None:
        tokens = await self._renew_session(self.session, self._refresh)
        if tokens is None:
            raise SessionEnded("the session is gone (logged out or expired)")
        self.session = self.session.with_tokens(tokens)

    async def call(self, method: str, path: str, **kw: Any) -> Any:
        if self.session.tokens.stale():
            await self._renew()
        try:
            return await self.client.call(method, path, token=self.session.tokens.access, **kw)
        except OfficeError as exc:
            if exc.status != 401:
                raise
        await self._renew()  # the office refused the token (expired early, keys rotated): one retry
        try:
            return await self.client.call(method, path, token=self.session.tokens.access, **kw)
        except OfficeError as exc:
            if exc.status == 401:
                raise SessionEnded(exc.message) from exc
            raise

    async def get(self, path: str, **params: Any) -> Any:
        return await self.call("GET", path, params=params)

    async def post(self, path: str, body: Any = None) -> Any:
        return await self.call("POST", path, json=body if body is not None else {})

    async def patch(self, path: str, body: Any) -> Any:
        return await self.call("PATCH", path, json=body)

    async def put(self, path: str, body: Any) -> Any:
        return await self.call("PUT", path, json=body)

    async def delete(self, path: str) -> Any:
        return await self.call("DELETE", path)

    # News and help marks (PLT-3, issue 16; services/office/API.md "News and help marks")
    async def news(self) -> dict[str, Any]:
        """The current items meant for the user, with ``unread`` per item and in all."""
        return await self.get("/news")

    async def all_news(self) -> list[dict[str, Any]]:
        return (await self.get("/news/all"))["items"]

    async def news_item(self, item_id: str) -> dict[str, Any]:
        return await self.get(f"/news/{item_id}")

    async def publish_news(self, body: dict[str, Any]) -> dict[str, Any]:
        return await self.post("/news", body)

    async def edit_news(self, item_id: str, body: dict[str, Any]) -> dict[str, Any]:
        return await self.put(f"/news/{item_id}", body)

    async def withdraw_news(self, item_id: str) -> dict[str, Any]:
        return await self.post(f"/news/{item_id}/withdraw")

    async def news_seen(self) -> None:
        await self.post("/news/seen")

    async def help_marks(self) -> dict[str, Any]:
        return await self.get("/help/marks")

    async def dismiss_quick_start(self) -> None:
        await self.post("/help/marks/quick-start")
