"""Request guards: who is asking (anonymous visitor or logged-in user) and CSRF checks on every state change.

A logged-in user's form or htmx request must carry the session's CSRF token (field
``csrf_token`` or header ``X-CSRF-Token``). Before login, a double-submit cookie plays that
role. Requests marked cross-site by the browser (Origin / Sec-Fetch-Site) are refused too.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request, Response
from fastapi.responses import HTMLResponse
from runtime.auth import Principal

from portal.adapters.office import UserOffice
from portal.domain.access import may, principal_of
from portal.domain.languages import choose
from portal.domain.navigation import dossier_of, office_nav
from portal.domain.sessions import Session, csrf_matches, new_csrf_token
from portal.entrypoints.http.web import Form, LoginRequired, Portal, csrf_rejected, portal_of, read_form

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD, CSRF_HEADER, PRE_SESSION_COOKIE = "csrf_token", "x-csrf-token", "bf_csrf"


def cross_site(request: Request) -> bool:
    """True when the browser says the request comes from another site."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return True
    origin = request.headers.get("origin")
    if not origin or origin == "null":
        return origin == "null"
    return origin.rstrip("/") != f"{request.url.scheme}://{request.headers.get('host', '')}"


async def check_csrf(request: Request, expected: str) -> Form:
    """The request's form, once its CSRF token matched; a 403 page otherwise (safe methods pass)."""
    form = await read_form(request)
    if request.method in SAFE_METHODS:
        return form
    given = request.headers.get(CSRF_HEADER) or form.get(CSRF_FIELD)
    if cross_site(request) or not csrf_matches(expected, given):
        raise csrf_rejected()
    return form


def set_cookie(portal: Portal, response: Response, name: str, value: str, *, max_age: int | None = None) -> None:
    """Set one of the portal's cookies: HttpOnly, SameSite=Lax, Path=/, Secure when configured."""
    response.set_cookie(name, value, max_age=max_age, path="/", httponly=True, samesite="lax",
                        secure=portal.settings.cookie_secure)


@dataclass
class Visitor:
    """Someone on a page before logging in: their language and the pre-session CSRF token."""

    portal: Portal
    request: Request
    language: str
    csrf_token: str
    form: Form
    new_token: bool = False

    def page(self, template: str, *, status: int = 200, **values: Any) -> HTMLResponse:
        context = {"user": None, "csrf_token": self.csrf_token, **values}
        response = self.portal.renderer.response(template, context, language=self.language, status=status)
        if self.new_token:
            set_cookie(self.portal, response, PRE_SESSION_COOKIE, self.csrf_token)
        return response


async def visitor(request: Request) -> Visitor:
    """A FastAPI dependency: the anonymous visitor, CSRF-checked (double-submit cookie) on state changes."""
    portal = portal_of(request)
    token = request.cookies.get(PRE_SESSION_COOKIE)
    form = await check_csrf(request, token or "")
    language = choose(user=None, cookie=request.cookies.get(portal.settings.language_cookie),
                      accept=request.headers.get("accept-language"), default=portal.settings.default_language)
    request.state.language = language
    return Visitor(portal, request, language, token or new_csrf_token(), form, new_token=not token)


@dataclass
class User:
    """A logged-in user on a page: session, the office API on their behalf, ``/me`` and their principal."""

    portal: Portal
    request: Request
    session_id: str
    session: Session
    api: UserOffice
    me: dict[str, Any]
    principal: Principal
    form: Form
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def language(self) -> str:
        return choose(user=self.me["user"].get("language"), cookie=None, accept=None,
                      default=self.portal.settings.default_language)

    @property
    def is_collaborator(self) -> bool:
        return self.me["user"].get("kind") != "client"

    def may(self, action: str, dossier_id: str | None = None) -> bool:
        """Whether the matrix allows the action, on the dossier with its facts (scope, validation mode) if known."""
        if dossier_id is None:
            return may(self.principal, action)
        return may(self.principal, action, dossier_of(self.me, dossier_id) or dossier_id)

    def page(self, template: str, *, status: int = 200, headers: dict[str, str] | None = None,
             **values: Any) -> HTMLResponse:
        context = {"user": self, "me": self.me, "csrf_token": self.session.csrf_token,
                   "office_nav": office_nav(self.principal), "current_path": self.request.url.path, **values}
        return self.portal.renderer.response(template, context, language=self.language, status=status,
                                             headers=headers)


async def current_user(request: Request) -> User:
    """A FastAPI dependency: the logged-in user (LoginRequired otherwise), CSRF-checked on state changes.

    Reads ``/me`` from the office on every request, so a changed role, profile or assignment
    shows at once; stale access tokens are renewed on the way (UserOffice).
    """
    portal = portal_of(request)
    session_id = request.cookies.get(portal.settings.session_cookie)
    session = await portal.store.get(session_id) if session_id else None
    if session_id is None or session is None:
        raise LoginRequired()
    form = await check_csrf(request, session.csrf_token)
    api = UserOffice(portal.office, session, portal.store.renew)
    me = await api.get("/me")
    user = User(portal, request, session_id, api.session, api, me, principal_of(me), form)
    request.state.language, request.state.user = user.language, user
    return user
