"""The fake notify's template routes (COM-5, services/notify/README.md "Templates"), for who may manage templates
(template.manage: an office ADMIN; 403 otherwise): the standard mails per (key, language) with the office's own
versions, each rendered before it is saved in a sandbox with StrictUndefined and the key's placeholders (422
``invalid_template`` naming the problem and the placeholders available, as notify answers), DELETE back to the
standard; the office's conversation templates (name 1..100, language nl/fr/de/en, subject 1..200, text 1..5000,
422 ``validation_error`` naming the field; 404 ``conversation_template_not_found`` deleting another's)."""
from __future__ import annotations

import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import ImmutableSandboxedEnvironment
from runtime.auth import Forbidden, authorize

from portal.domain.mail_templates import LANGUAGES, MAIL_TEMPLATES, placeholders
from portal_testkit.fake_caller import error

_ENV = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
_GREETING = {"nl": "Beste", "fr": "Bonjour", "de": "Guten Tag", "en": "Hello"}
_BOUNDS = {"name": 100, "subject": 200, "body": 5000}


def standard(key: str, language: str) -> dict[str, Any]:
    """The fake's standard text of a mail (one per key and language)."""
    return {"key": key, "language": language, "subject": f"[{language}] {key}", "html": None, "source": "standard",
            "body": f"{_GREETING[language]} {{{{ recipient_name }}}},\n\n{key}: {{{{ portal_link }}}}\n"}


def render(key: str, subject: str, body: str) -> dict[str, Any]:
    """The preview with sample values (each placeholder's value is its name in capitals); TemplateError otherwise."""
    params = {name: name.upper() for name in placeholders(key)}
    return {"subject": _ENV.from_string(subject).render(params).replace("\n", " "),
            "body": _ENV.from_string(body).render(params), "html": None}


def add_templates(app: FastAPI, fake: Any) -> None:
    """Adds the routes; the office's versions live in ``fake.mail_overrides`` {(key, language): row}, its
    conversation templates in ``fake.conversation_templates`` {id: row}."""
    office = fake.office

    def manager(request: Request) -> JSONResponse | None:
        user_id = office.access_tokens.get(request.headers.get("authorization", "").removeprefix("Bearer "))
        if user_id is None:
            return error(401, "unauthenticated", "no valid token")
        try:
            authorize(office.principal(office.users[user_id]), "template.manage")
        except Forbidden as exc:
            return error(403, "forbidden", str(exc))
        return None

    def unknown(key: str, language: str) -> JSONResponse | None:
        if key not in MAIL_TEMPLATES or language not in LANGUAGES:
            return error(404, "unknown_template", f"no standard template {key!r} in {language!r}")
        return None

    @app.get("/templates")
    async def listing(request: Request) -> Response:
        if refused := manager(request):
            return refused
        own = fake.mail_overrides
        return JSONResponse({"templates": [
            {"key": k, "language": lang, "source": "office" if (k, lang) in own else "standard",
             "updated_at": own[(k, lang)]["updated_at"] if (k, lang) in own else None}
            for k in sorted(MAIL_TEMPLATES) for lang in LANGUAGES]})

    @app.get("/templates/{key}/{language}")
    async def one(key: str, language: str, request: Request) -> Response:
        if refused := manager(request) or unknown(key, language):
            return refused
        own = fake.mail_overrides.get((key, language))
        return JSONResponse({**own, "source": "office"} if own else standard(key, language))

    @app.put("/templates/{key}/{language}")
    async def save(key: str, language: str, request: Request) -> Response:
        if refused := manager(request) or unknown(key, language):
            return refused
        body = await request.json()
        missing = {f: "Field required" for f in ("subject", "body") if not str(body.get(f) or "")}
        if missing:
            return error(422, "validation_error", "invalid request", {f: ("too_short", m) for f, m in missing.items()})
        try:
            preview = render(key, body["subject"], body["body"])
        except TemplateError as exc:
            available = ", ".join(placeholders(key))
            return error(422, "invalid_template", f"{exc} (placeholders available for {key}: {available})")
        fake.mail_overrides[(key, language)] = {"key": key, "language": language, "subject": body["subject"],
                                                "body": body["body"], "html": body.get("html"),
                                                "updated_at": fake._now()}
        return JSONResponse({"key": key, "language": language, "source": "office", "preview": preview})

    @app.delete("/templates/{key}/{language}")
    async def reset(key: str, language: str, request: Request) -> Response:
        if refused := manager(request) or unknown(key, language):
            return refused
        fake.mail_overrides.pop((key, language), None)
        return Response(status_code=204)

    @app.get("/conversation-templates")
    async def own_templates(request: Request) -> Response:
        if refused := manager(request):
            return refused
        return JSONResponse({"templates": list(fake.conversation_templates.values())})

    @app.post("/conversation-templates")
    async def add(request: Request) -> Response:
        if refused := manager(request):
            return refused
        body = await request.json()
        bad = {f: ("too_long" if len(str(body.get(f) or "").strip()) > n else "too_short", f"1 to {n} characters")
               for f, n in _BOUNDS.items() if not 0 < len(str(body.get(f) or "").strip()) <= n}
        if body.get("language") not in LANGUAGES:
            bad["language"] = ("choice", "one of nl, fr, de, en")
        if bad:
            return error(422, "validation_error", "invalid request", bad)
        row = {"id": str(uuid.uuid4()), **{f: str(body[f]).strip() for f in (*_BOUNDS, "language")},
               "updated_at": fake._now()}
        fake.conversation_templates[row["id"]] = row
        return JSONResponse(row, status_code=201)

    @app.delete("/conversation-templates/{template_id}")
    async def delete(template_id: str, request: Request) -> Response:
        if refused := manager(request):
            return refused
        if fake.conversation_templates.pop(template_id, None) is None:
            return error(404, "conversation_template_not_found", "no such template of this office")
        return Response(status_code=204)
