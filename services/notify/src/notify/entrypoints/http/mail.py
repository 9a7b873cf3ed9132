"""HTTP API of notify: an office's templates (COM-5, ADMIN only), a dossier's portal messages, the mail queue;
conversations are in conversations.py, the monitor's counters in monitor.py."""
from __future__ import annotations

import asyncio
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from runtime.auth.fastapi import require
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind
from runtime.http import deps

from notify.adapters import mail_queue, requests, templates
from notify.adapters.standard import LANGUAGES, keys, standard
from notify.domain.rendering import Template
from notify.entrypoints.http.schemas import (MailTemplateOut, MailTemplateSaved, MailTemplatesOut, OutgoingOut,
                                             PortalMessagesOut)
from notify.handlers.templates import check_target, validate

router = APIRouter()
_FULL = {ClientProfile.ADMINISTRATOR, ClientProfile.FULL_ACCESS}


class TemplateIn(BaseModel):
    """An office's version of a template: Jinja2 sources, placeholders as in the standard one."""

    subject: str = Field(min_length=1)
    body: str = Field(min_length=1)
    html: str | None = None



@router.get("/templates", response_model=MailTemplatesOut)
async def list_templates(request: Request, who: Principal = Depends(require("template.manage"))) -> dict:
    own = {(r["key"], r["language"]): r for r in await templates.overrides(deps(request).pool, UUID(who.office_id))}
    return {"templates": [{"key": k, "language": lang, "source": "office" if (k, lang) in own else "standard",
                           "updated_at": own[(k, lang)]["updated_at"] if (k, lang) in own else None}
                          for k in keys() for lang in LANGUAGES]}


@router.get("/templates/{key}/{language}", response_model=MailTemplateOut,
            response_model_exclude_unset=True)  # the standard version has no updated_by / updated_at
async def get_template(key: str, language: str, request: Request,
                       who: Principal = Depends(require("template.manage"))):
    check_target(key, language)
    row = await templates.override(deps(request).pool, UUID(who.office_id), key, language)
    if row is not None:
        return {**row, "source": "office"}
    t = standard(key, language)
    return {"key": key, "language": language, "subject": t.subject, "body": t.body, "html": t.html,
            "source": "standard"}


@router.put("/templates/{key}/{language}", response_model=MailTemplateSaved)
async def put_template(key: str, language: str, given: TemplateIn, request: Request,
                       who: Principal = Depends(require("template.manage"))):
    template = Template(subject=given.subject, body=given.body, html=given.html or None)
    preview = await asyncio.to_thread(validate, key, language, template)  # bounded, but not on the event loop
    await templates.save(deps(request).pool, UUID(who.office_id), key, language, template, who.subject)
    return {"key": key, "language": language, "source": "office",
            "preview": {"subject": preview.subject, "body": preview.body, "html": preview.html}}


@router.delete("/templates/{key}/{language}", status_code=204)
async def delete_template(key: str, language: str, request: Request,
                          who: Principal = Depends(require("template.manage"))) -> Response:
    check_target(key, language)
    await templates.delete(deps(request).pool, UUID(who.office_id), key, language)
    return Response(status_code=204)


@router.get("/dossiers/{dossier_id}/messages", response_model=PortalMessagesOut)
async def list_messages(dossier_id: UUID, request: Request,
                        who: Principal = Depends(require("conversation.view"))) -> dict:
    """The dossier's portal messages; a client user sees those addressed to them (and, with full access, to all)."""
    user = None
    if who.kind is PrincipalKind.CLIENT:
        user = UUID(who.subject)
        if who.profiles.get(str(dossier_id)) not in _FULL:
            rows = await requests.messages(deps(request).pool, dossier_id, user)
            return {"messages": [m for m in rows if m["recipient_user_id"] == user]}
    return {"messages": await requests.messages(deps(request).pool, dossier_id, user)}


@router.get("/outgoing", response_model=OutgoingOut)
async def outgoing(request: Request, status: Literal["queued", "sent", "failed"] | None = None,
                   who: Principal = Depends(require("office.settings.edit"))) -> dict:
    """The office's outgoing mails (an operator's view: what failed and why), without bodies."""
    return {"mails": await mail_queue.listing(deps(request).pool, UUID(who.office_id), status)}
