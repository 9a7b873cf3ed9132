"""Postgres repository of dossiers: rows, inbound mailboxes, assignments, client users and reach."""
from __future__ import annotations

import uuid
from typing import Any

import asyncpg

from office.domain.dossier import DossierView
from office.domain.settings import effective

_ROW = """SELECT d.*, g.name AS client_group_name FROM dossiers d
          LEFT JOIN client_groups g ON g.id = d.client_group_id"""
# collaborators reaching a dossier: assigned directly, or (COLLABORATOR role) through its client group
_ASSIGNMENTS = """
    SELECT u.id AS collaborator_id, u.email, u.name, u.role, u.language, a.worklists_only, 'direct' AS via
      FROM assignments a JOIN users u ON u.id = a.collaborator_id
     WHERE a.dossier_id = $1 AND u.active
    UNION
    SELECT u.id, u.email, u.name, u.role, u.language, false, 'client_group'
      FROM dossiers d
      JOIN client_groups g ON g.id = d.client_group_id
      JOIN users u ON u.role = 'COLLABORATOR' AND u.active AND (
           u.id IN (SELECT user_id FROM client_group_collaborators WHERE group_id = g.id)
        OR u.id IN (SELECT m.user_id FROM client_group_collaborator_groups cg
                      JOIN collaborator_group_members m ON m.group_id = cg.collaborator_group_id
                     WHERE cg.group_id = g.id))
     WHERE d.id = $1 AND u.id NOT IN (SELECT collaborator_id FROM assignments WHERE dossier_id = $1)
"""


def as_uuid(value: object) -> uuid.UUID | None:
    """The UUID in a path or body value, or None when it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def _view(row: asyncpg.Record, office: dict[str, Any], mailboxes: dict[str, str],
          users: tuple = (), assignments: tuple = (), admins: tuple = ()) -> DossierView:
    return DossierView(
        id=str(row["id"]), office_id=str(row["office_id"]), name=row["name"], code=row["code"],
        vat_number=row["vat_number"], language=row["language"], status=row["status"], accounting=row["accounting"],
        accounting_updated_up_to=row["accounting_updated_up_to"],
        client_group_id=str(row["client_group_id"]) if row["client_group_id"] else None,
        client_group_name=row["client_group_name"], settings=effective(row["settings"], office, row["language"]),
        overrides=row["settings"], mailboxes=mailboxes, created_at=row["created_at"], users=users,
        assignments=assignments, admins=admins,
    )


async def load(conn: asyncpg.Connection, dossier_id: str, office: dict[str, Any], *, full: bool = True,
               for_update: bool = False) -> DossierView | None:
    """The dossier of this office with effective settings (and users and assignments when ``full``), or None."""
    did = as_uuid(dossier_id)
    if did is None:
        return None
    lock = " FOR UPDATE OF d" if for_update else ""
    row = await conn.fetchrow(f"{_ROW} WHERE d.id = $1 AND d.office_id = $2{lock}", did, uuid.UUID(office["id"]))
    if row is None:
        return None
    mailboxes = {r["mailbox"]: r["address"] for r in
                 await conn.fetch("SELECT mailbox, address FROM dossier_mailboxes WHERE dossier_id = $1", did)}
    if not full:
        return _view(row, office, mailboxes)
    return _view(row, office, mailboxes, tuple(await client_users(conn, str(did))),
                 tuple(await assignments(conn, str(did))), tuple(await admins(conn, str(row["office_id"]))))


async def admins(conn: asyncpg.Connection, office_id: str) -> list[str]:
    """The office's active ADMIN collaborators: they reach every dossier, so every snapshot names them (issue 15)."""
    rows = await conn.fetch("SELECT id FROM users WHERE office_id = $1 AND kind = 'collaborator' AND role = 'ADMIN' "
                            "AND active ORDER BY id", uuid.UUID(office_id))
    return [str(r["id"]) for r in rows]


