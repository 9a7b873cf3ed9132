"""What every ingest route shares: dependencies, the dossier, the caller's claims, the view (errors are
runtime ServiceErrors, answered by the runtime's handler)."""
from __future__ import annotations

from typing import Any
from uuid import UUID

import jwt
from fastapi import Request
from fastapi.encoders import jsonable_encoder
from runtime.auth.fastapi import bearer_token
from runtime.http import deps

from ingest.domain.document import Document
from ingest.domain.dossier import Dossier
from ingest.domain.errors import NotFound
from ingest.handlers.context import Deps

VIEW_FIELDS = ("id", "dossier_id", "mailbox", "status", "filename", "content_type", "size_bytes", "sha256",
               "page_count", "flags", "problem", "source", "sender", "labels", "note", "derived_from",
               "auto_transmitted", "email_subject", "created_at", "sent_at", "processed_at", "booked_at", "refused_at",
               "refusal_code")


def deps_of(request: Request) -> Deps:
    """The ingest's dependencies, built once at start (runtime.http.deps, typed)."""
    return deps(request)


def claims_of(request: Request) -> dict[str, Any]:
    """The (already verified) token's claims, for the uploader's name and e-mail (none for opaque tokens)."""
    try:
        return jwt.decode(bearer_token(request), options={"verify_signature": False})
    except jwt.PyJWTError:
        return {}


async def dossier_of(request: Request, dossier_id: UUID) -> Dossier:
    """The replicated dossier of the path (authorization has already placed it)."""
    async with deps_of(request).uow() as uow:
        found = await uow.dossiers.get(dossier_id)
    if found is None:
        raise NotFound("unknown dossier")
    return found


def view(doc: Document) -> dict[str, Any]:
    """A document as the API shows it (JSON-ready)."""
    out = {k: getattr(doc, k) for k in VIEW_FIELDS}
    out["has_original"] = bool(doc.originals)
    return jsonable_encoder(out)
