"""Composition root of the ingest service: what it consumes, serves and migrates, and how it is wired."""
from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import FastAPI
from runtime.auth.fastapi import replica_resolver
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


def wire(app: FastAPI, deps: Deps, verifier: TokenVerifier) -> None:
    """Put what the routes need on the app: dependencies, token verifier, dossier resolver."""
    app.state.ingest_deps = deps
    app.state.token_verifier = verifier
    app.state.dossier_resolver = replica_resolver(lambda key: replica.dossier(deps.pool, key))


async def on_start(rt: Runtime, app: FastAPI) -> None:
    """Build the object store and token verifier, wire the app and start the SMTP server."""
    settings: IngestSettings = rt.settings  # type: ignore[assignment]
    store: ObjectStorage = ObjectStore.from_settings(settings)
    await store.ensure_bucket()
    deps = Deps(pool=rt.pool, store=store, settings=settings)
    wire(app, deps, TokenVerifier.from_settings(settings))
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
