"""Issue 13 item 6: an office ADMIN's template override cannot exhaust the shared notify service.

Before: ``{{ 'a'*10**8 }}`` was saved and previewed (a 100 MB string, hundreds of MB of RSS in the service
every office shares), ``range(10**8)`` answered 500, nested loops ran for minutes. The attacker is an office
ADMIN with their own token against the running notify; notify's RSS is read from /proc while it answers.
A template stored before the fix still blows up at send time: that one request fails with the reason.
"""
from __future__ import annotations

import time
import uuid
from pathlib import Path

import httpx
import pytest
from runtime.db import create_pool

from seeded_office import bearer, eventually, login, seeded_office, url

from notify.config import NotifySettings
from office.handlers import identity

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
HOSTILE = {
    "{{ 'a'*10**8 }}": "repetition",
    "{% for i in range(10**8) %}x{% endfor %}": "number above",
    "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}": "loop turns",
    "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}": "loop turns",
    "{{ '{:>999999999}'.format(1) }}": "format",
    "{% set a = 'x'*99999 %}{% set b = a ~ a %}{{ b ~ b }}": "concatenation",
    "{{ 2**(10**8) }}": "power",
}


def notify_rss_mb() -> float:
    """The running notify service's resident memory, from /proc."""
    pid = (ROOT / ".stack/run/notify.pid").read_text().strip()
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


async def test_hostile_overrides_are_refused_with_422_and_leave_notify_small():
    async with seeded_office("templates") as office, httpx.AsyncClient(timeout=120) as http:
        admin = bearer(await login(http, office.email("ADMIN")))
        before, answers = notify_rss_mb(), {}
        for source, named in HOSTILE.items():
            started = time.monotonic()
            answer = await http.put(f"{url('notify')}/templates/user.welcome/en", headers=admin,
                                    json={"subject": "Welcome", "body": source})
            answers[source] = (answer.status_code, answer.text[:200], round(time.monotonic() - started, 2))
            assert answer.status_code == 422, answers[source]
            message = answer.json()["error"]["message"]
            assert message.startswith("body: ") and named in message, message
            assert time.monotonic() - started < 8, answers[source]  # wall time on a shared, busy machine
        grown = notify_rss_mb() - before
        print(f"notify RSS {before:.0f} MB before, {before + grown:.0f} MB after {len(HOSTILE)} hostile templates")
        assert grown < 50, f"notify grew by {grown:.0f} MB: {answers}"
        listed = await http.get(f"{url('notify')}/templates", headers=admin)
        assert all(t["source"] == "standard" for t in listed.json()["templates"])  # none was stored
        health = await http.get(f"{url('notify')}/healthz")
        assert health.status_code == 200


async def test_a_stored_template_that_blows_up_fails_that_request_with_the_reason():
    """As if the override had been stored before the fix: the reset mail fails alone, notify carries on."""
    settings = NotifySettings(service="notify")
    pool = await create_pool(settings.dsn())
    try:
        async with seeded_office("sendtime") as office:
            person = await office.person("VICTIM", role="COLLABORATOR")
            await pool.execute(
                "INSERT INTO template_overrides (office_id, key, language, subject, body, updated_by) "
                "VALUES ($1, 'user.password_reset', 'en', 'Reset', $2, 'before-the-fix')",
                uuid.UUID(str(office.office.id)), "{{ 'a'*10**8 }}{{ link }}")
            before = notify_rss_mb()
            await identity.request_password_reset(office.deps, person.email)

            async def failed() -> bool:
                row = await pool.fetchrow("SELECT status, reason FROM requests WHERE office_id = $1 "
                                          "AND template = 'user.password_reset'", uuid.UUID(str(office.office.id)))
                return row is not None and row["status"] == "failed" and "repetition" in (row["reason"] or "")

            await eventually(failed, 60, "the reset request failed with the template's reason")
            assert notify_rss_mb() - before < 50
    finally:
        await pool.close()
    async with httpx.AsyncClient(timeout=10) as http:
        assert (await http.get(f"{url('notify')}/healthz")).status_code == 200
