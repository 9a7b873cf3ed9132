"""What every portal route shares: the Portal's parts, form parsing, page errors and the route class that renders them."""
from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs

from fastapi import Request, Response
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from runtime.http import deps

from portal.adapters.office import OfficeClient, SessionEnded
from portal.adapters.service_clients import ServiceClients
from portal.adapters.service_errors import ServiceCallError, ServiceUnavailable
from portal.adapters.session_store import SessionStore
from portal.config import PortalSettings
from portal.domain.languages import choose
from portal.entrypoints.http.rendering import Renderer
from portal.i18n import N_
from portal.i18n.error_codes import say_error

log = logging.getLogger(__name__)
MAX_FORM_BYTES = 256 * 1024


@dataclass
class Portal:
    """The portal's running parts, built once at start (bootstrap.build_deps, the portal's ServiceSpec.deps), kept on
    ``app.state.deps`` and closed when it stops."""

    settings: PortalSettings
    store: SessionStore
    office: OfficeClient
    renderer: Renderer
    services: ServiceClients  # the other services' HTTP clients, by service name

    async def aclose(self) -> None:
        """Close the HTTP clients (the office's and the other services')."""
        await self.office.http.aclose()
        await self.services.aclose()


def portal_of(request: Request) -> Portal:
    return deps(request)


class Form:
    """A submitted url-encoded form: ``get`` gives one value (stripped), ``getlist`` all of a name."""

    def __init__(self, values: dict[str, list[str]]) -> None:
        self.values = values

    def get(self, name: str, default: str = "") -> str:
        items = self.values.get(name)
        return items[-1].strip() if items else default

    def getlist(self, name: str) -> list[str]:
        return [v.strip() for v in self.values.get(name, []) if v.strip()]

    def has(self, name: str) -> bool:
        return name in self.values


async def read_form(request: Request) -> Form:
    """The request's url-encoded form (cached on the request); too large or other content types give an empty form."""
    cached = getattr(request.state, "form", None)
    if cached is not None:
        return cached
    form = Form({})
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/x-www-form-urlencoded":
        body = await request.body()
        if len(body) > MAX_FORM_BYTES:
            raise PageError(413, N_("Too much data"), N_("The form sent more data than the portal accepts."))
        form = Form(parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True))
    request.state.form = form
    return form


class PageError(Exception):
    """A request that ends on an error page: HTTP status, a title and an explanation (both translatable)."""

    def __init__(self, status: int, title: str, detail: str) -> None:
        super().__init__(f"{status} {title}")
        self.status, self.title, self.detail = status, title, detail


def forbidden() -> PageError:
    return PageError(403, N_("Not allowed"), N_("Your role or profile does not give access to this page."))


def csrf_rejected() -> PageError:
    return PageError(403, N_("Form expired"), N_(
        "This form could not be accepted because its security token is missing or out of date."
        " Go back, reload the page and try again."))


class LoginRequired(Exception):
    """No valid session: the browser is sent to the login page."""


def client_of(request: Request) -> str:
    """The browser's address, which the office's login back-off and reset limits are keyed on (it trusts the portal)."""
    return request.client.host if request.client else "unknown"


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def redirect(request: Request, url: str) -> Response:
    """See-other to ``url``; htmx requests get HX-Redirect so the whole page changes."""
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def _refusal_page(request: Request, exc: ServiceCallError) -> PageError:
    if isinstance(exc, ServiceUnavailable):
        return PageError(503, N_("Office service unavailable"), N_(
            "The office service did not answer. Nothing was changed; try again in a moment."))
    if exc.status == 403:
        return forbidden()
    if exc.status == 404:
        return PageError(404, N_("Not found"), N_("This item does not exist or is not yours to see."))
    language = getattr(request.state, "language", None) or "en"
    return PageError(exc.status, N_("Request refused"), say_error(exc.code, exc.params, language, exc.message))


def error_page(request: Request, error: PageError) -> Response:
    """The error page, inside the user's own frame and language when they are logged in."""
    headers = {"HX-Retarget": "body", "HX-Reswap": "innerHTML"} if is_htmx(request) else None
    user = getattr(request.state, "user", None)
    if user is not None:
        return user.page("error.html", status=error.status, headers=headers, error=error)
    portal = portal_of(request)
    language = getattr(request.state, "language", None) or choose(
        user=None, cookie=request.cookies.get(portal.settings.language_cookie),
        accept=request.headers.get("accept-language"), default=portal.settings.default_language)
    context = {"error": error, "csrf_token": ""}
    return portal.renderer.response("error.html", context, language=language, status=error.status, headers=headers)


class PageRoute(APIRoute):
    """A route whose failures become pages: login redirect, 403/404/503 pages, never a JSON error."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        inner = super().get_route_handler()

        async def handler(request: Request) -> Response:
            try:
                return await inner(request)
            except (LoginRequired, SessionEnded):
                return _to_login(request)
            except PageError as exc:
                return error_page(request, exc)
            except ServiceCallError as exc:
                log.info("office refused %s %s: %s", request.method, request.url.path, exc.code)
                return error_page(request, _refusal_page(request, exc))

        return handler


def _to_login(request: Request) -> Response:
    portal = portal_of(request)
    response = redirect(request, "/login")
    response.delete_cookie(portal.settings.session_cookie, path="/")
    return response
