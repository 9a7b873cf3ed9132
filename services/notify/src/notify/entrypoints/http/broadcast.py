"""HTTP API of COM-3: an office user (conversation.broadcast) starts one conversation in each of many dossiers."""
from __future__ import annotations

from datetime import datetime, timezone
from uuid import UUID

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, field_validator
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.http import deps

from notify.domain.conversations import SUBJECT_MAX, TEXT_MAX
from notify.entrypoints.http.schemas import BroadcastOut
from notify.handlers.broadcast import broadcast

router = APIRouter(tags=["broadcast"])


class BroadcastIn(BaseModel):
    """The dossiers (1 to 500), the subject and the text ({{ dossier_name }} and the other placeholders filled per
    dossier)."""

    dossier_ids: list[UUID] = Field(min_length=1, max_length=500)
    subject: str = Field(min_length=1, max_length=SUBJECT_MAX)
    text: str = Field(min_length=1, max_length=TEXT_MAX)

    @field_validator("subject", "text")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


@router.post("/conversations/broadcast", status_code=201, response_model=BroadcastOut)
async def start_many(given: BroadcastIn, request: Request,
                     who: Principal = Depends(require("conversation.broadcast"))) -> dict:
    """One conversation per dossier the caller may start one in; the others are listed as skipped."""
    d = deps(request)
    return await broadcast(d.pool, who, given.dossier_ids, given.subject, given.text, d.settings.notify_portal_url,
                           datetime.now(timezone.utc).date())
