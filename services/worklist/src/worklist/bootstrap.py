"""Composition root of the worklist service: what it consumes, serves and migrates, and how it is wired."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from runtime.auth.fastapi import replica_resolver
from runtime.auth.tokens import TokenVerifier
from runtime.service import Runtime, ServiceSpec
from runtime.storage import ObjectStore

from worklist.adapters import replica
from worklist.config import WorklistSettings
from worklist.entrypoints.http import ROUTERS
from worklist.handlers.context import Deps
from worklist.handlers.events import EVENT_HANDLERS

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def wire(app: FastAPI, deps: Deps, verifier: TokenVerifier) -> None:
    """Put what the routes need on the app: dependencies, token verifier, dossier resolver."""
    app.state.worklist_deps = deps
    app.state.token_verifier = verifier
    app.state.dossier_resolver = replica_resolver(lambda key: replica.dossier(deps.pool, key))


async def on_start(rt: Runtime, app: FastAPI) -> None:
    """Build the token verifier and the object store (read-only: recognised words), and wire the app."""
    settings: WorklistSettings = rt.settings  # type: ignore[assignment]
    wire(app, Deps(pool=rt.pool, settings=settings, store=ObjectStore.from_settings(settings)),
         TokenVerifier.from_settings(settings))


SPEC = ServiceSpec(
    name="worklist",
    migrations=MIGRATIONS,
    routers=ROUTERS,
    handlers=EVENT_HANDLERS,
    settings_cls=WorklistSettings,
    on_start=on_start,
)
