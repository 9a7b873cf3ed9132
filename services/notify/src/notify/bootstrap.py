"""Composition root of notify: what it consumes, serves and migrates, its dependencies, and the sender that runs
beside."""
from __future__ import annotations

import asyncio
from pathlib import Path

from fastapi import FastAPI
from runtime import replica
from runtime.auth.fastapi import DossierResolver
from runtime.service import Runtime, ServiceSpec
from runtime.storage import ObjectStore

from notify.config import NotifySettings
from notify.entrypoints import sender
from notify.entrypoints.http import ROUTERS
from notify.entrypoints.kafka import EVENT_HANDLERS
from notify.handlers.context import Deps

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


async def build_deps(rt: Runtime) -> Deps:
    store = ObjectStore.from_settings(rt.settings)
    await store.ensure_bucket()
    return Deps(pool=rt.pool, settings=rt.settings, store=store)  # type: ignore[arg-type]


def dossier_resolver(deps: Deps) -> DossierResolver:
    """Which office a dossier belongs to, from the platform's dossier replica."""
    return replica.resolver(deps.pool)


async def on_start(rt: Runtime, app: FastAPI) -> None:
    """Start the sender (it stops with rt.stop)."""
    start_sender(rt, rt.settings)  # type: ignore[arg-type]


def start_sender(rt: Runtime, settings: NotifySettings) -> None:
    task = sender.run(sender.Sender.from_settings(rt.pool, settings, ObjectStore.from_settings(settings)),
                      rt.stop, settings.notify_sender_interval_s)
    rt.tasks.append(asyncio.create_task(task, name="notify-sender"))


SPEC = ServiceSpec(name="notify", migrations=MIGRATIONS, handlers=EVENT_HANDLERS, routers=ROUTERS,
                   settings_cls=NotifySettings, deps=build_deps, dossier_resolver=dossier_resolver,
                   on_start=on_start)
