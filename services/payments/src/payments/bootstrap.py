"""Composition root of payments: what it consumes, serves and migrates, and its dependencies."""
from __future__ import annotations

from pathlib import Path

from runtime import replica
from runtime.auth.fastapi import DossierResolver
from runtime.service import Runtime, ServiceSpec
from runtime.storage import ObjectStorage, ObjectStore

from payments.config import PaymentsSettings
from payments.entrypoints.http import ROUTERS
from payments.entrypoints.kafka import EVENT_HANDLERS
from payments.handlers.context import Deps

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


async def build_deps(rt: Runtime) -> Deps:
    """The pool, the object store of the SEPA files (its bucket made sure of) and the settings, built once at
    start."""
    settings: PaymentsSettings = rt.settings  # type: ignore[assignment]
    store: ObjectStorage = ObjectStore.from_settings(settings)
    await store.ensure_bucket()
    return Deps(pool=rt.pool, store=store, settings=settings)


def dossier_resolver(deps: Deps) -> DossierResolver:
    """Which office a dossier belongs to, from the platform's dossier replica."""
    return replica.resolver(deps.pool)


SPEC = ServiceSpec(name="payments", migrations=MIGRATIONS, handlers=EVENT_HANDLERS, routers=ROUTERS,
                   settings_cls=PaymentsSettings, deps=build_deps, dossier_resolver=dossier_resolver)
