"""HTTP API of conversation templates (COM-5): the picker of an office user starting a conversation in a dossier
(conversation.start, office side: filled for the dossier, in the recipient's language), and an office's own
templates for its ADMIN (template.manage)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field, field_validator
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal, PrincipalKind
from runtime.errors import ServiceError
from runtime.http import deps

from notify.adapters import conversation_templates as stored
from notify.domain.conversations import SUBJECT_MAX, TEXT_MAX
from notify.domain.errors import UnknownConversationTemplate
from notify.entrypoints.http.schemas import ConversationTemplateOut, ConversationTemplatesOut, PickerOut
from notify.handlers.conversation_templates import picker

router = APIRouter(tags=["conversation-templates"])
Language = Literal["nl", "fr", "de", "en"]


class TemplateIn(BaseModel):
    """An office's template: its name in the list, its language, subject and text with {{ placeholders }}."""

    name: str = Field(min_length=1, max_length=100)
    language: Language
    subject: str = Field(min_length=1, max_length=SUBJECT_MAX)
    body: str = Field(min_length=1, max_length=TEXT_MAX)

    @field_validator("name", "subject", "body")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


@router.get("/dossiers/{dossier_id}/conversation-templates", response_model=PickerOut)
async def pick(dossier_id: UUID, request: Request, recipient_user_id: UUID | None = None,
              language: Language | None = None, who: Principal = Depends(require("conversation.start"))) -> dict:
    """The templates to start a conversation with, filled for this dossier and recipient (office users only)."""
    if who.kind is PrincipalKind.CLIENT:
        raise ServiceError(403, "forbidden", "templates are for the office's conversations")
    return await picker(deps(request).pool, dossier_id, recipient_user_id, language,
                        datetime.now(timezone.utc).date())


@router.get("/conversation-templates", response_model=ConversationTemplatesOut)
async def listing(request: Request, who: Principal = Depends(require("template.manage"))) -> dict:
    return {"templates": await stored.of_office(deps(request).pool, UUID(who.office_id))}


@router.post("/conversation-templates", status_code=201, response_model=ConversationTemplateOut)
async def add(given: TemplateIn, request: Request, who: Principal = Depends(require("template.manage"))) -> dict:
    return await stored.add(deps(request).pool, UUID(who.office_id), UUID(who.subject), **given.model_dump())


@router.delete("/conversation-templates/{template_id}", status_code=204)
async def delete(template_id: UUID, request: Request, who: Principal = Depends(require("template.manage"))):
    if not await stored.delete(deps(request).pool, UUID(who.office_id), template_id):
        raise UnknownConversationTemplate("no such template of this office")
    return Response(status_code=204)
