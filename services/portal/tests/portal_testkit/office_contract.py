"""The office API the portal relies on, as one contract both offices must honour: the in-memory fake the route
tests use and the real office service in process on a throw-away database (STYLE.md "one abstract test suite
runs against every implementation ... so the fakes cannot drift").

``office`` is a parametrised fixture (fake, real); a test module imports it (and ``portal_office``) and every
test in it runs against both. The tests drive the portal's own adapter (``portal.adapters.office``).
"""
from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx
import pytest

from portal.adapters.office import OfficeClient, OfficeError, UserOffice
from portal.domain.sessions import Session, Tokens, new_session_id
from portal_testkit.office_app import build_fake_office
from portal_testkit.office_state import PASSWORD, seeded

PROFILES = ("ADMINISTRATOR", "FULL_ACCESS", "DOCUMENT_PROCESSING", "DOCUMENT_PROCESSING_ARCHIVE", "FULL_FEEDBACK",
            "DOCUMENT_DELIVERY")
SUMMARY_KEYS = {"id", "name", "code", "vat_number", "status", "validation_mode", "portal_scope",  # API.md DossierSummary
                "accounting_updated_up_to", "client_group_id", "profile", "access", "payment_module", "financial_tab",
                "hide_financial_data", "worklists_only"}


@dataclass
class OfficeUnderTest:
    """One implementation of the office API and what its seed holds: the office's slug, a login per role and
    client profile, the dossier every client profile is on and one assigned to the COLLABORATOR."""

    name: str
    app: Any
    slug: str
    logins: dict[str, tuple[str, str]]
    client_dossier: str
    collaborator_dossier: str
    extra: dict[str, Any] = field(default_factory=dict)


def fake_office() -> OfficeUnderTest:
    """The fake office of the portal's route tests, seeded as they seed it."""
    fake = seeded()
    by_email = {u.email: u for u in fake.users.values()}
    logins = {u.role or next(iter(u.profiles.values())): (u.email, PASSWORD) for u in by_email.values()}
    collab = next(u for u in fake.users.values() if u.role == "COLLABORATOR")
    client = next(u for u in fake.users.values() if u.profiles)
    return OfficeUnderTest("fake", build_fake_office(fake), fake.office["slug"], logins,
                           next(iter(client.profiles)), next(iter(collab.assigned)), {"fake": fake})


@dataclass(frozen=True)
class SeededTemplate:
    """A database migrated and seeded with the office's demo seed once per run; each test gets a copy of it."""

    name: str
    logins: dict[str, tuple[str, str]]
    dossiers: dict[str, str]  # demo code -> id


async def _seed_template() -> SeededTemplate:
    from office.bootstrap import MIGRATIONS
    from office.handlers.context import Deps
    from office_bench import demo
    from runtime.db import create_pool, ensure_database
    from runtime.migrations import migrate_dsn

    settings = _settings()
    name = f"test_tmpl_office_{uuid.uuid4().hex[:10]}"
    await ensure_database(settings.dsn("postgres"), name)
    await migrate_dsn(settings.dsn(name), MIGRATIONS)
    pool = await create_pool(settings.dsn(name))
    try:
        logins = await demo.seed(Deps.on(pool, settings))  # argon2 hashes: seconds, so once per run
        rows = await pool.fetch("SELECT id, code FROM dossiers")
    finally:
        await pool.close()
    return SeededTemplate(name, {(x.role or ""): (x.email, x.password) for x in logins},
                          {r["code"]: str(r["id"]) for r in rows})


def _settings():
    from office.config import OfficeSettings

    return OfficeSettings(service="office-contract")


@pytest.fixture(scope="session")
def office_template() -> Iterator[SeededTemplate]:
    """The seeded template database of this test run (dropped at the end)."""
    from runtime.db import drop_database

    template = _in_thread(_seed_template())
    yield template
    _in_thread(drop_database(_settings().dsn("postgres"), template.name))


def _in_thread(coroutine: Any) -> Any:
    """Run a coroutine to the end on its own loop: the fixture is first asked for inside a test's running loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


@asynccontextmanager
async def real_office(template: SeededTemplate) -> AsyncIterator[OfficeUnderTest]:
    """The real office app in process on a fresh copy of the seeded template database."""
    import asyncpg
    from office.bootstrap import SPEC
    from office.handlers.context import Deps
    from office_bench import demo
    from runtime.auth.tokens import TokenVerifier
    from runtime.db import create_pool, drop_database
    from runtime.service import http_app

    settings, name = _settings(), f"test_office_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(settings.dsn("postgres"))
    try:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template.name}"')
    finally:
        await admin.close()
    try:
        pool = await create_pool(settings.dsn(name))
        try:
            app = http_app(SPEC, settings, Deps.on(pool, settings), token_verifier=TokenVerifier.from_settings(settings))
            yield OfficeUnderTest("real", app, demo.SLUG, dict(template.logins), template.dossiers["SCHMITZ"],
                                  template.dossiers["DUPONT"])
        finally:
            await pool.close()
    finally:
        await drop_database(settings.dsn("postgres"), name)


@pytest.fixture(params=["fake", pytest.param("real", marks=pytest.mark.integration)])
async def office(request) -> AsyncIterator[OfficeUnderTest]:
    """Each implementation of the office API in turn."""
    if request.param == "fake":
        yield fake_office()
        return
    async with real_office(request.getfixturevalue("office_template")) as real:
        yield real


class PortalOffice:
    """The portal's office adapter pointed at one implementation, with logins by role or profile."""

    def __init__(self, under: OfficeUnderTest, http: httpx.AsyncClient) -> None:
        self.under, self.client = under, OfficeClient(http)

    async def as_(self, who: str) -> UserOffice:
        """The office on behalf of a fresh session of the seed's user with this role or profile."""
        email, password = self.under.logins[who]
        tokens = await self.client.login(email, password)
        session = Session.open(new_session_id(), tokens, {}, "en", timedelta(hours=1))
        return UserOffice(self.client, session, _renew)

    async def me(self, who: str) -> dict[str, Any]:
        return await (await self.as_(who)).get("/me")


async def _renew(session: Session, refresh: Callable[[str], Awaitable[Tokens]]) -> Tokens:
    """Sessions of the contract tests live in their UserOffice only: renewal is the office's refresh."""
    return await refresh(session.tokens.refresh)


@pytest.fixture
async def portal_office(office) -> AsyncIterator[PortalOffice]:
    """The portal's office client on the implementation under test."""
    transport = httpx.ASGITransport(app=office.app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://office.test") as http:
        yield PortalOffice(office, http)


async def refused(call, status: int, code: str | None = None) -> OfficeError:
    """The OfficeError a call must end in (its status and, when given, its code)."""
    with pytest.raises(OfficeError) as caught:
        await call
    assert caught.value.status == status, caught.value
    if code is not None:
        assert caught.value.code == code, caught.value
    return caught.value


def field_codes(error: OfficeError) -> dict[str, str]:
    """The fields an error names, with their codes."""
    return {d["field"]: d["code"] for d in error.details}
