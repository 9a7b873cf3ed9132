"""Composition root of the ingest service: what it consumes, serves and migrates, and how it is wired."""
from __future__ import annotations

import asyncio
from pathlib import Path
from uuid import UUID

import asyncpg
from fastapi import FastAPI
from runtime.auth.policy import DossierRef
from runtime.auth.tokens import TokenVerifier
from runtime.service import Runtime, ServiceSpec
from runtime.storage import ObjectStorage, ObjectStore

from ingest.adapters import replica
from ingest.config import IngestSettings
from ingest.entrypoints.http import ROUTERS
from ingest.entrypoints.smtp import serve_until_cancelled, start_smtp
from ingest.handlers.context import Deps
from ingest.handlers.events import EVENT_HANDLERS

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def dossier_resolver(pool: asyncpg.Pool):
    """Places a dossier in its office with the facts of its settings, from the replica (None if unknown)."""

    async def resolve(dossier_id: str) -> DossierRef | None:
        try:
            key = UUID(dossier_id)
        except ValueError:
            return None
        found = await replica.dossier(pool, key)
        if found is None:
            return None
        return DossierRef.from_settings(str(found["office_id"]), str(key), found["settings"] or {})

    return resolve


def wire(app: FastAPI, deps: Deps, verifier: TokenVerifier) -> None:
    """Put what the routes need on the app: dependencies, token verifier, dossier resolver."""
    app.state.ingest_deps = deps
    app.state.token_verifier = verifier
    app.state.dossier_resolver = dossier_resolver(deps.pool)


async def on_start(rt: Runtime, app: FastAPI) -> None:
    """Build the object store and token verifier, wire the app and start the SMTP server."""
    settings: IngestSettings = rt.settings  # type: ignore[assignment]
    store: ObjectStorage = ObjectStore.from_settings(settings)
    await store.ensure_bucket()
    deps = Deps(pool=rt.pool, store=store, settings=settings)
    wire(app, deps, TokenVerifier(issuer=settings.jwt_issuer, audience=settings.jwt_audience,
                                  jwks_url=settings.jwks_url))
    if settings.ingest_smtp_enabled:
        server = await start_smtp(deps, settings.bind, settings.ingest_smtp_port)
        rt.tasks.append(asyncio.create_task(serve_until_cancelled(server), name="ingest-smtp"))


SPEC = ServiceSpec(
    name="ingest",
    migrations=MIGRATIONS,
    routers=ROUTERS,
    handlers=EVENT_HANDLERS,
    settings_cls=IngestSettings,
    on_start=on_start,
)
