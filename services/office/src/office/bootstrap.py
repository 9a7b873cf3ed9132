"""Composition root of the office service: what it serves, consumes and migrates, and its dependencies."""
from __future__ import annotations

from pathlib import Path

from runtime.service import Runtime, ServiceSpec

from office.config import OfficeSettings
from office.entrypoints.http import ROUTERS
from office.entrypoints.kafka import EVENT_HANDLERS
from office.handlers.context import Deps

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


async def build_deps(rt: Runtime) -> Deps:
    """The pool, the settings, the keyring that signs and verifies the tokens, and the clock, built once at start
    (before any consumer runs and the app serves)."""
    settings: OfficeSettings = rt.settings  # type: ignore[assignment]
    return Deps.on(rt.pool, settings)


SPEC = ServiceSpec(name="office", migrations=MIGRATIONS, handlers=EVENT_HANDLERS, routers=ROUTERS,
                   settings_cls=OfficeSettings, deps=build_deps)
