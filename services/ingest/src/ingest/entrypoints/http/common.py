"""What every ingest route shares: dependencies, the dossier, the caller's claims, errors as JSON, the view."""
from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from uuid import UUID

import jwt
from fastapi import Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.routing import APIRoute
from runtime.auth.fastapi import bearer_token
from runtime.http import error_response

from ingest.adapters import replica
from ingest.domain.errors import IngestError, NotFound
from ingest.handlers.context import Deps

VIEW_FIELDS = ("id", "dossier_id", "mailbox", "status", "filename", "content_type", "size_bytes", "sha256",
               "page_count", "flags", "problem", "source", "sender", "labels", "note", "derived_from",
               "auto_transmitted", "email_subject", "created_at", "sent_at", "processed_at", "booked_at", "refused_at",
               "refusal_code")


def deps_of(request: Request) -> Deps:
    """The ingest dependencies the composition root put on the app."""
    return request.app.state.ingest_deps


def claims_of(request: Request) -> dict[str, Any]:
    """The (already verified) token's claims, for the uploader's name and e-mail (none for opaque tokens)."""
    try:
        return jwt.decode(bearer_token(request), options={"verify_signature": False})
    except jwt.PyJWTError:
        return {}


async def dossier_of(request: Request, dossier_id: UUID) -> dict[str, Any]:
    """The replicated dossier of the path (authorization has already placed it)."""
    found = await replica.dossier(deps_of(request).pool, dossier_id)
    if found is None:
        raise NotFound("unknown dossier")
    return found


def view(doc: dict[str, Any]) -> dict[str, Any]:
    """A document as the API shows it (JSON-ready)."""
    out = {k: doc.get(k) for k in VIEW_FIELDS}
    out["has_original"] = bool(doc.get("originals"))
    return jsonable_encoder(out)


def ingest_error_response(exc: IngestError) -> Response:
    """The house JSON error of an ingest error (names the file when there is one)."""
    extra = {"filename": exc.filename} if exc.filename else {}
    return error_response(exc.status, exc.code, exc.message, **extra)


class IngestRoute(APIRoute):
    """A route that answers ingest's errors with the house JSON error shape."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handler(request)
            except IngestError as exc:
                return ingest_error_response(exc)

        return route
