"""Composition root of the enrichment service: what it consumes, serves and migrates, its dependencies, and what
runs on the clock."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from fastapi import FastAPI
from runtime import replica
from runtime.auth.fastapi import DossierResolver
from runtime.service import Runtime, ServiceSpec

from enrichment.adapters.postgres import in_transaction
from enrichment.config import EnrichmentSettings
from enrichment.entrypoints import scheduler
from enrichment.entrypoints.http import ROUTERS
from enrichment.entrypoints.kafka import EVENT_HANDLERS
from enrichment.handlers.context import Deps

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


async def build_deps(rt: Runtime) -> Deps:
    return Deps(pool=rt.pool, settings=rt.settings)  # type: ignore[arg-type]


def dossier_resolver(deps: Deps) -> DossierResolver:
    """Which office a dossier belongs to, from the platform's dossier replica."""
    return replica.resolver(deps.pool)


async def on_start(rt: Runtime, app: FastAPI | None) -> None:
    """Seed the reference rates from the shipped ECB history where the stored ones are older (REC-3), then start
    their schedule (ENR-2) beside the subscribers; it stops with rt.stop."""
    settings: EnrichmentSettings = rt.settings  # type: ignore[assignment]
    await scheduler.seed(partial(in_transaction, rt.pool))
    task = scheduler.start(settings, partial(in_transaction, rt.pool), rt.stop)
    if task is not None:
        rt.tasks.append(task)


SPEC = ServiceSpec(name="enrichment", migrations=MIGRATIONS, handlers=EVENT_HANDLERS, routers=ROUTERS,
                   settings_cls=EnrichmentSettings, deps=build_deps, dossier_resolver=dossier_resolver,
                   on_start=on_start)
