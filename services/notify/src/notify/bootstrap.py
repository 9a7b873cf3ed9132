"""Composition root of notify: what it consumes, serves and migrates, and the sender that runs beside."""
from __future__ import annotations

import asyncio
from functools import cache
from pathlib import Path

import asyncpg
from fastapi import FastAPI
from runtime.auth.fastapi import replica_resolver
from runtime.auth.tokens import TokenVerifier
from runtime.service import Runtime, ServiceSpec, on_topics
from runtime.storage import ObjectStore

from notify.adapters import replica
from notify.config import NotifySettings
from notify.entrypoints import sender
from notify.entrypoints.http import ROUTERS
from notify.entrypoints.kafka import event_handlers

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


@cache
def _settings() -> NotifySettings:
    return NotifySettings(service="notify")


def wire(app: FastAPI, pool: asyncpg.Pool, verifier: TokenVerifier, portal_url: str | None = None) -> None:
    """What the routes need: the pool, the token verifier, the dossier replica for dossier scopes and the portal's
    URL (links in "new message" mails)."""
    app.state.notify_pool = pool
    app.state.notify_portal_url = portal_url or _settings().notify_portal_url
    app.state.token_verifier = verifier
    app.state.dossier_resolver = replica_resolver(lambda key: replica.access_row(pool, key))


async def on_start(rt: Runtime, app: FastAPI) -> None:
    """Wire the routes and start the sender (it stops with rt.stop)."""
    settings: NotifySettings = rt.settings  # type: ignore[assignment]
    wire(app, rt.pool, TokenVerifier.from_settings(settings), settings.notify_portal_url)
    start_sender(rt, settings)


def start_sender(rt: Runtime, settings: NotifySettings) -> None:
    task = sender.run(sender.Sender.from_settings(rt.pool, settings, ObjectStore.from_settings(settings)),
                      rt.stop, settings.notify_sender_interval_s)
    rt.tasks.append(asyncio.create_task(task, name="notify-sender"))


def build_spec(name: str = "notify", topics: dict[str, str] | None = None,
               settings: NotifySettings | None = None) -> ServiceSpec:
    """The service; tests pass their own name, topics (physical -> contract) and settings (portal URL)."""
    handlers = on_topics(event_handlers(lambda: (settings or _settings()).notify_portal_url), topics)
    return ServiceSpec(name=name, migrations=MIGRATIONS, handlers=handlers, topic_contracts=topics or {},
                       routers=ROUTERS, settings_cls=NotifySettings, on_start=on_start)


SPEC = build_spec()
