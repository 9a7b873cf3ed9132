"""Composition root of the worklist service: what it consumes, serves and migrates, and how it is wired."""
from __future__ import annotations

from pathlib import Path
from uuid import UUID

import asyncpg
from fastapi import FastAPI
from runtime.auth.policy import DossierRef
from runtime.auth.tokens import TokenVerifier
from runtime.service import Runtime, ServiceSpec

from worklist.adapters import replica
from worklist.config import WorklistSettings
from worklist.entrypoints.http import ROUTERS
from worklist.handlers.context import Deps
from worklist.handlers.events import EVENT_HANDLERS

MIGRATIONS = Path(__file__).resolve().parents[2] / "migrations"


def dossier_resolver(pool: asyncpg.Pool):
    """Places a dossier in its office with the facts of its settings (validation mode...), from the replica."""

    async def resolve(dossier_id: str) -> DossierRef | None:
        try:
            key = UUID(dossier_id)
        except ValueError:
            return None
        found = await replica.dossier(pool, key)
        if found is None:
            return None
        return DossierRef.from_settings(str(found["office_id"]), str(key), found["settings"] or {})

    return resolve


def wire(app: FastAPI, deps: Deps, verifier: TokenVerifier) -> None:
    """Put what the routes need on the app: dependencies, token verifier, dossier resolver."""
    app.state.worklist_deps = deps
    app.state.token_verifier = verifier
    app.state.dossier_resolver = dossier_resolver(deps.pool)


async def on_start(rt: Runtime, app: FastAPI) -> None:
    """Build the token verifier and wire the app."""
    settings: WorklistSettings = rt.settings  # type: ignore[assignment]
    wire(app, Deps(pool=rt.pool, settings=settings),
         TokenVerifier(issuer=settings.jwt_issuer, audience=settings.jwt_audience, jwks_url=settings.jwks_url))


SPEC = ServiceSpec(
    name="worklist",
    migrations=MIGRATIONS,
    routers=ROUTERS,
    handlers=EVENT_HANDLERS,
    settings_cls=WorklistSettings,
    on_start=on_start,
)
