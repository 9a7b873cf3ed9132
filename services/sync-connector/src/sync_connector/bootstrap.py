"""Composition root of the sync-connector: what it consumes, serves and migrates, and how it is wired."""
from __future__ import annotations

import asyncio
from pathlib import Path
from uuid import UUID

import asyncpg
from fastapi import FastAPI
from runtime.auth.policy import DossierRef
from runtime.auth.tokens import TokenVerifier
from runtime.service import Runtime, ServiceSpec

from sync_connector.adapters import repository as repo
from sync_connector.adapters.registry import Adapters
from sync_connector.config import SyncSettings
from sync_connector.entrypoints import scheduler
from sync_connector.entrypoints.http import ROUTERS
from sync_connector.handlers.context import Deps, DepsHolder
from sync_connector.handlers.events import event_handlers

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
DEPS = DepsHolder()  # filled by on_start; handlers that run earlier wait for it


def dossier_resolver(pool: asyncpg.Pool):
    """Places a dossier in its office from the replica (None when unknown: refused like a foreign one)."""

    async def resolve(dossier_id: str) -> DossierRef | None:
        try:
            key = UUID(dossier_id)
        except ValueError:
            return None
        found = await repo.dossier(pool, key)
        if found is None:
            return None
        return DossierRef.from_settings(str(found["office_id"]), str(key), found["settings"] or {})

    return resolve


def wire(app: FastAPI, deps: Deps, verifier: TokenVerifier) -> None:
    app.state.sync_deps = deps
    app.state.token_verifier = verifier
    app.state.dossier_resolver = dossier_resolver(deps.pool)


async def on_start(rt: Runtime, app: FastAPI) -> None:
    settings: SyncSettings = rt.settings  # type: ignore[assignment]
    deps = Deps(pool=rt.pool, settings=settings, adapters=Adapters(settings))
    DEPS.set(deps)
    wire(app, deps, TokenVerifier(issuer=settings.jwt_issuer, audience=settings.jwt_audience,
                                  jwks_url=settings.jwks_url))
    rt.tasks.append(asyncio.create_task(scheduler.run(deps, rt.stop), name="sync-scheduler"))


SPEC = ServiceSpec(
    name="sync-connector",
    migrations=MIGRATIONS,
    routers=ROUTERS,
    handlers=event_handlers(DEPS.get),
    settings_cls=SyncSettings,
    on_start=on_start,
)
