"""Issue 13 item 7: the login back-off is keyed on the browser's real address, whatever X-Forwarded-For says.

uvicorn believed X-Forwarded-For from 127.0.0.1 (its default), so on the stack every request to the portal could
name its own client address: a new value per try evaded the per-address lockout (five failures lock that address;
only the softer per-e-mail limit of twenty remained). Forwarded headers are now believed from BF_TRUSTED_PROXIES
only (none locally; the ingress controller on Kubernetes). The attacker here has no account: they guess a
password through the portal's login form, changing X-Forwarded-For on every try.
"""
from __future__ import annotations

import uuid

import httpx
import pytest
from platform_probe import csrf_of, url

pytestmark = pytest.mark.e2e
THRESHOLD = 5  # OfficeSettings.office_lockout_threshold: failures from one address that lock it


async def _guess(browser: httpx.AsyncClient, email: str, forwarded_for: str) -> int:
    page = await browser.get("/login")
    answer = await browser.post("/login", data={"email": email, "password": "guess-guess-guess",
                                                "csrf_token": csrf_of(page.text)},
                                headers={"X-Forwarded-For": forwarded_for})
    return answer.status_code


async def test_a_new_forwarded_for_value_per_try_does_not_evade_the_lockout():
    email = f"victim-{uuid.uuid4().hex[:10]}@forwarded.example"
    async with httpx.AsyncClient(base_url=url("portal"), timeout=30) as browser:
        answers = [await _guess(browser, email, f"203.0.113.{n + 1}") for n in range(THRESHOLD + 1)]
    assert answers[:THRESHOLD - 1] == [401] * (THRESHOLD - 1), answers
    assert answers[THRESHOLD:] == [429], f"a fresh X-Forwarded-For got another try: {answers}"


async def test_the_portal_does_not_pass_a_forged_address_on_to_the_office():
    """The control: the same forged header on every try changes nothing either; the lock holds for the next
    address the attacker invents, so the lockout is the browser's own."""
    email = f"victim-{uuid.uuid4().hex[:10]}@forwarded.example"
    async with httpx.AsyncClient(base_url=url("portal"), timeout=30) as browser:
        answers = [await _guess(browser, email, "198.51.100.9") for _ in range(THRESHOLD)]
        elsewhere = await _guess(browser, email, "192.0.2.77")
    assert answers[-1] == 429 and elsewhere == 429, (answers, elsewhere)