async def office_of(conn: asyncpg.Connection, dossier_id: str) -> str | None:
    """The office owning a dossier, or None when there is no such dossier."""
    did = as_uuid(dossier_id)
    office_id = await conn.fetchval("SELECT office_id FROM dossiers WHERE id = $1", did) if did else None
    return str(office_id) if office_id else None


async def list_views(conn: asyncpg.Connection, office: dict[str, Any]) -> list[DossierView]:
    """Every dossier of the office (without users and assignments), by name."""
    rows = await conn.fetch(f"{_ROW} WHERE d.office_id = $1 ORDER BY lower(d.name), d.id", uuid.UUID(office["id"]))
    boxes: dict[str, dict[str, str]] = {}
    for r in await conn.fetch("SELECT m.* FROM dossier_mailboxes m JOIN dossiers d ON d.id = m.dossier_id "
                              "WHERE d.office_id = $1", uuid.UUID(office["id"])):
        boxes.setdefault(str(r["dossier_id"]), {})[r["mailbox"]] = r["address"]
    return [_view(r, office, boxes.get(str(r["id"]), {})) for r in rows]


async def ids_of_office(conn: asyncpg.Connection, office_id: str) -> list[str]:
    """The ids of every dossier of the office."""
    return [str(r["id"]) for r in await conn.fetch("SELECT id FROM dossiers WHERE office_id = $1", uuid.UUID(office_id))]


async def create(conn: asyncpg.Connection, *, office_id: str, values: dict[str, Any]) -> str:
    """Insert a draft dossier; asyncpg.UniqueViolationError when the code is taken."""
    dossier_id = uuid.uuid4()
    await conn.execute(
        """INSERT INTO dossiers (id, office_id, name, code, vat_number, language, client_group_id, settings)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""",
        dossier_id, uuid.UUID(office_id), values["name"], values.get("code"), values.get("vat_number"),
        values["language"], as_uuid(values["client_group_id"]) if values.get("client_group_id") else None,
        values.get("settings") or {})
    return str(dossier_id)


async def update(conn: asyncpg.Connection, dossier_id: str, **values: Any) -> None:
    """Change columns of a dossier."""
    allowed = {"name", "code", "vat_number", "language", "status", "accounting", "accounting_updated_up_to",
               "client_group_id", "settings"}
    assert values and set(values) <= allowed, values
    sets = ", ".join(f"{key} = ${i}" for i, key in enumerate(values, start=2))
    await conn.execute(f"UPDATE dossiers SET {sets} WHERE id = $1", uuid.UUID(dossier_id), *values.values())


async def set_mailbox(conn: asyncpg.Connection, dossier_id: str, mailbox: str, address: str) -> None:
    """Give a mailbox of the dossier its (new) inbound address."""
    await conn.execute(
        """INSERT INTO dossier_mailboxes (dossier_id, mailbox, address) VALUES ($1, $2, $3)
           ON CONFLICT (dossier_id, mailbox) DO UPDATE SET address = excluded.address""",
        uuid.UUID(dossier_id), mailbox, address)


# --- assignments -------------------------------------------------------------------------------

async def assignments(conn: asyncpg.Connection, dossier_id: str) -> list[dict[str, Any]]:
    """Active collaborators reaching the dossier, directly or through its client group."""
    rows = await conn.fetch(_ASSIGNMENTS + " ORDER BY via DESC, name", uuid.UUID(dossier_id))
    return [{**dict(r), "collaborator_id": str(r["collaborator_id"])} for r in rows]


async def replace_assignments(conn: asyncpg.Connection, dossier_id: str, items: list[tuple[str, bool]]) -> None:
    """Make these (collaborator id, worklists only) the dossier's direct assignments."""
    did = uuid.UUID(dossier_id)
    await conn.execute("DELETE FROM assignments WHERE dossier_id = $1", did)
    await conn.executemany("INSERT INTO assignments (dossier_id, collaborator_id, worklists_only) VALUES ($1, $2, $3)",
                           [(did, uuid.UUID(c), w) for c, w in items])


