"""Composition root of payments: what it consumes, serves and migrates."""
from __future__ import annotations

from pathlib import Path

import asyncpg
from fastapi import FastAPI
from runtime.auth.fastapi import replica_resolver
from runtime.auth.tokens import TokenVerifier
from runtime.service import Runtime, ServiceSpec, on_topics
from runtime.storage import ObjectStorage, ObjectStore

from payments.adapters import replica
from payments.entrypoints import http_common, http_execution, http_payments, http_rules
from payments.entrypoints.kafka import EVENT_HANDLERS

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"
ROUTERS = (http_payments.router, http_execution.router, http_rules.router)


def wire(app: FastAPI, pool: asyncpg.Pool, verifier: TokenVerifier, store: ObjectStorage) -> None:
    """What the routes need: pool, object store, token verifier, dossier replica for scopes, error shapes."""
    app.state.payments_pool = pool
    app.state.payments_store = store
    app.state.token_verifier = verifier
    app.state.dossier_resolver = replica_resolver(lambda key: replica.access_row(pool, key))
    http_common.install(app)


async def on_start(rt: Runtime, app: FastAPI) -> None:
    store = ObjectStore.from_settings(rt.settings)
    await store.ensure_bucket()
    wire(app, rt.pool, TokenVerifier.from_settings(rt.settings), store)


def build_spec(name: str = "payments", topics: dict[str, str] | None = None) -> ServiceSpec:
    """The service; tests pass their own name and topics (physical -> contract)."""
    handlers = on_topics(EVENT_HANDLERS, topics)
    return ServiceSpec(name=name, migrations=MIGRATIONS, handlers=handlers, topic_contracts=topics or {},
                       routers=ROUTERS, on_start=on_start)


SPEC = build_spec()
