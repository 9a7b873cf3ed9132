"""Jinja2 rendering of portal pages in the request's language, with the security headers every page gets."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context

from portal import i18n
from portal.i18n import codes
from portal.domain import amounts
from portal.domain.e_invoice_check import e_invoice_check
from portal.entrypoints.http import choices
from portal.domain.languages import LANGUAGES, NATIVE_NAMES

STATIC = Path(__file__).resolve().parents[2] / "static"
# No inline script or style anywhere: htmx is configured through a <meta> tag, CSS is one file.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                               " form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def build_environment() -> Environment:
    """The template environment: autoescaped HTML, gettext from the active catalog, undefined names fail loudly."""
    env = Environment(
        loader=PackageLoader("portal", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # not install_gettext_callables: its newstyle gettext returns Markup, so a backend's text given to _() was trusted
    env.globals.update(_=i18n.template_gettext, gettext=i18n.template_gettext, ngettext=i18n.template_ngettext)
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(LANGUAGES=LANGUAGES, NATIVE_NAMES=NATIVE_NAMES, static_version=_static_version(),
                       user=None, me=None, portal_name=None, office_nav=[], current_path="", errors={}, values={})
    env.globals["choices"] = choices
    env.globals["e_invoice_check"] = e_invoice_check  # issue 19 item 5: partials/e_invoice_check.html
    env.filters["zip_names"] = lambda codes: [(code, NATIVE_NAMES[code]) for code in codes]
    env.filters["translated"] = lambda options: [(key, i18n.gettext_(label)) for key, label in options]
    env.filters.update(money=_in_language(amounts.money), percent=_in_language(amounts.percent),
                       number=_in_language(amounts.number), day=_in_language(amounts.day),
                       moment=_in_language(amounts.moment), filesize=_in_language(amounts.size),
                       warning=_in_language(codes.warning),  # issue 15 item 3: a service's code said in words
                       instruction=_in_language(codes.instruction))
    return env


def _in_language(format_: Any) -> Any:
    """A Jinja filter formatting a value in the page's language (``{{ r.gross|money }}``, ``{{ rate|percent }}``)."""
    @pass_context
    def filter_(context: Context, value: Any, *args: Any) -> str:
        return format_(value, context.get("lang") or "en", *args)
    return filter_


def _static_version() -> str:
    """A cache-busting suffix for static URLs: changes whenever a static file does."""
    stamps = sorted(int(p.stat().st_mtime) for p in STATIC.iterdir() if p.is_file())
    return str(stamps[-1] if stamps else 0)


class Renderer:
    """Renders a template to an HTML response in one language."""

    def __init__(self, env: Environment | None = None) -> None:
        self.env = env or build_environment()

    def html(self, template: str, context: dict[str, Any], *, language: str) -> str:
        with i18n.activate(language):
            return self.env.get_template(template).render({**context, "lang": language})

    def response(self, template: str, context: dict[str, Any], *, language: str, status: int = 200,
                 headers: dict[str, str] | None = None) -> HTMLResponse:
        body = self.html(template, context, language=language)
        return HTMLResponse(body, status_code=status, headers={**SECURITY_HEADERS, **(headers or {})})