async def reach(conn: asyncpg.Connection, user_id: str) -> tuple[list[str], list[str], list[str]]:
    """(assigned dossiers, dossiers of the collaborator's client groups, assigned "worklists only") of a collaborator."""
    uid = uuid.UUID(user_id)
    assigned = await conn.fetch("SELECT dossier_id, worklists_only FROM assignments WHERE collaborator_id = $1", uid)
    grouped = await conn.fetch(
        """SELECT d.id FROM dossiers d WHERE d.client_group_id IN (
               SELECT group_id FROM client_group_collaborators WHERE user_id = $1
               UNION SELECT cg.group_id FROM client_group_collaborator_groups cg
                       JOIN collaborator_group_members m ON m.group_id = cg.collaborator_group_id
                      WHERE m.user_id = $1)""", uid)
    return ([str(r["dossier_id"]) for r in assigned], [str(r["id"]) for r in grouped],
            [str(r["dossier_id"]) for r in assigned if r["worklists_only"]])


async def dossiers_reached_by(conn: asyncpg.Connection, user_id: str) -> list[str]:
    """Every dossier a collaborator appears on (directly or via groups): their snapshots name them."""
    assigned, grouped, _ = await reach(conn, user_id)
    return sorted(set(assigned) | set(grouped))


# --- client users ------------------------------------------------------------------------------

async def client_users(conn: asyncpg.Connection, dossier_id: str) -> list[dict[str, Any]]:
    """The client users of a dossier with their profile (DOS-4)."""
    rows = await conn.fetch(
        """SELECT u.id AS user_id, u.email, u.name, u.language, du.profile, (du.active AND u.active) AS active
             FROM dossier_users du JOIN users u ON u.id = du.user_id
            WHERE du.dossier_id = $1 ORDER BY lower(u.name), u.email""", uuid.UUID(dossier_id))
    return [{**dict(r), "user_id": str(r["user_id"])} for r in rows]


async def client_user(conn: asyncpg.Connection, dossier_id: str, user_id: str) -> dict[str, Any] | None:
    """One client user of the dossier, or None."""
    uid = as_uuid(user_id)
    return next((u for u in await client_users(conn, dossier_id) if uid and u["user_id"] == str(uid)), None)


async def set_client_user(conn: asyncpg.Connection, dossier_id: str, user_id: str, *, profile: str | None = None,
                          active: bool | None = None) -> None:
    """Add a client user to the dossier (``profile`` needed) or change their profile / active flag there."""
    did, uid = uuid.UUID(dossier_id), uuid.UUID(user_id)
    if profile is None:
        await conn.execute("UPDATE dossier_users SET active = coalesce($3, active) WHERE dossier_id = $1 AND user_id = $2",
                           did, uid, active)
        return
    await conn.execute(
        """INSERT INTO dossier_users (dossier_id, user_id, profile, active) VALUES ($1, $2, $3, coalesce($4, true))
           ON CONFLICT (dossier_id, user_id) DO UPDATE
              SET profile = $3, active = coalesce($4, dossier_users.active)""",
        did, uid, profile, active)


async def profiles(conn: asyncpg.Connection, user_id: str) -> dict[str, str]:
    """The active profiles of a client user by dossier (archived dossiers excluded)."""
    rows = await conn.fetch(
        """SELECT du.dossier_id, du.profile FROM dossier_users du JOIN dossiers d ON d.id = du.dossier_id
            WHERE du.user_id = $1 AND du.active AND d.status <> 'archived'""", uuid.UUID(user_id))
    return {str(r["dossier_id"]): r["profile"] for r in rows}


async def dossiers_of_client(conn: asyncpg.Connection, user_id: str) -> list[str]:
    """Every dossier a client user is on, active or not."""
    rows = await conn.fetch("SELECT dossier_id FROM dossier_users WHERE user_id = $1", uuid.UUID(user_id))
    return [str(r["dossier_id"]) for r in rows]
