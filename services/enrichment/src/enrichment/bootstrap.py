"""Composition root of the enrichment service: what it consumes, serves and migrates, and what runs on the clock."""
from __future__ import annotations

from functools import partial
from pathlib import Path

import asyncpg
from fastapi import FastAPI
from runtime.auth.fastapi import replica_resolver
from runtime.auth.tokens import TokenVerifier
from runtime.service import Runtime, ServiceSpec, on_topics

from enrichment.adapters.postgres import PgReplica, in_transaction
from enrichment.config import EnrichmentSettings
from enrichment.entrypoints import http, scheduler
from enrichment.entrypoints.kafka import event_handlers

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def wire(app: FastAPI, pool: asyncpg.Pool, verifier: TokenVerifier) -> None:
    """What the routes need: the pool, the token verifier, the dossier resolver (from the dossiers replica)."""
    app.state.enrichment_pool = pool
    app.state.token_verifier = verifier
    app.state.dossier_resolver = replica_resolver(lambda key: PgReplica(pool).dossier_owner(key))


async def on_start(rt: Runtime, app: FastAPI | None) -> None:
    """Seed the reference rates from the shipped ECB history where the stored ones are older (REC-3), then start
    their schedule (ENR-2) beside the subscribers; it stops with rt.stop."""
    settings: EnrichmentSettings = rt.settings  # type: ignore[assignment]
    if app is not None:
        wire(app, rt.pool, TokenVerifier.from_settings(settings))
    await scheduler.seed(partial(in_transaction, rt.pool))
    task = scheduler.start(settings, partial(in_transaction, rt.pool), rt.stop)
    if task is not None:
        rt.tasks.append(task)


def build_spec(name: str = "enrichment", topics: dict[str, str] | None = None,
               proposal_topic: str | None = None) -> ServiceSpec:
    """The service; tests pass their own name, topics (physical -> contract) and proposal.created topic."""
    handlers = on_topics(event_handlers(proposal_topic), topics)
    return ServiceSpec(name=name, migrations=MIGRATIONS, handlers=handlers, topic_contracts=topics or {},
                       routers=(http.router,), settings_cls=EnrichmentSettings, on_start=on_start)


SPEC = build_spec()
