"""Composition root of the worklist service: what it consumes, serves and migrates, and its dependencies."""
from __future__ import annotations

from pathlib import Path

from runtime import replica
from runtime.auth.fastapi import DossierResolver
from runtime.service import Runtime, ServiceSpec
from runtime.storage import ObjectStore

from worklist.adapters.numbering import EnrichmentNumbers
from worklist.config import WorklistSettings
from worklist.entrypoints.http import ROUTERS
from worklist.entrypoints.kafka import EVENT_HANDLERS
from worklist.handlers.context import Deps

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


async def build_deps(rt: Runtime) -> Deps:
    """The pool, the object store (read-only: recognised words) and enrichment's numbers, built once at start."""
    settings: WorklistSettings = rt.settings  # type: ignore[assignment]
    return Deps(pool=rt.pool, settings=settings, store=ObjectStore.from_settings(settings),
                numbers=EnrichmentNumbers.from_settings(settings))


def dossier_resolver(deps: Deps) -> DossierResolver:
    """Which office a dossier belongs to, from the platform's dossier replica."""
    return replica.resolver(deps.pool)


SPEC = ServiceSpec(name="worklist", migrations=MIGRATIONS, handlers=EVENT_HANDLERS, routers=ROUTERS,
                   settings_cls=WorklistSettings, deps=build_deps, dossier_resolver=dossier_resolver)
