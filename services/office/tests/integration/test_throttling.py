"""Login back-off per e-mail + client address with a softer per-e-mail limit, and rate-limited password resets
(OFF-2: the login and reset flows of the office; API.md "Throttling")."""
from __future__ import annotations

import pytest

from office.handlers import provisioning

pytestmark = pytest.mark.integration
PW = "correct horse battery"


@pytest.fixture
async def acme(deps):
    office = await provisioning.ensure_office(deps, slug="acme", name="Acme", portal_name="Acme portal")
    return await provisioning.ensure_account(deps, office, email="victim@acme.test", name="Victim", password=PW)


async def _login(client, password: str, ip: str) -> int:
    response = await client.post("/auth/login", json={"email": "victim@acme.test", "password": password},
                                 headers={"X-Forwarded-For": ip})
    return response.status_code


async def test_an_attacker_locks_out_their_own_address_not_the_person(client, acme):
    """OFF-2: five failures from one address lock that address; the person logs in from theirs."""
    attacker = [await _login(client, "guess-guess-guess", "203.0.113.9") for _ in range(6)]
    assert attacker[-2:] == [429, 429]
    assert await _login(client, PW, "203.0.113.9") == 429  # still locked there
    assert await _login(client, PW, "198.51.100.7") == 200  # the person, from elsewhere


async def test_many_addresses_hit_the_softer_per_email_limit_which_never_locks_for_long(client, acme, settings, clock):
    """OFF-2: distributed guessing slows to one try a minute; the person waits at most office_lockout_email_max_s."""
    for n in range(settings.office_lockout_email_threshold):
        await _login(client, "guess-guess-guess", f"203.0.113.{n}")
    response = await client.post("/auth/login", json={"email": "victim@acme.test", "password": PW},
                                 headers={"X-Forwarded-For": "198.51.100.7"})
    assert response.status_code == 429
    assert 0 < int(response.headers["retry-after"]) <= settings.office_lockout_email_max_s
    clock.advance(seconds=settings.office_lockout_email_max_s + 1)
    assert await _login(client, PW, "198.51.100.7") == 200


def test_forwarded_for_is_believed_only_from_trusted_peers(deps, monkeypatch):
    """OFF-2: only a trusted proxy (the portal) may name the client; anyone else is keyed on their own address."""
    from types import SimpleNamespace

    from office.entrypoints.http import common

    monkeypatch.setattr(common, "deps_of", lambda request: deps)

    def request(peer: str) -> SimpleNamespace:
        return SimpleNamespace(client=SimpleNamespace(host=peer), headers={"x-forwarded-for": "10.0.0.1, 203.0.113.1"})

    assert common.client_address(request("192.0.2.1")) == "192.0.2.1"
    assert common.client_address(request("127.0.0.1")) == "203.0.113.1"


async def _reset(client, email: str, ip: str = "198.51.100.7"):
    return await client.post("/auth/password-reset", json={"email": email}, headers={"X-Forwarded-For": ip})


async def test_password_reset_requests_are_rate_limited_per_email_whether_the_account_exists_or_not(
        client, deps, acme, settings, clock):
    """OFF-2: at most office_reset_per_email_per_hour reset e-mails an hour; unknown addresses answer alike."""
    limit = settings.office_reset_per_email_per_hour
    known = [(await _reset(client, "victim@acme.test")).status_code for _ in range(limit + 1)]
    unknown = [(await _reset(client, "nobody@acme.test")).status_code for _ in range(limit + 1)]
    assert known == unknown == [202] * limit + [429]
    async with deps.pool.acquire() as conn:
        sent = await conn.fetchval("SELECT count(*) FROM outbox WHERE topic = 'notification.requested'")
    assert sent == limit
    clock.advance(hours=1, seconds=1)
    assert (await _reset(client, "victim@acme.test")).status_code == 202


async def test_password_reset_requests_are_rate_limited_per_client_address(client, acme, settings):
    """OFF-2: one address cannot spray reset e-mails over many accounts."""
    statuses = [(await _reset(client, f"p{n}@acme.test", "203.0.113.50")).status_code
                for n in range(settings.office_reset_per_client_per_hour + 1)]
    assert statuses[-1] == 429 and set(statuses[:-1]) == {202}
    assert (await _reset(client, "victim@acme.test", "198.51.100.7")).status_code == 202
