"""Composition root of the enrichment service: what it consumes, serves and migrates, and what runs on the clock."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from fastapi import FastAPI
from runtime.service import Runtime, ServiceSpec, on_topics

from enrichment.adapters.postgres import in_transaction
from enrichment.config import EnrichmentSettings
from enrichment.entrypoints import scheduler
from enrichment.entrypoints.kafka import event_handlers

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


async def on_start(rt: Runtime, app: FastAPI) -> None:
    """Seed the reference rates from the shipped ECB history where the stored ones are older (REC-3), then start
    their schedule (ENR-2) beside the subscribers; it stops with rt.stop."""
    settings: EnrichmentSettings = rt.settings  # type: ignore[assignment]
    await scheduler.seed(partial(in_transaction, rt.pool))
    task = scheduler.start(settings, partial(in_transaction, rt.pool), rt.stop)
    if task is not None:
        rt.tasks.append(task)


def build_spec(name: str = "enrichment", topics: dict[str, str] | None = None,
               proposal_topic: str | None = None) -> ServiceSpec:
    """The service; tests pass their own name, topics (physical -> contract) and proposal.created topic."""
    handlers = on_topics(event_handlers(proposal_topic), topics)
    return ServiceSpec(name=name, migrations=MIGRATIONS, handlers=handlers, topic_contracts=topics or {},
                       settings_cls=EnrichmentSettings, on_start=on_start)


SPEC = build_spec()
