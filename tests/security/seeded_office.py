"""A fresh office of its own in the running stack, for attacks that need accounts the demo does not have.

Seeded through the office's own use cases on the stack's office database (as `make demo` does), so each
change is published by the running office's outbox relay and reaches the other services as it would in
production. Every test run gets a new slug: nothing of the demo office is touched.
"""
from __future__ import annotations

import asyncio
import contextlib
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
from runtime.config import Settings
from runtime.db import create_pool

from office.config import OfficeSettings
from office.handlers import provisioning
from office.domain.office import Office
from office.handlers.context import Caller, Deps

PASSWORD = "security-suite-pw-2026"


def url(service: str) -> str:
    """The base URL of a running service of the stack."""
    return Settings(service="security").service_url(service)


@dataclass
class SeededOffice:
    """One office: its record, the admin's caller (for further seeding) and accounts by key."""

    deps: Deps
    office: Office
    admin: Caller
    slug: str
    accounts: dict[str, Any] = field(default_factory=dict)

    def email(self, key: str) -> str:
        return f"{key.lower().replace('_', '-')}@{self.slug}.example"

    async def person(self, key: str, *, role: str | None = None, kind: str = "collaborator") -> Any:
        """An account with the suite's password (a collaborator with ``role``, or a client user)."""
        account = await provisioning.ensure_account(
            self.deps, self.office, email=self.email(key), name=f"{key.title()} {self.slug}", kind=kind,
            role=role if kind == "collaborator" else None, language="en", password=PASSWORD)
        self.accounts[key] = account
        return account


@contextlib.asynccontextmanager
async def seeded_office(prefix: str) -> AsyncIterator[SeededOffice]:
    """A new office ``<prefix>-<random>`` with an ADMIN, on the stack's office database."""
    settings = OfficeSettings(service="office")
    pool = await create_pool(settings.dsn())
    try:
        deps = Deps.on(pool, settings)
        slug = f"{prefix}-{uuid.uuid4().hex[:8]}"
        office = await provisioning.ensure_office(deps, slug=slug, name=f"Security {slug}", portal_name=slug)
        admin = await provisioning.ensure_account(deps, office, email=f"admin@{slug}.example", name="Admin",
                                                  role="ADMIN", language="en", password=PASSWORD)
        seeded = SeededOffice(deps, office, await provisioning.caller_of(deps, admin), slug, {"ADMIN": admin})
        yield seeded
    finally:
        await pool.close()


async def login(http: httpx.AsyncClient, email: str) -> dict[str, Any]:
    """The office's token answer (access and refresh token) for one of the suite's accounts."""
    answer = await http.post(f"{url('office')}/auth/login", json={"email": email, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return answer.json()


def bearer(tokens: dict[str, Any]) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens['access_token']}"}


async def eventually(probe: Callable[[], Awaitable[bool]], timeout: float, what: str) -> None:
    """Wait until ``probe`` holds (an event crossing Kafka to another service)."""
    deadline = time.monotonic() + timeout
    while not await probe():
        if time.monotonic() > deadline:
            raise AssertionError(f"after {timeout:.0f} s: {what}")
        await asyncio.sleep(0.5)
