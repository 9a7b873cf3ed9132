"""The office service's HTTP API as the portal uses it: anonymous calls, and calls with a user's token.

Errors come back in the platform shape ``{"error": {"code", "message", "fields"?}}`` and become
an ``OfficeError`` that pages show next to the field they name. The portal never reads the
office database: everything goes through here.
"""
from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

import httpx

from portal.domain.sessions import Session, Tokens, utcnow

log = logging.getLogger(__name__)


class OfficeError(Exception):
    """The office refused or failed a call: HTTP status, error code, message and per-field messages."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None,
                 retry_after: int | None = None, details: list[dict[str, str]] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status, self.code, self.message, self.fields = status, code, message, dict(fields or {})
        self.retry_after = retry_after
        # every field the office named: full dotted path, stable code (translated by the portal), English message
        self.details = list(details or [])
        self.reason = ""  # a conflict's stable reason (409), e.g. "already_active"
        self.params: dict[str, Any] = {}  # the reason's values, for a translated text (issue 15 item 3)


class OfficeUnavailable(OfficeError):
    """The office could not be reached or answered 5xx: the page says so and nothing is lost."""

    def __init__(self, message: str) -> None:
        super().__init__(503, "office_unavailable", message)


class SessionEnded(Exception):
    """The user's tokens can no longer be renewed (revoked, disabled, expired): log in again."""


def _details(payload: dict[str, Any]) -> list[dict[str, str]]:
    """The fields an error names, each {field, code, message, params}; a conflict's single ``field`` counts too."""
    items = [i for i in payload.get("fields") or () if isinstance(i, dict) and i.get("field")]
    if not items and payload.get("field"):
        items = [{"field": payload["field"], "code": payload.get("reason") or "conflict", "message": payload.get("message")}]
    return [{"field": str(i["field"]), "code": str(i.get("code") or "invalid"), "message": str(i.get("message") or ""),
             "params": i["params"] if isinstance(i.get("params"), dict) else {}} for i in items]


def _fields(details: list[dict[str, str]]) -> dict[str, str]:
    """Messages by the last part of each field's path (what a flat form names its inputs)."""
    out: dict[str, str] = {}
    for item in details:
        name = next((p for p in reversed(item["field"].split(".")) if not p.isdigit()), item["field"])
        out.setdefault(name, item["message"])
    return out


def error_of(response: httpx.Response) -> OfficeError:
    """The OfficeError an error response stands for (any body shape)."""
    try:
        payload = response.json().get("error") or {}
    except (ValueError, AttributeError):
        payload = {}
    if response.status_code >= 500:
        return OfficeUnavailable(payload.get("message") or f"office answered {response.status_code}")
    retry = response.headers.get("retry-after", "")
    details = _details(payload)
    error = OfficeError(response.status_code, str(payload.get("code") or response.status_code),
                        str(payload.get("message") or response.reason_phrase), _fields(details),
                        retry_after=int(retry) if retry.isdigit() else None, details=details)
    error.reason = str(payload.get("reason") or "")
    error.params = payload["params"] if isinstance(payload.get("params"), dict) else {}
    return error


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
