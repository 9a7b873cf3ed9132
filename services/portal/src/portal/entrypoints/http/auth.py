"""Login, logout, language choice and passwords: the pages a person sees before and around a session."""
from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, Response

from portal import i18n
from portal.adapters.office import OfficeError, OfficeUnavailable, SessionEnded
from portal.domain.languages import normalise
from portal.domain.sessions import Session, new_session_id
from portal.entrypoints.http.feedback import field_errors
from portal.entrypoints.http.guard import User, Visitor, current_user, set_cookie, visitor
from portal.entrypoints.http.web import LoginRequired, PageRoute, client_of, portal_of, redirect
from portal.i18n import N_

router = APIRouter(route_class=PageRoute)
WRONG_LOGIN = N_("The e-mail address or the password is not correct.")
PASSWORD_SAVED = N_("Your password is saved. Log in with it.")
LOCKED = N_("Too many failed attempts. Try again in %(seconds)s seconds.")


async def _portal_name(v: Visitor, slug: str) -> str | None:
    """The office's portal name for the login page (OFF-1); its default language applies when the browser
    named none (no language cookie, no Accept-Language)."""
    if not slug:
        return None
    try:
        office = await v.portal.office.public_office(slug)
    except OfficeError:
        return None
    chosen = v.request.cookies.get(v.portal.settings.language_cookie) or v.request.headers.get("accept-language")
    if not chosen:
        v.language = normalise(office.get("default_language")) or v.language
    return office.get("portal_name") or office.get("name")


def _office_slug(v: Visitor, given: str | None) -> str:
    return (given or v.request.cookies.get("bf_office") or v.portal.settings.office_slug or "").strip()


@router.get("/login")
async def login_page(office: str | None = None, reset: str | None = None, v: Visitor = Depends(visitor)) -> Response:
    slug = _office_slug(v, office)
    portal_name = await _portal_name(v, slug)
    with i18n.activate(v.language):
        message = i18n.gettext_(PASSWORD_SAVED) if reset == "done" else None
    response = v.page("login.html", portal_name=portal_name, office_slug=slug,
                      next_path=f"/login?office={quote(slug)}" if slug else "/login", form_error=None, message=message)
    if office:  # remember which office's portal this browser uses
        set_cookie(v.portal, response, "bf_office", slug, max_age=365 * 86400)
    return response


@router.post("/login")
async def login(v: Visitor = Depends(visitor)) -> Response:
    email, password, slug = v.form.get("email"), v.form.values.get("password", [""])[-1], _office_slug(v, v.form.get("office"))
    try:
        tokens = await v.portal.office.login(email, password, client=client_of(v.request))
        me = await v.portal.office.call("GET", "/me", token=tokens.access)
    except OfficeError as exc:
        with i18n.activate(v.language):
            if exc.status == 401:
                message = i18n.gettext_(WRONG_LOGIN)
            elif exc.status == 429:
                message = i18n.gettext_(LOCKED) % {"seconds": exc.retry_after or 30}
            else:
                message = field_errors(exc, (), v.language)[1]
        return v.page("login.html", status=401 if exc.status == 401 else exc.status, portal_name=await _portal_name(v, slug),
                      office_slug=slug, next_path="/login", form_error=message, message=None, values={"email": email})
    session_id = new_session_id()  # always a new id at login: no session fixation
    language = normalise(me["user"].get("language")) or v.language
    ttl = timedelta(seconds=v.portal.settings.session_ttl_s)
    await v.portal.store.purge_expired()
    await v.portal.store.add(Session.open(session_id, tokens, me, language, ttl))
    response = redirect(v.request, "/")
    set_cookie(v.portal, response, v.portal.settings.session_cookie, session_id)
    set_cookie(v.portal, response, "bf_office", me["office"].get("slug") or slug, max_age=365 * 86400)
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    """Revoke the refresh token at the office, delete the session, clear the cookie."""
    portal = portal_of(request)
    try:
        user = await current_user(request)
    except LoginRequired:
        return redirect(request, "/login")
    try:
        await portal.office.logout(user.api.session.tokens)
    except OfficeUnavailable:
        pass  # the session row goes anyway; the refresh token expires on its own
    await portal.store.delete(user.session_id)
    response = redirect(request, "/login")
    response.delete_cookie(portal.settings.session_cookie, path="/")
    return response


@router.post("/language")
async def change_language(request: Request) -> Response:
    """Switch the language: on the account (PATCH /me) when logged in, in a cookie always."""
    portal = portal_of(request)
    user = await _maybe_user(request)
    form = user.form if user else (await visitor(request)).form
    language = normalise(form.get("language")) or portal.settings.default_language
    if user is not None:
        await user.api.patch("/me", {"language": language})
    next_path = form.get("next") or "/"
    if not next_path.startswith("/") or next_path.startswith("//"):
        next_path = "/"  # only paths of this portal: no open redirect
    response = redirect(request, next_path)
    set_cookie(portal, response, portal.settings.language_cookie, language, max_age=365 * 86400)
    return response


@router.get("/")
async def home(request: Request, office: str | None = None) -> Response:
    """The start page: office users to their dossiers, client users to their portal, others to the login
    page (of the office named by ``?office=slug``, the link the demo prints)."""
    user = await _maybe_user(request)
    if user is None:
        return redirect(request, f"/login?office={quote(office)}" if office else "/login")
    return redirect(request, "/dossiers" if user.is_collaborator else "/client")


async def _maybe_user(request: Request) -> User | None:
    """The logged-in user, or None when there is no live session (CSRF failures still raise)."""
    if not request.cookies.get(portal_of(request).settings.session_cookie):
        return None
    try:
        return await current_user(request)
    except (LoginRequired, SessionEnded):
        return None
