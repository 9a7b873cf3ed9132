"""Composition root of the enrichment service: what it consumes, serves and migrates."""
from __future__ import annotations

from pathlib import Path

from runtime.service import ServiceSpec

from enrichment.entrypoints.kafka import event_handlers

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def build_spec(name: str = "enrichment", topics: dict[str, str] | None = None,
               proposal_topic: str | None = None) -> ServiceSpec:
    """The service; tests pass their own name, topics (physical -> contract) and proposal.created topic."""
    handlers = event_handlers(proposal_topic)
    if topics:
        handlers = {physical: handlers[contract] for physical, contract in topics.items()}
    return ServiceSpec(name=name, migrations=MIGRATIONS, handlers=handlers, topic_contracts=topics or {})


SPEC = build_spec()
