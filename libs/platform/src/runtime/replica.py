"""The dossier replica: office's dossiers with their settings, client users and assignments, from dossier.changed.

A service switches it on by handling ``dossier.changed`` with ``projection()`` in its event handlers; what it
adds of its own (a column in its own table, a side effect such as releasing waiting requests) is a hook given to
``projection(hook, ...)``, run in the same transaction after the standard tables are written. The tables
(``platform_dossiers``, ``platform_dossier_users``, ``platform_dossier_assignments``) come with the platform's
migrations (runtime/migrations/0002_dossier_replica.sql), so every service holds them, empty unless switched on.

An event about a dossier the replica does not know yet (its dossier.changed is on another topic, not read yet)
asks ``require()``: it raises DossierNotReplicated, which the consumer waits out and retries like an outage
(runtime.outage), so the event is applied once the dossier arrives instead of without it. The wait is bounded by
the event's age (``since``, its occurred_at; PATIENCE): a dossier office never announces (a test's, a deleted one)
must not hold its partition — and every other dossier on it — for ever, so an older event goes on without it.

Who may act on a dossier is judged with its replicated people too (issue 15): ``resolver()`` for a route's
dossier, ``allowed_rows()`` for a list over many dossiers (the monitor's counters).
"""
from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any
from uuid import UUID

import asyncpg
from contracts.events.dossiers import DossierChanged

from runtime.auth import policy
from runtime.auth.fastapi import DossierResolver, replica_resolver
from runtime.auth.principal import Principal
from runtime.outage import DependencyUnavailable

Hook = Callable[[asyncpg.Connection, DossierChanged], Awaitable[None]]
Conn = asyncpg.Connection | asyncpg.Pool

log = logging.getLogger(__name__)
PATIENCE = timedelta(minutes=1)  # how long an event waits for its dossier's dossier.changed, from its occurred_at

USER_FIELDS = ("user_id", "email", "name", "language", "profile", "active")
ASSIGNMENT_FIELDS = ("collaborator_id", "email", "name", "role", "language", "worklists_only", "via")


class DossierNotReplicated(DependencyUnavailable):
    """The event is about a dossier whose dossier.changed has not been applied yet: retried, not dead-lettered."""

    dependency = "dossier replica"


