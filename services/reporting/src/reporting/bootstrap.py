"""Composition root of reporting: what it consumes, serves and migrates."""
from __future__ import annotations

from pathlib import Path

import asyncpg
from fastapi import FastAPI
from runtime.auth.fastapi import replica_resolver
from runtime.auth.tokens import TokenVerifier
from runtime.service import Runtime, ServiceSpec, on_topics

from reporting.adapters import replica_repo
from reporting.entrypoints import http_archive, http_bank, http_common, http_dashboard, http_history, http_reports
from reporting.entrypoints.kafka import EVENT_HANDLERS

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
ROUTERS = (http_dashboard.router, http_reports.router, http_history.router, http_archive.router, http_bank.router)


def wire(app: FastAPI, pool: asyncpg.Pool, verifier: TokenVerifier) -> None:
    """What the routes need: pool, token verifier, dossier replica for scopes and settings, error shapes."""
    app.state.reporting_pool = pool
    app.state.token_verifier = verifier
    app.state.dossier_resolver = replica_resolver(lambda key: replica_repo.access_row(pool, key))
    http_common.install(app)


async def on_start(rt: Runtime, app: FastAPI) -> None:
    wire(app, rt.pool, TokenVerifier.from_settings(rt.settings))


def build_spec(name: str = "reporting", topics: dict[str, str] | None = None) -> ServiceSpec:
    """The service; tests pass their own name and topics (physical -> contract)."""
    handlers = on_topics(EVENT_HANDLERS, topics)
    return ServiceSpec(name=name, migrations=MIGRATIONS, handlers=handlers, topic_contracts=topics or {},
                       routers=ROUTERS, on_start=on_start)


SPEC = build_spec()
