"""Composition root of reporting: what it consumes, serves and migrates, and its dependencies."""
from __future__ import annotations

from pathlib import Path

from runtime import replica
from runtime.auth.fastapi import DossierResolver
from runtime.service import Runtime, ServiceSpec

from reporting.config import ReportingSettings
from reporting.entrypoints.http import ROUTERS
from reporting.entrypoints.kafka import EVENT_HANDLERS
from reporting.handlers.context import Deps

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


async def build_deps(rt: Runtime) -> Deps:
    return Deps(pool=rt.pool)


def dossier_resolver(deps: Deps) -> DossierResolver:
    """Which office a dossier belongs to, from the platform's dossier replica."""
    return replica.resolver(deps.pool)


SPEC = ServiceSpec(name="reporting", migrations=MIGRATIONS, handlers=EVENT_HANDLERS, routers=ROUTERS,
                   settings_cls=ReportingSettings, deps=build_deps, dossier_resolver=dossier_resolver)