async def apply(conn: asyncpg.Connection, event: DossierChanged) -> None:
    """Replace what the replica holds of the dossier (row, users, assignments) with the event's snapshot."""
    snap = event.dossier
    await conn.execute(
        "INSERT INTO platform_dossiers (dossier_id, office_id, name, code, vat_number, active, status, client_group, "
        "accounting_updated_up_to, accounting, settings, admins, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, now()) ON CONFLICT (dossier_id) DO UPDATE SET "
        "office_id = $2, name = $3, code = $4, vat_number = $5, active = $6, status = $7, client_group = $8, "
        "accounting_updated_up_to = $9, accounting = $10, settings = $11, admins = $12, updated_at = now()",
        event.dossier_id, event.office_id, snap.name, snap.code, snap.vat_number,
        snap.active and snap.status != "archived", snap.status, snap.client_group, snap.accounting_updated_up_to,
        snap.accounting.model_dump(mode="json") if snap.accounting else None, snap.settings.model_dump(mode="json"),
        list(snap.admins) or None)  # none: a snapshot from before office named its admins (unknown)
    await conn.execute("DELETE FROM platform_dossier_users WHERE dossier_id = $1", event.dossier_id)
    await conn.executemany(
        "INSERT INTO platform_dossier_users (dossier_id, position, user_id, email, name, language, profile, active) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [(event.dossier_id, n, *(getattr(u, f) for f in USER_FIELDS)) for n, u in enumerate(snap.users)])
    await conn.execute("DELETE FROM platform_dossier_assignments WHERE dossier_id = $1", event.dossier_id)
    await conn.executemany(
        "INSERT INTO platform_dossier_assignments (dossier_id, position, collaborator_id, email, name, role, language, "
        "worklists_only, via) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        [(event.dossier_id, n, *(getattr(a, f) for f in ASSIGNMENT_FIELDS)) for n, a in enumerate(snap.assignments)])


def projection(*hooks: Hook) -> Callable[..., Awaitable[None]]:
    """The dossier.changed handler of a service: the standard tables, then the service's hooks, in one transaction.
    It takes the service's deps (runtime.inbox.Apply) and needs none of them."""

    async def on_dossier_changed(conn: asyncpg.Connection, event: DossierChanged, deps: Any = None) -> None:
        if event.dossier_id is None:
            return  # an office-wide change: nothing to replicate
        await apply(conn, event)
        for hook in hooks:
            await hook(conn, event)

    return on_dossier_changed


async def dossier(conn: Conn, dossier_id: UUID) -> dict[str, Any] | None:
    """The replicated dossier (its platform_dossiers row, settings as a dict), or None when never heard of."""
    row = await conn.fetchrow("SELECT * FROM platform_dossiers WHERE dossier_id = $1", dossier_id)
    return dict(row) if row else None


async def require(conn: Conn, dossier_id: UUID, *, since: datetime | None = None,
                  patience: timedelta = PATIENCE) -> dict[str, Any] | None:
    """The replicated dossier; DossierNotReplicated (retried by the consumer) while its dossier.changed is not in.
    An event that happened (``since``) more than ``patience`` ago waits no longer: None, and the caller goes on
    without the dossier, as it would if there were no replica."""
    found = await dossier(conn, dossier_id)
    if found is not None:
        return found
    if since is not None and datetime.now(timezone.utc) - since > patience:
        log.warning("dossier %s still not replicated %s after the event: going on without it", dossier_id, patience)
        return None
    raise DossierNotReplicated(f"dossier {dossier_id} is not replicated yet (dossier.changed not applied)")


# who may act on a dossier now (runtime.auth.current), as columns of a query on platform_dossiers d
_PEOPLE = (
    "d.status, d.admins, "
    "coalesce((SELECT json_agg(json_build_object('user_id', u.user_id, 'profile', u.profile, 'active', u.active)) "
    "FROM platform_dossier_users u WHERE u.dossier_id = d.dossier_id), '[]') AS users, "
    "coalesce((SELECT json_agg(json_build_object('collaborator_id', a.collaborator_id, 'role', a.role, 'via', a.via, "
    "'worklists_only', a.worklists_only) ORDER BY a.position) FROM platform_dossier_assignments a "
    "WHERE a.dossier_id = d.dossier_id), '[]') AS assignments")


def _with_people(row: asyncpg.Record) -> dict[str, Any]:
    """The row as a dict, its users and assignments decoded (json, not jsonb: whether or not the pool has a codec)."""
    found = dict(row)
    for key in ("users", "assignments"):
        if isinstance(found[key], str):
            found[key] = json.loads(found[key])
    return found


async def access_row(conn: Conn, dossier_id: UUID, *, people: bool = False) -> dict[str, Any] | None:
    """office_id and settings of the dossier; with ``people``, also who may act on it now (its status, client users,
    collaborators and the office's admins), for runtime.auth's replica resolver (runtime.auth.current)."""
    if not people:
        row = await conn.fetchrow("SELECT office_id, settings FROM platform_dossiers WHERE dossier_id = $1", dossier_id)
        return dict(row) if row else None
    row = await conn.fetchrow(f"SELECT d.office_id, d.settings, {_PEOPLE} FROM platform_dossiers d "
                              "WHERE d.dossier_id = $1", dossier_id)
    return _with_people(row) if row else None


async def people(conn: Conn, dossier_ids: Iterable[UUID]) -> dict[UUID, dict[str, Any]]:
    """Who may act on each of these dossiers now (status, admins, users, assignments, as ``access_row(people=True)``
    gives them), by dossier id; a dossier never heard of is left out."""
    rows = await conn.fetch(f"SELECT d.dossier_id, {_PEOPLE} FROM platform_dossiers d "
                            "WHERE d.dossier_id = ANY($1::uuid[])", list(dict.fromkeys(dossier_ids)))
    return {row["dossier_id"]: _with_people(row) for row in rows}


async def allowed_rows(conn: Conn, principal: Principal, action: str,
                       rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """runtime.auth.policy.allowed_rows judged with each dossier's people from the replica too (issue 15): a list over
    many dossiers (the monitor's counters, ACT-1) leaves out a dossier the caller was unassigned from or lost the
    profile on since their token was issued, as a single dossier's route refuses it. Each row needs ``dossier_id``
    (a UUID) and ``settings``; the rows kept are returned with the people added."""
    rows = list(rows)
    found = await people(conn, (UUID(str(row["dossier_id"])) for row in rows))
    judged = [{**row, **found.get(UUID(str(row["dossier_id"])), {})} for row in rows]
    return [dict(row) for row in policy.allowed_rows(principal, action, judged)]


def resolver(pool: asyncpg.Pool) -> DossierResolver:
    """app.state.dossier_resolver of a service holding the replica: which office owns a dossier, with its facts."""
    return replica_resolver(lambda key: access_row(pool, key, people=True))


async def office_dossiers(conn: Conn, office_id: UUID) -> list[dict[str, Any]]:
    """dossier_id, office_id and settings of every replicated dossier of an office."""
    rows = await conn.fetch("SELECT dossier_id, office_id, settings FROM platform_dossiers WHERE office_id = $1",
                            office_id)
    return [dict(r) for r in rows]


async def users(conn: Conn, dossier_id: UUID) -> list[dict[str, Any]]:
    """The dossier's client users (user_id, email, name, language, profile, active) in the snapshot's order."""
    rows = await conn.fetch(f"SELECT {', '.join(USER_FIELDS)} FROM platform_dossier_users WHERE dossier_id = $1 "
                            "ORDER BY position", dossier_id)
    return [dict(r) for r in rows]


async def assignments(conn: Conn, dossier_id: UUID) -> list[dict[str, Any]]:
    """The collaborators assigned to the dossier (collaborator_id, email, name, role, language, worklists_only, via)
    in the snapshot's order."""
    rows = await conn.fetch(f"SELECT {', '.join(ASSIGNMENT_FIELDS)} FROM platform_dossier_assignments "
                            "WHERE dossier_id = $1 ORDER BY position", dossier_id)
    return [dict(r) for r in rows]
