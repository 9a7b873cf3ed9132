"""THE MATRIX WALK: every office route, with every role, every client profile, an API key, nobody, and
another office's admin, aimed at dossiers of every reach and at another office's dossiers and objects.

Allowed exactly where runtime.auth.matrix says (computed from the world's design, not asked from the
service), refused elsewhere (401 without a token, 403 outside the matrix, 404 for another office's
collaborators and groups), and no response ever carries the other office's data.
DESIGN "Tenancy and security"; OFF-1..3, DOS-1..5, ING-4.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.routing import APIRoute
from runtime.auth.policy import DossierRef, is_allowed
from runtime.auth.principal import ClientProfile, Role
from runtime.http import create_http_app

from office.entrypoints.http import ROUTERS

from .world import PASSWORD, WORKLISTS_ONLY, OfficeWorld, expected_principal, seed, unique

pytestmark = pytest.mark.integration
Body = Callable[[OfficeWorld], dict[str, Any]] | None
DEFAULT_FACTS = {"portal_scope": "documents_feedback", "validation_mode": "collaborator"}


@dataclass(frozen=True)
class Route:
    """One route of the walk: how to call it, the action it needs, and what its path variable points at."""

    method: str
    path: str
    action: str
    target: str  # office | dossier | draft | collaborator | collaborator_group | client_group | news
    body: Body = None


def _new_user(w: OfficeWorld) -> dict[str, Any]:
    return {"email": f"{unique('u')}@{w.slug}.test", "name": "New", "profile": "DOCUMENT_DELIVERY"}


def _news(title: str) -> dict[str, Any]:
    return {"audience": "both", "texts": {"all": {"title": title, "text": "text"}}}


ROUTES = (
    Route("GET", "/me", "self.view", "office"),
    Route("PATCH", "/me", "self.edit", "office", lambda w: {"language": "en"}),
    Route("GET", "/office", "office.settings.view", "office"),
    Route("PATCH", "/office", "office.settings.edit", "office", lambda w: {"portal_name": unique("portal")}),
    Route("GET", "/monitor", "monitor.view", "office"),
    Route("GET", "/collaborators", "collaborator.view", "office"),
    Route("POST", "/collaborators", "collaborator.manage", "office",
          lambda w: {"email": f"{unique('c')}@{w.slug}.test", "name": "New", "role": "SUPPORT"}),
    Route("GET", "/collaborators/{obj}", "collaborator.view", "collaborator"),
    Route("PATCH", "/collaborators/{obj}", "collaborator.manage", "collaborator", lambda w: {"language": "fr"}),
    Route("POST", "/collaborators/{obj}/disable", "collaborator.manage", "collaborator"),
    Route("POST", "/collaborators/{obj}/enable", "collaborator.manage", "collaborator"),
    Route("GET", "/collaborator-groups", "group.view", "office"),
    Route("POST", "/collaborator-groups", "group.manage", "office", lambda w: {"name": unique("g")}),
    Route("GET", "/collaborator-groups/{obj}", "group.view", "collaborator_group"),
    Route("PATCH", "/collaborator-groups/{obj}", "group.manage", "collaborator_group", lambda w: {"name": unique("g")}),
    Route("DELETE", "/collaborator-groups/{obj}", "group.manage", "collaborator_group"),
    Route("GET", "/client-groups", "group.view", "office"),
    Route("POST", "/client-groups", "group.manage", "office", lambda w: {"name": unique("g")}),
    Route("GET", "/client-groups/{obj}", "group.view", "client_group"),
    Route("PATCH", "/client-groups/{obj}", "group.manage", "client_group", lambda w: {"name": unique("g")}),
    Route("DELETE", "/client-groups/{obj}", "group.manage", "client_group"),
    Route("GET", "/dossiers", "self.view", "office"),
    Route("POST", "/dossiers", "dossier.create", "office", lambda w: {"name": unique("new dossier")}),
    Route("GET", "/dossiers/{d}", "dossier.view", "dossier"),
    Route("PATCH", "/dossiers/{d}", "dossier.configure", "dossier", lambda w: {"accounting_updated_up_to": "2025-03-31"}),
    Route("POST", "/dossiers/{d}/activate", "dossier.activate", "draft",
          lambda w: {"accounting": {"software": "tryton", "installation": "test", "dossier_code": unique("x")}}),
    Route("GET", "/dossiers/{d}/settings", "dossier.view", "dossier"),
    Route("PATCH", "/dossiers/{d}/settings", "dossier.configure", "dossier", lambda w: {"nightly_sync": False}),
    Route("PATCH", "/dossiers/{d}/settings", "dossier.settings.edit", "dossier",
          lambda w: {"dashboard_accounts": ["550000"]}),
    Route("GET", "/dossiers/{d}/checklist", "dossier.checklist.view", "dossier"),
    Route("POST", "/dossiers/{d}/mailboxes/purchases/rotate", "dossier.configure", "dossier"),
    Route("GET", "/dossiers/{d}/assignments", "dossier.view", "dossier"),
    Route("PUT", "/dossiers/{d}/assignments", "dossier.assign", "dossier", lambda w: {"collaborators": [
        {"collaborator_id": w.people["COLLABORATOR"].id}, {"collaborator_id": w.people["SUPPORT"].id}]}),
    Route("GET", "/dossiers/{d}/users", "dossier.users.view", "dossier"),
    Route("POST", "/dossiers/{d}/users", "dossier.users.manage", "dossier", _new_user),
    Route("PATCH", "/dossiers/{d}/users/{u}", "dossier.users.manage", "dossier", lambda w: {"profile": "FULL_FEEDBACK"}),
    Route("POST", "/dossiers/{d}/users/{u}/disable", "dossier.users.manage", "dossier"),
    Route("POST", "/dossiers/{d}/users/{u}/enable", "dossier.users.manage", "dossier"),
    Route("GET", "/dossiers/{d}/api-keys", "apikey.manage", "dossier"),
    Route("POST", "/dossiers/{d}/api-keys", "apikey.manage", "dossier", lambda w: {"name": "n", "mailbox": "misc"}),
    Route("DELETE", "/dossiers/{d}/api-keys/{k}", "apikey.manage", "dossier"),
    Route("GET", "/news", "help.view", "office"),
    Route("POST", "/news", "news.manage", "office", lambda w: _news(unique("news"))),
    Route("GET", "/news/all", "news.manage", "office"),
    Route("POST", "/news/seen", "help.view", "office"),
    Route("GET", "/news/{obj}", "news.manage", "news"),
    Route("PUT", "/news/{obj}", "news.manage", "news", lambda w: _news(unique("edited"))),
    Route("POST", "/news/{obj}/withdraw", "news.manage", "news"),
    Route("GET", "/help/marks", "help.view", "office"),
    Route("POST", "/help/marks/quick-start", "help.view", "office"),
    Route("POST", "/me/password", "self.edit", "office",
          lambda w: {"current_password": PASSWORD, "new_password": PASSWORD}),
)
PUBLIC = {"/public/offices/{slug}", "/.well-known/jwks.json", "/auth/login", "/auth/refresh", "/auth/logout",
          "/auth/password-reset", "/auth/password-reset/confirm", "/auth/api-token"}
COLLEAGUES = [r.value for r in Role] + [WORKLISTS_ONLY]
WALKERS = COLLEAGUES + [p.value for p in ClientProfile] + ["API_KEY", "FOREIGN_ADMIN", "NOBODY"]


def test_the_walk_covers_every_protected_route():
    """A route added to the API without a line in the walk fails here."""
    app = create_http_app("office", settings=None, extra_routers=ROUTERS)
    served = {(m, r.path) for r in app.routes if isinstance(r, APIRoute) for m in r.methods}
    served |= {(m, r.path) for router in ROUTERS for r in router.routes for m in r.methods}
    walked = {(r.method, r.path.replace("{obj}", "{x}").replace("{d}", "{dossier_id}").replace("{u}", "{user_id}")
               .replace("{k}", "{key_id}").replace("/purchases/", "/{mailbox}/")) for r in ROUTES}
    normalised = {(m, p.replace("{user_id}", "{x}") if p.startswith("/collaborators/") else
                   p.replace("{group_id}", "{x}").replace("{item_id}", "{x}")) for m, p in served if p not in PUBLIC}
    assert normalised - walked == set()


def _targets(route: Route, home: OfficeWorld, away: OfficeWorld) -> list[tuple[OfficeWorld, str | None]]:
    if route.target == "office":
        return [(home, None)]
    if route.target in ("dossier", "draft"):
        prefix = "DRAFT_" if route.target == "draft" else ""
        return [(home, prefix + k) for k in ("OWN", "GROUP", "OTHER")] + [(away, prefix + "OWN")]
    return [(home, route.target), (away, route.target)]


def _path(route: Route, world: OfficeWorld, key: str | None) -> str:
    if key is None:
        return route.path
    if route.target in ("dossier", "draft"):
        return (route.path.replace("{d}", world.dossiers[key]).replace("{u}", world.spare_users[key])
                .replace("{k}", world.spare_keys[key]))
    return route.path.replace("{obj}", world.objects[key])


def _expected(route: Route, walker: str, caller_world: OfficeWorld, world: OfficeWorld, key: str | None) -> set[int]:
    if walker == "NOBODY":
        return {401}
    principal = expected_principal(caller_world, "ADMIN" if walker == "FOREIGN_ADMIN" else walker)
    if route.target in ("dossier", "draft"):
        ref = DossierRef.from_settings(world.office.id, world.dossiers[key], DEFAULT_FACTS)
        return {200, 201, 204} if is_allowed(principal, route.action, ref) else {403}
    if not is_allowed(principal, route.action):
        return {403}
    return {200, 201, 204} if world is caller_world or route.target == "office" else {404}


async def _login(client, world: OfficeWorld, walker: str) -> dict[str, str]:
    if walker == "NOBODY":
        return {}
    if walker == "API_KEY":
        response = await client.post("/auth/api-token", json={"api_key": world.api_key})
    else:
        email = world.email("ADMIN" if walker == "FOREIGN_ADMIN" else walker)
        response = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _foreign_markers(world: OfficeWorld) -> list[str]:
    return [world.slug, world.office.id, *world.dossiers.values(), *(a.id for a in world.people.values()),
            *world.objects.values(), *world.spare_users.values(), *world.spare_keys.values()]


@pytest.mark.parametrize("walker", WALKERS)
async def test_every_route_answers_exactly_as_the_matrix_says(client, deps, walker):
    acme, bravo = await seed(deps)
    home, away = (bravo, acme) if walker == "FOREIGN_ADMIN" else (acme, bravo)
    headers = await _login(client, home, walker)
    markers = _foreign_markers(away)
    mismatches = []
    for route in ROUTES:
        for world, key in _targets(route, home, away):
            body = route.body(world) if route.body else None
            response = await client.request(route.method, _path(route, world, key), json=body, headers=headers)
            expected = _expected(route, walker, home, world, key)
            if response.status_code not in expected:
                mismatches.append(f"{route.method} {route.path} [{route.action}] on {world.slug}:{key} -> "
                                  f"{response.status_code}, expected {sorted(expected)}: {response.text[:160]}")
            leaked = [m for m in markers if m in response.text]
            assert not leaked, f"{route.method} {route.path} on {key} leaked {leaked[:3]}"
            if response.status_code >= 400:
                assert set(response.json()) == {"error"}
    assert mismatches == []


@pytest.mark.parametrize("walker", COLLEAGUES + [p.value for p in ClientProfile])
async def test_dossier_lists_hold_exactly_the_dossiers_the_matrix_lets_one_see(client, deps, walker):
    """OFF-2, DOS-4: GET /dossiers and GET /me list what dossier.view allows, nothing of another office."""
    acme, bravo = await seed(deps)
    headers = await _login(client, acme, walker)
    principal = expected_principal(acme, walker)
    expected = {d for d in acme.dossiers.values()
                if is_allowed(principal, "dossier.view", DossierRef.from_settings(acme.office.id, d, DEFAULT_FACTS))}
    listed = {d["id"] for d in (await client.get("/dossiers", headers=headers)).json()["items"]}
    me = await client.get("/me", headers=headers)
    assert listed == expected and {d["id"] for d in me.json()["dossiers"]} == expected
    assert me.json()["office"]["id"] == acme.office.id
    if walker in ClientProfile.__members__:
        assert {d["profile"] for d in me.json()["dossiers"]} == {walker}
