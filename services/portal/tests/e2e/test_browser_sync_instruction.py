"""Issue 15: what the sync tab and the monitor say when a dossier's sync needs someone, in the reader's language,
in Debian chromium against the running stack (`make up`) at 1280 px and on a 390 px phone.

The sync-connector keeps the verdict as an instruction code with values; the portal says it in NL/FR/DE/EN. The
test gives Bakkerij Peeters the verdict the connector records after Tryton refuses a closed period (its own
``after_rejection``, written through its repository into the stack's database), reads both screens in each
language, and puts the dossier's status back as it was."""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from uuid import UUID

import httpx
import pytest
from playwright.sync_api import Page
from runtime.config import Settings
from runtime.db import create_pool
from sync_connector.adapters import repository as repo
from sync_connector.domain.status import after_rejection

from portal_testkit.browser import LOGINS, log_in, screenshot
from portal_testkit.stack_browser import dossier_link, stack_page, stack_portal, within_screen  # noqa: F401

pytestmark = pytest.mark.e2e
REASON = 'The period "2026-02" is <b>closed</b>.'  # Tryton's words, shown as text
SAID = {"nl": "Heropen de periode in het boekhoudpakket", "fr": "Rouvrez la période dans le logiciel comptable",
        "de": "Öffnen Sie die Periode in der Buchhaltungssoftware wieder",
        "en": "Reopen the period in the accounting software"}
COLUMNS = ("sync_status", "instruction", "instruction_code", "instruction_params", "status_since")


def _in_database(work) -> dict:
    """``work(pool)`` on the stack's sync-connector database."""
    async def run() -> dict:
        pool = await create_pool(Settings(service="sync-connector").dsn(), min_size=1, max_size=1)
        try:
            return await work(pool)
        finally:
            await pool.close()
    with ThreadPoolExecutor(1) as thread:  # Playwright's sync API keeps an event loop running in this one
        return thread.submit(asyncio.run, run()).result()


@contextlib.contextmanager
def closed_period(dossier_id: UUID) -> Iterator[None]:
    """The dossier's status as after Tryton refused a closed period; its earlier status back afterwards."""
    async def set_(pool) -> dict:
        before = dict(await pool.fetchrow(f"SELECT {', '.join(COLUMNS)} FROM dossier_links WHERE dossier_id = $1",
                                          dossier_id))
        await repo.set_status(pool, dossier_id, after_rejection("ClosedPeriod", REASON))
        return before

    before = _in_database(set_)

    async def restore(pool) -> dict:
        await pool.execute("UPDATE dossier_links SET " + ", ".join(f"{c} = ${i + 2}" for i, c in enumerate(COLUMNS))
                           + " WHERE dossier_id = $1", dossier_id, *(before[c] for c in COLUMNS))
        return {}
    try:
        yield
    finally:
        _in_database(restore)


@contextlib.contextmanager
def language_of(email: str, password: str, language: str) -> Iterator[None]:
    office = Settings(service="e2e").service_url("office")
    token = httpx.post(f"{office}/auth/login", json={"email": email, "password": password}, timeout=10).json()
    headers = {"Authorization": f"Bearer {token['access_token']}"}
    own = httpx.get(f"{office}/me", headers=headers, timeout=10).json()["user"]["language"]
    httpx.patch(f"{office}/me", json={"language": language}, headers=headers, timeout=10).raise_for_status()
    try:
        yield
    finally:
        httpx.patch(f"{office}/me", json={"language": own}, headers=headers, timeout=10)


def test_the_sync_tab_and_the_monitor_say_what_to_do_in_the_readers_language(stack_page: Page):
    page, admin = stack_page, LOGINS["ADMIN"]
    log_in(page, admin.email, admin.password)
    dossier = dossier_link(page, "Bakkerij Peeters BV")
    page.context.clear_cookies()
    width = page.viewport_size["width"]
    with closed_period(UUID(dossier.rstrip("/").split("/")[-1])):
        for language, text in SAID.items():
            with language_of(admin.email, admin.password, language):
                log_in(page, admin.email, admin.password)
                assert page.goto(f"{dossier}/sync").status == 200
                shown = page.locator("#instruction").inner_text()
                assert text in shown and REASON in shown, (language, shown)
                assert page.locator("#instruction b").count() == 0, "the software's words are text, not markup"
                within_screen(page, "h1", "#instruction")
                screenshot(page, f"sync-instruction-{language}-{width}")
                assert page.goto("/monitor").status == 200
                row = page.locator(f'tr[data-dossier="{dossier.rstrip("/").split("/")[-1]}"]')
                assert text in row.locator(".sync-instruction").inner_text(), language
                screenshot(page, f"monitor-instruction-{language}-{width}")
                page.context.clear_cookies()
