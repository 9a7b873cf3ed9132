"""Composition root of the sync-connector: what it consumes, serves and migrates, and how it is wired."""
from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import FastAPI
from runtime.auth.fastapi import replica_resolver
from runtime.auth.tokens import TokenVerifier
from runtime.service import Runtime, ServiceSpec
from runtime.storage import ObjectStore

from sync_connector.adapters import repository as repo
from sync_connector.adapters.registry import Adapters
from sync_connector.config import SyncSettings
from sync_connector.entrypoints import scheduler
from sync_connector.entrypoints.http import ROUTERS
from sync_connector.entrypoints.http_monitor import ROUTERS as MONITOR_ROUTERS
from sync_connector.entrypoints.http_statements import ROUTERS as STATEMENT_ROUTERS
from sync_connector.handlers.context import Deps, DepsHolder
from sync_connector.handlers.events import event_handlers

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
DEPS = DepsHolder()  # filled by on_start; handlers that run earlier wait for it


def wire(app: FastAPI, deps: Deps, verifier: TokenVerifier) -> None:
    app.state.sync_deps = deps
    app.state.token_verifier = verifier
    app.state.dossier_resolver = replica_resolver(lambda key: repo.dossier(deps.pool, key))


async def on_start(rt: Runtime, app: FastAPI) -> None:
    settings: SyncSettings = rt.settings  # type: ignore[assignment]
    deps = Deps(pool=rt.pool, settings=settings, adapters=Adapters(settings), store=ObjectStore.from_settings(settings))
    DEPS.set(deps)
    wire(app, deps, TokenVerifier.from_settings(settings))
    rt.tasks.append(asyncio.create_task(scheduler.run(deps, rt.stop), name="sync-scheduler"))


SPEC = ServiceSpec(
    name="sync-connector",
    migrations=MIGRATIONS,
    routers=ROUTERS + STATEMENT_ROUTERS + MONITOR_ROUTERS,
    handlers=event_handlers(DEPS.get),
    settings_cls=SyncSettings,
    on_start=on_start,
)
