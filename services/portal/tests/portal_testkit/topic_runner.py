"""Runs a service's ServiceSpec on renamed topics, for the browser tests: ``python -m portal_testkit.topic_runner worklist``.

``BF_E2E_TOPICS`` maps contract topics to the test's own topics (``proposal.created=test.proposal.created.ab12,...``):
the service subscribes to the test topic as if it were the contract one, and what it publishes on a mapped topic
goes to the test topic (its producer renames on send). Topics not in the map stay as they are (``dossier.changed``
from the test's office). So a test feeds proposals to its own worklist and reads what that worklist validated,
without the running stack's consumers seeing any of it.
"""
from __future__ import annotations

import dataclasses
import importlib
import os
import sys
from typing import Any

from aiokafka import AIOKafkaProducer
from runtime import kafka, service


def topic_map(text: str) -> dict[str, str]:
    """``a=b,c=d`` → {a: b, c: d}."""
    pairs = [item.split("=", 1) for item in text.split(",") if "=" in item]
    return {contract.strip(): physical.strip() for contract, physical in pairs}


def renaming_producer(mapping: dict[str, str]):
    """``kafka.idempotent_producer`` whose sends go to the mapped topics."""
    original = kafka.idempotent_producer

    def build(settings: Any) -> AIOKafkaProducer:
        producer = original(settings)
        send, send_and_wait = producer.send, producer.send_and_wait

        async def renamed_send(topic: str, *args: Any, **kw: Any) -> Any:
            return await send(mapping.get(topic, topic), *args, **kw)

        async def renamed_send_and_wait(topic: str, *args: Any, **kw: Any) -> Any:
            return await send_and_wait(mapping.get(topic, topic), *args, **kw)

        producer.send, producer.send_and_wait = renamed_send, renamed_send_and_wait  # type: ignore[method-assign]
        return producer

    return build


def renamed_spec(spec: service.ServiceSpec, mapping: dict[str, str]) -> service.ServiceSpec:
    handlers = {mapping.get(topic, topic): handler for topic, handler in spec.handlers.items()}
    contracts = {physical: contract for contract, physical in mapping.items() if contract in spec.handlers}
    return dataclasses.replace(spec, handlers=handlers, topic_contracts={**spec.topic_contracts, **contracts})


def main(name: str) -> None:
    mapping = topic_map(os.environ.get("BF_E2E_TOPICS", ""))
    spec = importlib.import_module(f"{name}.bootstrap").SPEC
    kafka.idempotent_producer = renaming_producer(mapping)  # type: ignore[assignment]
    service.main(renamed_spec(spec, mapping))


if __name__ == "__main__":
    main(sys.argv[1])
