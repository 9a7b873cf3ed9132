"""Composition root of the sync-connector: what it consumes, serves and migrates, its dependencies, and the
scheduler that runs beside."""
from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import FastAPI
from runtime import replica
from runtime.auth.fastapi import DossierResolver
from runtime.service import Runtime, ServiceSpec
from runtime.storage import ObjectStore

from sync_connector.adapters.registry import Adapters
from sync_connector.config import SyncSettings
from sync_connector.entrypoints import metrics, scheduler
from sync_connector.entrypoints.http import ROUTERS
from sync_connector.entrypoints.kafka import EVENT_HANDLERS
from sync_connector.handlers.context import Deps

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


async def build_deps(rt: Runtime) -> Deps:
    """The pool, the accounting software's adapters and the documents bucket, built once at start."""
    settings: SyncSettings = rt.settings  # type: ignore[assignment]
    return Deps(pool=rt.pool, settings=settings, adapters=Adapters(settings), store=ObjectStore.from_settings(settings))


def dossier_resolver(deps: Deps) -> DossierResolver:
    """Which office a dossier belongs to and who may act on it, from the platform's dossier replica."""
    return replica.resolver(deps.pool)


async def on_start(rt: Runtime, app: FastAPI) -> None:
    """Start the nightly-sync scheduler and the count of dossiers per sync status (bf_sync_dossiers) beside the
    subscribers; they stop with rt.stop."""
    rt.tasks.append(asyncio.create_task(scheduler.run(rt.deps, rt.stop), name="sync-scheduler"))
    rt.tasks.append(asyncio.create_task(metrics.keep_counting(rt.pool, rt.stop), name="sync-status-gauge"))


SPEC = ServiceSpec(name="sync-connector", migrations=MIGRATIONS, handlers=EVENT_HANDLERS, routers=ROUTERS,
                   settings_cls=SyncSettings, deps=build_deps, dossier_resolver=dossier_resolver, on_start=on_start)
