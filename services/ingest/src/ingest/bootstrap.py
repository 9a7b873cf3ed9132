"""Composition root of the ingest service: what it consumes, serves and migrates, its dependencies, and the SMTP
server that runs beside."""
from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import FastAPI
from runtime import replica
from runtime.auth.fastapi import DossierResolver
from runtime.service import Runtime, ServiceSpec
from runtime.storage import ObjectStorage, ObjectStore

from ingest.config import IngestSettings
from ingest.entrypoints.http import ROUTERS
from ingest.entrypoints.kafka import EVENT_HANDLERS
from ingest.entrypoints.smtp import serve_until_cancelled, start_smtp
from ingest.handlers.context import Deps

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


async def build_deps(rt: Runtime) -> Deps:
    """The pool, the object store (its bucket made sure of) and the settings, built once at start."""
    settings: IngestSettings = rt.settings  # type: ignore[assignment]
    store: ObjectStorage = ObjectStore.from_settings(settings)
    await store.ensure_bucket()
    return Deps(pool=rt.pool, store=store, settings=settings)


def dossier_resolver(deps: Deps) -> DossierResolver:
    """Which office a dossier belongs to, from the platform's dossier replica."""
    return replica.resolver(deps.pool)


async def on_start(rt: Runtime, app: FastAPI) -> None:
    """Start the SMTP server (ING-2) beside the subscribers; it stops with the service."""
    deps: Deps = rt.deps
    if deps.settings.ingest_smtp_enabled:
        server = await start_smtp(deps, deps.settings.bind, deps.settings.ingest_smtp_port)
        rt.tasks.append(asyncio.create_task(serve_until_cancelled(server), name="ingest-smtp"))


SPEC = ServiceSpec(name="ingest", migrations=MIGRATIONS, handlers=EVENT_HANDLERS, routers=ROUTERS,
                   settings_cls=IngestSettings, deps=build_deps, dossier_resolver=dossier_resolver, on_start=on_start)
