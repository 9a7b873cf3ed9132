"""THE MATRIX WALK: every worklist route, with every role, every client profile, an API key, nobody and another
office's admin, on the caller's dossier, another dossier of the office and another office's dossier, in each
validation mode (WL-11: collaborator, hybrid, client).

Allowed exactly where runtime.auth.matrix says, computed from the matrix with the dossier's settings (not asked from
the service): clients see and correct only in hybrid/client mode and send only in client mode; SUPPORT reaches
assigned dossiers only; nobody reaches another office. DESIGN "Tenancy and security"; WL-1..12, ACT-1.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from runtime.auth.policy import DossierRef, is_allowed

from worklist.handlers.events import misc_proposal_id, on_document_received

from worklist_testkit import WHO, add_proposal, apply, document_received

pytestmark = pytest.mark.integration


@dataclass(frozen=True)
class Route:
    """One route: how to call it, the actions it needs, the body (given the proposal id), what a success looks like."""

    method: str
    path: str
    actions: tuple[str, ...]
    json: Callable[[str], Any] | None = None
    ok: frozenset[int] = frozenset({200, 202, 204})
    prepare: str = "proposal"   # proposal | reviewed | misc


ROUTES = (
    Route("GET", "/dossiers/{d}/worklists/purchases", ("worklist.view",)),
    Route("GET", "/dossiers/{d}/worklists/misc", ("worklist.view",)),
    Route("GET", "/dossiers/{d}/choices", ("worklist.view",)),
    Route("GET", "/dossiers/{d}/counterparties?q=a", ("worklist.view",)),
    Route("POST", "/dossiers/{d}/proposals", ("worklist.manual",), json=lambda p: {"mailbox": "purchases"},
          ok=frozenset({201})),  # REC-2 manual entry (issue 15 item 13)
    Route("GET", "/dossiers/{d}/proposals/{p}", ("worklist.view",)),
    Route("GET", "/dossiers/{d}/proposals/{p}/neighbours", ("worklist.view",)),
    Route("GET", "/dossiers/{d}/proposals/{p}/history", ("worklist.view",)),
    Route("GET", "/dossiers/{d}/proposals/{p}/words", ("worklist.view",), ok=frozenset({404})),  # no words here
    Route("GET", "/dossiers/{d}/proposals/{p}/searchable-pdf", ("worklist.view",), ok=frozenset({404})),  # none here
    Route("PATCH", "/dossiers/{d}/proposals/{p}", ("worklist.edit",), json=lambda p: {"note": "walk"}),
    Route("PATCH", "/dossiers/{d}/proposals/{p}", ("worklist.edit", "worklist.validate"), json=lambda p: {"review": True}),
    Route("POST", "/dossiers/{d}/proposals/{p}/undo", ("worklist.edit",), ok=frozenset({409})),
    Route("POST", "/dossiers/{d}/proposals/{p}/help", ("worklist.help",), json=lambda p: {"needed": True}),
    Route("POST", "/dossiers/{d}/proposals/{p}/ask-client", ("conversation.start",), json=lambda p: {"question": "?"}),
    Route("POST", "/dossiers/{d}/proposals/{p}/file", ("worklist.misc_file",), json=lambda p: {"type": "statutes"},
          prepare="misc"),
    Route("POST", "/dossiers/{d}/proposals/{p}/unfile", ("worklist.misc_file",), prepare="misc"),
    Route("DELETE", "/dossiers/{d}/proposals/{p}", ("proposal.delete",)),
    Route("POST", "/dossiers/{d}/proposals/check", ("worklist.validate",), json=lambda p: {"proposal_ids": [p]}),
    Route("POST", "/dossiers/{d}/proposals/send", ("proposal.send",), json=lambda p: {"proposal_ids": [p]},
          prepare="reviewed"),
    Route("POST", "/dossiers/{d}/proposals/change", ("worklist.edit",),
          json=lambda p: {"proposal_ids": [p], "period": "2025-04"}),
    Route("POST", "/dossiers/{d}/proposals/delete", ("proposal.delete",), json=lambda p: {"proposal_ids": [p]}),
    Route("POST", "/dossiers/{d}/proposals/reprocess", ("worklist.reprocess",), json=lambda p: {"proposal_ids": [p]}),
    Route("GET", "/dossiers/{d}/permanent-dossier?type=statutes", ("archive.view",)),
    Route("GET", "/monitor/counters", ("monitor.view",)),
)
MODES = ("collaborator", "hybrid", "client")


async def _prepare(pool, world, dossier: str, how: str) -> str:
    if how == "misc":
        doc = str(uuid.uuid4())
        await apply(pool, on_document_received, document_received(world.office_of(dossier), dossier, doc, "misc"))
        return str(misc_proposal_id(uuid.UUID(doc)))
    made = await add_proposal(pool, world, dossier)
    if how == "reviewed":
        await pool.execute("UPDATE proposals SET status = 'validated' WHERE proposal_id = $1", made.proposal_id)
    return str(made.proposal_id)


def _expected(world, who: str, route: Route, dossier: str, settings: dict) -> str:
    if who == "NOBODY":
        return "401"
    principal = world.principals[who]
    if route.path.startswith("/monitor"):
        return "ok" if is_allowed(principal, "monitor.view", None) else "403"
    ref = DossierRef.from_settings(world.office_of(dossier), dossier, settings)
    return "ok" if all(is_allowed(principal, a, ref) for a in route.actions) else "403"


async def test_every_route_with_every_grantee_on_every_reach_in_every_mode(client, world, pool):
    targets = {"own": world.own, "other": world.other, "foreign": world.foreign}
    failures, calls = [], 0
    for mode in MODES:
        await pool.execute("UPDATE platform_dossiers SET settings = settings || $2::text::jsonb WHERE dossier_id = $1",
                           uuid.UUID(world.own), json.dumps({"validation_mode": mode}))
        for target, dossier in targets.items():
            settings = await pool.fetchval("SELECT settings FROM platform_dossiers WHERE dossier_id = $1", uuid.UUID(dossier))
            for route in ROUTES:
                for who in WHO:
                    expected = _expected(world, who, route, dossier, settings)
                    proposal = await _prepare(pool, world, dossier, route.prepare)
                    kw: dict[str, Any] = {"headers": world.headers(who)}
                    if route.json is not None:
                        kw["json"] = route.json(proposal)
                    response = await client.request(route.method, route.path.format(d=dossier, p=proposal), **kw)
                    calls += 1
                    good = response.status_code in route.ok if expected == "ok" else str(response.status_code) == expected
                    if good and route.path.endswith(("/check", "/send", "/change", "/delete")) and expected == "ok":
                        good = response.json()["done"] == [proposal]
                    if not good:
                        failures.append(f"[{mode}] {who} {route.method} {route.path} {route.actions} on {target}: "
                                        f"{response.status_code} (expected {expected}) {response.text[:150]}")
    assert not failures, f"{len(failures)} failures:\n" + "\n".join(failures[:40])
    assert calls == len(MODES) * 3 * len(ROUTES) * len(WHO)


async def test_hybrid_client_corrects_but_only_the_office_sends(client, world, pool):
    """WL-11 spelled out: in hybrid mode a full-access client edits and reviews but may not send; the office sends."""
    await pool.execute("UPDATE platform_dossiers SET settings = settings || '{\"validation_mode\": \"hybrid\"}'::jsonb "
                       "WHERE dossier_id = $1", uuid.UUID(world.own))
    made = await add_proposal(pool, world)
    url = f"/dossiers/{world.own}/proposals"
    client_user = world.headers("FULL_ACCESS")
    edited = await client.patch(f"{url}/{made.proposal_id}", headers=client_user, json={"note": "private", "review": True})
    assert edited.status_code == 200 and edited.json()["proposal"]["status"] == "validated"
    refused = await client.post(f"{url}/send", headers=client_user, json={"proposal_ids": [str(made.proposal_id)]})
    assert refused.status_code == 403 and "validation mode is client" in refused.json()["error"]["message"]
    sent = await client.post(f"{url}/send", headers=world.headers("SUPPORT"), json={"proposal_ids": [str(made.proposal_id)]})
    assert sent.json()["done"] == [str(made.proposal_id)]
    await pool.execute("UPDATE platform_dossiers SET settings = settings || '{\"validation_mode\": \"collaborator\"}'::jsonb "
                       "WHERE dossier_id = $1", uuid.UUID(world.own))
    hidden = await client.get(f"/dossiers/{world.own}/worklists/purchases", headers=client_user)
    assert hidden.status_code == 403
