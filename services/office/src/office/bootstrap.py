"""Composition root of the office service: what it serves, consumes and migrates, and how its dependencies are built."""
from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import asyncpg
from runtime.service import ServiceSpec

from office.adapters.keyring import KeyRing
from office.config import OfficeSettings
from office.entrypoints.http import ROUTERS
from office.handlers.activity import EVENT_HANDLERS
from office.handlers.context import Deps, utc_now

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"

SPEC = ServiceSpec(
    name="office",
    migrations=MIGRATIONS,
    routers=ROUTERS,
    handlers=EVENT_HANDLERS,
    settings_cls=OfficeSettings,
)


def build_deps(pool: asyncpg.Pool, settings: OfficeSettings, clock: Callable[[], datetime] = utc_now) -> Deps:
    """The office's dependencies on an open pool: keyring (keys are loaded on first use) and clock."""
    return Deps(pool=pool, settings=settings, keyring=KeyRing(pool, settings, clock), clock=clock)
