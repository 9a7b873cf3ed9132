"""A seeded world for walking the office API: two offices, every role and profile, dossiers at every reach.

Office A ("acme"): ADMIN, COLLABORATOR, SUPPORT, WORKLISTS_ONLY (a COLLABORATOR) and a spare collaborator;
dossiers OWN (assigned to the COLLABORATOR, and "worklists only" to SUPPORT and WORKLISTS_ONLY, every client
profile on it), GROUP (reached by the COLLABORATOR through
a client group), OTHER (nobody assigned) and a draft twin of each for activation; a spare client
user and a spare API key on each dossier; spare groups. Office B ("bravo") has the same shape
for its ADMIN, so every route can be aimed at another office's dossier or object.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from runtime.auth.principal import ApiKeyScope, ClientProfile, Principal, PrincipalKind, Role

from office.domain.credentials import hash_password
from office.domain.office import Office
from office.handlers import access, dossiers, groups, news, provisioning
from office.handlers.context import Caller, Deps

PASSWORD = "walk-the-matrix-pw"
PASSWORD_HASH = hash_password(PASSWORD)  # hashed once: argon2id is slow on purpose
_counter = itertools.count()


def unique(prefix: str) -> str:
    """A fresh name for things a route creates."""
    return f"{prefix}-{next(_counter)}"


@dataclass
class OfficeWorld:
    """One seeded office: the office, its people, dossiers and spare objects by name."""

    slug: str
    office: Office
    people: dict[str, Any] = field(default_factory=dict)  # key -> Account
    dossiers: dict[str, str] = field(default_factory=dict)  # OWN, GROUP, OTHER, DRAFT_OWN, ... -> id
    spare_users: dict[str, str] = field(default_factory=dict)  # dossier key -> client user id
    spare_keys: dict[str, str] = field(default_factory=dict)  # dossier key -> API key id
    api_key: str = ""
    objects: dict[str, str] = field(default_factory=dict)  # collaborator, collaborator_group, client_group, news

    def email(self, key: str) -> str:
        return self.people[key].email


DOSSIER_KEYS = ("OWN", "GROUP", "OTHER")
WORKLISTS_ONLY = "WORKLISTS_ONLY"  # a COLLABORATOR assigned to OWN "worklists only" (OFF-2, issue 13 item 5)


async def _seed_office(deps: Deps, slug: str) -> OfficeWorld:
    world = OfficeWorld(slug, await provisioning.ensure_office(deps, slug=slug, name=f"{slug.title()} Accountants",
                                                               portal_name=f"{slug.title()} portal"))
    for role in Role:
        world.people[role.value] = await provisioning.ensure_account(
            deps, world.office, email=f"{role.value.lower()}@{slug}.test", name=f"{slug} {role.value}",
            role=role.value, password_hash=PASSWORD_HASH)
    world.people[WORKLISTS_ONLY] = await provisioning.ensure_account(
        deps, world.office, email=f"worklists-only@{slug}.test", name=f"{slug} worklists only", role="COLLABORATOR",
        password_hash=PASSWORD_HASH)
    admin = await provisioning.caller_of(deps, world.people["ADMIN"])
    for key in DOSSIER_KEYS:
        for draft in ("", "DRAFT_"):
            created = await dossiers.create_dossier(deps, admin, {"name": f"{slug} {draft}{key}", "code": f"{draft}{key}"})
            world.dossiers[draft + key] = created["id"]
            if not draft:
                await dossiers.activate_dossier(deps, admin, created["id"], {"accounting": {
                    "software": "tryton", "installation": "test", "dossier_code": f"{slug}-{key}".lower()}})
    await _people_and_groups(deps, world, admin)
    return world


async def _people_and_groups(deps: Deps, world: OfficeWorld, admin: Caller) -> None:
    spare = await provisioning.ensure_account(deps, world.office, email=f"spare@{world.slug}.test", name="Spare",
                                              role="COLLABORATOR", password_hash=PASSWORD_HASH)
    world.objects["collaborator"] = spare.id
    collab, support = world.people["COLLABORATOR"].id, world.people["SUPPORT"].id
    limited = world.people[WORKLISTS_ONLY].id
    for key in ("OWN", "DRAFT_OWN"):
        await access.put_assignments(deps, admin, world.dossiers[key], {"collaborators": [
            {"collaborator_id": collab}, {"collaborator_id": support, "worklists_only": True},
            {"collaborator_id": limited, "worklists_only": True}]})
    group = await groups.save_group(deps, admin, groups.CLIENT_GROUPS, {
        "name": "reached", "dossiers": [world.dossiers["GROUP"], world.dossiers["DRAFT_GROUP"]],
        "collaborators": [collab]})
    world.objects["reached_group"] = group["id"]
    world.objects["client_group"] = (await groups.save_group(deps, admin, groups.CLIENT_GROUPS, {"name": "spare"}))["id"]
    world.objects["news"] = (await news.publish(deps, admin, {  # PLT-3
        "audience": "both", "texts": {"all": {"title": f"{world.slug} news", "text": "text"}}}))["id"]
    world.objects["collaborator_group"] = (await groups.save_group(
        deps, admin, groups.COLLABORATOR_GROUPS, {"name": "spare", "members": [spare.id]}))["id"]
    for profile in ClientProfile:
        world.people[profile.value] = await provisioning.ensure_account(
            deps, world.office, email=f"{profile.value.lower()}@{world.slug}.test", name=f"{world.slug} {profile.value}",
            kind="client", role=None, password_hash=PASSWORD_HASH)
        for key in ("OWN", "DRAFT_OWN"):
            await access.add_client_user(deps, admin, world.dossiers[key], {
                "email": world.email(profile.value), "profile": profile.value})
    for key, dossier_id in world.dossiers.items():
        user = await access.add_client_user(deps, admin, dossier_id, {
            "email": f"spare-{key.lower()}@{world.slug}.test", "name": "Spare client", "profile": "FULL_ACCESS"})
        world.spare_users[key] = user["id"]
        made = await access.create_api_key(deps, admin, dossier_id, {"name": "spare", "mailbox": "sales"})
        world.spare_keys[key] = made["id"]
    walker = await access.create_api_key(deps, admin, world.dossiers["OWN"], {"name": "walker", "mailbox": "purchases"})
    world.api_key = walker["key"]


async def seed(deps: Deps) -> tuple[OfficeWorld, OfficeWorld]:
    """Office A (the walkers' own) and office B (the foreign one)."""
    return await _seed_office(deps, "acme"), await _seed_office(deps, "bravo")


def expected_principal(world: OfficeWorld, who: str) -> Principal:
    """What the matrix should see for a walker, built from the world's design, not from the service."""
    office_id = world.office.id
    own = {world.dossiers["OWN"], world.dossiers["DRAFT_OWN"]}
    if who == "API_KEY":
        return Principal("key", PrincipalKind.API_KEY, office_id, api_key_scope=ApiKeyScope(world.dossiers["OWN"],
                                                                                            "purchases"))
    if who == WORKLISTS_ONLY:
        return Principal(world.people[who].id, PrincipalKind.COLLABORATOR, office_id, role=Role.COLLABORATOR,
                         assigned_dossiers=frozenset(own), worklists_only=frozenset(own))
    if who in Role.__members__:
        role = Role(who)
        grouped = {world.dossiers["GROUP"], world.dossiers["DRAFT_GROUP"]} if role is Role.COLLABORATOR else set()
        return Principal(world.people[who].id, PrincipalKind.COLLABORATOR, office_id, role=role,
                         assigned_dossiers=frozenset(own if role is not Role.ADMIN else ()),  # ADMIN: by role
                         group_dossiers=frozenset(grouped),
                         worklists_only=frozenset(own if role is Role.SUPPORT else ()))
    return Principal(world.people[who].id, PrincipalKind.CLIENT, office_id,
                     profiles={d: ClientProfile(who) for d in own})
