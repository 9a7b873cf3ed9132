"""Composition root shared by every service: builds pools, clients, broker and HTTP, and runs them."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import asyncpg
import prometheus_client
import uvicorn
from aiokafka import AIOKafkaProducer
from fastapi import APIRouter, FastAPI
from faststream.kafka import KafkaBroker

from runtime import kafka
from runtime.config import Settings
from runtime.consumer import EventConsumer, reroute_sources
from runtime.db import create_pool, ensure_database
from runtime.dispatch import KeyedDispatcher
from runtime.auth.fastapi import DossierResolver
from runtime.auth.tokens import TokenVerifier
from runtime.http import create_http_app
from runtime.inbox import Handler
from runtime.logging import configure_logging
from runtime.metrics import LagMonitor
from runtime.migrations import migrate_dsn
from runtime.proxies import server_options
from runtime.relay import OutboxRelay
from runtime.telemetry import setup_tracing

log = logging.getLogger(__name__)
D = TypeVar("D")


@dataclass(frozen=True)
class ServiceSpec(Generic[D]):
    """What a service is made of; its bootstrap.py declares one (docs/adding-a-service.md)."""

    name: str
    migrations: Path | None = None
    # topic -> async (conn, event, deps), or TwoPhase(prepare(pool, event, deps), apply(conn, event, prepared, deps));
    # keyed by contract topic (tests move them to their own topics with runtime.testing.on_test_topics)
    handlers: Mapping[str, Handler] = field(default_factory=dict)
    topic_contracts: Mapping[str, str] = field(default_factory=dict)  # physical topic -> contract topic, if not the same
    # contract topic -> the topic the relay sends it to; set only by tests (runtime.testing.on_test_topics(publishes=))
    published_topics: Mapping[str, str] = field(default_factory=dict)
    routers: Sequence[APIRouter] = ()
    public: bool = False  # faces the internet (the portal): runtime.http create_http_app(public=True)
    settings_cls: type[Settings] = Settings
    # the service's dependencies, built ONCE at start before any consumer runs; handed to every handler and put on
    # app.state.deps for the routes (runtime.http.deps(request))
    deps: Callable[[Runtime], Awaitable[D]] | None = None
    # which office a dossier belongs to, for runtime.auth.fastapi (app.state.dossier_resolver), from the deps
    dossier_resolver: Callable[[D], DossierResolver] | None = None
    # what else the app needs (exception handlers), applied by http_app for the service and for tests alike
    installs: Sequence[Callable[[FastAPI], None]] = ()
    # extra listeners (scheduler, SMTP, sender) started after the app exists, as tasks in rt.tasks; rt.deps is ready
    on_start: Callable[[Runtime, FastAPI], Awaitable[None]] | None = None
    # closes what the deps opened (HTTP clients, ...), once the server, the consumer and the tasks have stopped
    close: Callable[[D], Awaitable[None]] | None = None


@dataclass
class Runtime:
    """The running dependencies of a service: the platform's (pool, producer, ...) and the service's own (deps)."""

    settings: Settings
    pool: asyncpg.Pool
    producer: AIOKafkaProducer
    broker: KafkaBroker | None = None
    dispatcher: KeyedDispatcher | None = None
    stop: asyncio.Event = field(default_factory=asyncio.Event)
    tasks: list[asyncio.Task] = field(default_factory=list)
    deps: Any = None
    close_deps: Callable[[Any], Awaitable[None]] | None = None  # ServiceSpec.close, run by stop()


def http_app(spec: ServiceSpec[D], settings: Settings, deps: D, *, token_verifier: TokenVerifier) -> FastAPI:
    """The service's app: its routers, its deps on app.state.deps, the token verifier and dossier resolver of
    runtime.auth.fastapi, and its installs. serve() builds it; tests build it around their own deps and issuer."""
    app = create_http_app(spec.name, settings=settings, extra_routers=spec.routers, public=spec.public,
                          token_verifier=token_verifier)
    app.state.deps = deps
    if spec.dossier_resolver is not None:
        app.state.dossier_resolver = spec.dossier_resolver(deps)
    for install in spec.installs:
        install(app)
    return app


async def start(spec: ServiceSpec, settings: Settings) -> Runtime:
    """Migrate, connect and start relay and subscribers; nothing runs before this is called."""
    await ensure_database(settings.dsn("postgres"), settings.database)
    await migrate_dsn(settings.dsn(), spec.migrations)
    pool = await create_pool(settings.dsn())
    producer = kafka.idempotent_producer(settings)
    await producer.start()
    rt = Runtime(settings=settings, pool=pool, producer=producer, close_deps=spec.close)
    if spec.deps is not None:
        rt.deps = await spec.deps(rt)
    relay = OutboxRelay(settings.dsn(), producer, service=spec.name, topics=spec.published_topics)
    rt.tasks.append(asyncio.create_task(relay.run(rt.stop), name=f"{spec.name}-relay"))
    if spec.handlers:
        consumer = EventConsumer(
            pool, producer, service=spec.name, name=settings.consumer_group or f"bf-{spec.name}",
            handlers=spec.handlers, deps=rt.deps,
            attempts=settings.retry_attempts, backoff_s=settings.retry_backoff_s,
            contract_of=lambda topic: spec.topic_contracts.get(topic, topic),
            # a booking.recorded consumer reads ledger.synced too, for v1 posting outcomes (contracts.upcasting)
            sources=reroute_sources(spec.handlers, spec.topic_contracts),
        )
        # one Kafka consumer for all the service's topics, offsets committed once a second (not one commit per
        # message and one consumer per topic, as FastStream subscribers do): the broker's and the service's CPU
        rt.dispatcher = KeyedDispatcher(consumer, settings.kafka_bootstrap, concurrency=settings.consumer_concurrency,
                                        client_id=settings.client_id)
        await rt.dispatcher.start()
        monitor = LagMonitor(settings.kafka_bootstrap, consumer.name, consumer.topics)
        rt.tasks.append(asyncio.create_task(monitor.run(), name=f"{spec.name}-lag"))
    return rt


async def stop(rt: Runtime) -> None:
    """Stop subscribers first (no new work), then the relay and tasks, the deps' own resources (ServiceSpec.close),
    producer and pool."""
    rt.stop.set()
    if rt.broker is not None:
        await rt.broker.stop()
    if rt.dispatcher is not None:
        await rt.dispatcher.stop()
    for task in rt.tasks:
        task.cancel()
    for task in rt.tasks:
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
    if rt.close_deps is not None and rt.deps is not None:
        try:
            await rt.close_deps(rt.deps)
        except Exception:  # noqa: BLE001 - stopping goes on: the producer and the pool still close
            log.exception("closing the deps failed")
    await rt.producer.stop()
    await rt.pool.close()


async def serve(spec: ServiceSpec) -> None:
    """Run the service until SIGTERM/SIGINT; /healthz answers once migrations, relay and subscribers run."""
    settings = spec.settings_cls(service=spec.name)
    configure_logging(spec.name, settings.log_level)
    setup_tracing(spec.name, settings.otlp_endpoint)
    rt = await start(spec, settings)
    app = http_app(spec, settings, rt.deps, token_verifier=TokenVerifier.from_settings(settings))
    app.state.runtime = rt
    if spec.on_start is not None:
        await spec.on_start(rt, app)
    serve_metrics(settings)
    server = uvicorn.Server(uvicorn.Config(app, host=settings.bind, port=settings.http_port, log_config=None,
                                           access_log=False, lifespan="off", **server_options(settings)))
    log.info("%s serving on %s:%s", spec.name, settings.bind, settings.http_port)
    try:
        await server.serve()
    finally:
        await stop(rt)


def serve_metrics(settings: Settings) -> None:
    """/metrics on its own listener when BF_METRICS_PORT is set (an internal port, never the public one)."""
    if settings.metrics_port:
        prometheus_client.start_http_server(settings.metrics_port, addr=settings.bind)
        log.info("metrics on %s:%s/metrics", settings.bind, settings.metrics_port)


def main(spec: ServiceSpec) -> None:
    """Console entry point of a service."""
    asyncio.run(serve(spec))
