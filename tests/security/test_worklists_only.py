"""Issue 13 item 5: a collaborator assigned "worklists only" works the worklists and nothing else of the dossier.

Before: the flag was stored and shown but enforced nowhere: such a collaborator listed the mailbox documents,
created API keys, changed the dossier's settings and read the archive. The attacker here is that
collaborator, with their own token, against the running office, ingest, worklist and reporting services;
a colleague assigned without the flag is the control (same dossier, same calls, allowed).
"""
from __future__ import annotations

import httpx
import pytest

from seeded_office import bearer, eventually, login, seeded_office, url

from office.handlers import access, dossiers

pytestmark = pytest.mark.e2e


@pytest.fixture
async def setting():
    """A dossier with a COLLABORATOR assigned fully (control) and one assigned "worklists only" (attacker)."""
    async with seeded_office("wlonly") as office, httpx.AsyncClient(timeout=30) as http:
        full = await office.person("FULL", role="COLLABORATOR")
        limited = await office.person("LIMITED", role="COLLABORATOR")
        dossier = (await dossiers.create_dossier(office.deps, office.admin, {"name": "Limited Ltd", "code": "LIM"}))["id"]
        await access.put_assignments(office.deps, office.admin, dossier, {"collaborators": [
            {"collaborator_id": full.id}, {"collaborator_id": limited.id, "worklists_only": True}]})
        tokens = {key: bearer(await login(http, office.email(key))) for key in ("FULL", "LIMITED")}
        yield http, dossier, tokens


async def _answers(http: httpx.AsyncClient, who: dict[str, str], calls: list[tuple[str, str, str, dict | None]]):
    return [(await http.request(method, f"{url(service)}{path}", json=body, headers=who)).status_code
            for service, method, path, body in calls]


async def test_a_worklists_only_collaborator_is_refused_everything_but_the_worklists(setting):
    http, dossier, tokens = setting
    documents = f"/dossiers/{dossier}/mailboxes/purchases/documents"

    async def replicated() -> bool:  # the dossier reached ingest and reporting (dossier.changed over Kafka)
        probes = await _answers(http, tokens["FULL"], [("ingest", "GET", documents, None),
                                                      ("reporting", "GET", f"/dossiers/{dossier}/archive", None)])
        return probes == [200, 200]

    await eventually(replicated, 60, "the dossier replicated to ingest and reporting")
    refused = [
        ("ingest", "GET", documents, None),
        ("reporting", "GET", f"/dossiers/{dossier}/archive", None),
        ("office", "POST", f"/dossiers/{dossier}/api-keys", {"name": "exfiltrate", "mailbox": "purchases"}),
        ("office", "PATCH", f"/dossiers/{dossier}/settings", {"nightly_sync": False}),
        ("office", "GET", f"/dossiers/{dossier}/users", None),
    ]
    assert await _answers(http, tokens["LIMITED"], refused) == [403] * len(refused)
    assert await _answers(http, tokens["FULL"], refused) == [200, 200, 201, 200, 200]  # the control
    allowed = [("office", "GET", f"/dossiers/{dossier}", None),
               ("worklist", "GET", f"/dossiers/{dossier}/worklists/purchases", None)]
    assert await _answers(http, tokens["LIMITED"], allowed) == [200, 200]


async def test_the_refusal_names_the_assignment(setting):
    http, dossier, tokens = setting
    answer = await http.post(f"{url('office')}/dossiers/{dossier}/api-keys", headers=tokens["LIMITED"],
                             json={"name": "k", "mailbox": "sales"})
    assert answer.status_code == 403 and "worklists" in answer.text
