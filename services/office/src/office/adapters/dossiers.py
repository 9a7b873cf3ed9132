"""Postgres repository of dossiers (domain.ports.Dossiers): rows, inbound mailboxes, assignments, client users and
reach, as typed records."""
from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

import asyncpg

from office.domain.dossier import (
    CHANGEABLE, AssignedCollaborator, DossierUser, DossierView, NewDossier, Reach, code_taken,
)
from office.domain.office import Office
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


def _view(row: asyncpg.Record, office: Office, mailboxes: dict[str, str], users: tuple[DossierUser, ...] = (),
          assignments: tuple[AssignedCollaborator, ...] = (), admins: tuple[str, ...] = ()) -> DossierView:
    return DossierView(
        id=str(row["id"]), office_id=str(row["office_id"]), name=row["name"], code=row["code"],
        vat_number=row["vat_number"], language=row["language"], status=row["status"], accounting=row["accounting"],
        accounting_updated_up_to=row["accounting_updated_up_to"],
        client_group_id=str(row["client_group_id"]) if row["client_group_id"] else None,
        client_group_name=row["client_group_name"], settings=effective(row["settings"], office, row["language"]),
        overrides=row["settings"], mailboxes=mailboxes, created_at=row["created_at"], users=users,
        assignments=assignments, admins=admins,
    )


class PgDossiers:
    """Implements domain.ports.Dossiers on one connection (in the caller's transaction)."""

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn

    async def load(self, dossier_id: str, office: Office, *, full: bool = True,
                   for_update: bool = False) -> DossierView | None:
        did = as_uuid(dossier_id)
        if did is None:
            return None
        lock = " FOR UPDATE OF d" if for_update else ""
        row = await self.conn.fetchrow(f"{_ROW} WHERE d.id = $1 AND d.office_id = $2{lock}", did,
                                       uuid.UUID(office.id))
        if row is None:
            return None
        mailboxes = {r["mailbox"]: r["address"] for r in
                     await self.conn.fetch("SELECT mailbox, address FROM dossier_mailboxes WHERE dossier_id = $1", did)}
        if not full:
            return _view(row, office, mailboxes)
        return _view(row, office, mailboxes, tuple(await self.client_users(str(did))),
                     tuple(await self.assignments(str(did))), tuple(await self.admins(str(row["office_id"]))))

    async def admins(self, office_id: str) -> list[str]:
        rows = await self.conn.fetch("SELECT id FROM users WHERE office_id = $1 AND kind = 'collaborator' "
                                     "AND role = 'ADMIN' AND active ORDER BY id", uuid.UUID(office_id))
        return [str(r["id"]) for r in rows]

    async def office_of(self, dossier_id: str) -> str | None:
        did = as_uuid(dossier_id)
        office_id = await self.conn.fetchval("SELECT office_id FROM dossiers WHERE id = $1", did) if did else None
        return str(office_id) if office_id else None

    async def list_views(self, office: Office) -> list[DossierView]:
        oid = uuid.UUID(office.id)
        rows = await self.conn.fetch(f"{_ROW} WHERE d.office_id = $1 ORDER BY lower(d.name), d.id", oid)
        boxes: dict[str, dict[str, str]] = {}
        for r in await self.conn.fetch("SELECT m.* FROM dossier_mailboxes m JOIN dossiers d ON d.id = m.dossier_id "
                                       "WHERE d.office_id = $1", oid):
            boxes.setdefault(str(r["dossier_id"]), {})[r["mailbox"]] = r["address"]
        return [_view(r, office, boxes.get(str(r["id"]), {})) for r in rows]

    async def ids_of_office(self, office_id: str) -> list[str]:
        rows = await self.conn.fetch("SELECT id FROM dossiers WHERE office_id = $1", uuid.UUID(office_id))
        return [str(r["id"]) for r in rows]

    async def create(self, office_id: str, new: NewDossier) -> str:
        dossier_id = uuid.uuid4()
        group = as_uuid(new.client_group_id) if new.client_group_id else None
        try:
            async with self.conn.transaction():  # a savepoint: a taken code leaves the caller's transaction usable
                await self.conn.execute(
                    """INSERT INTO dossiers (id, office_id, name, code, vat_number, language, client_group_id, settings)
                       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""",
                    dossier_id, uuid.UUID(office_id), new.name, new.code, new.vat_number, new.language, group,
                    new.settings or {})
        except asyncpg.UniqueViolationError:
            raise code_taken() from None
        return str(dossier_id)

    async def update(self, dossier_id: str, **changes: Any) -> None:
        assert changes and set(changes) <= CHANGEABLE, changes
        if changes.get("client_group_id") is not None:
            changes["client_group_id"] = as_uuid(changes["client_group_id"])
        sets = ", ".join(f"{key} = ${i}" for i, key in enumerate(changes, start=2))
        try:
            async with self.conn.transaction():
                await self.conn.execute(f"UPDATE dossiers SET {sets} WHERE id = $1", uuid.UUID(dossier_id),
                                        *changes.values())
        except asyncpg.UniqueViolationError:
            raise code_taken() from None

    async def set_mailbox(self, dossier_id: str, mailbox: str, address: str) -> None:
        await self.conn.execute(
            """INSERT INTO dossier_mailboxes (dossier_id, mailbox, address) VALUES ($1, $2, $3)
               ON CONFLICT (dossier_id, mailbox) DO UPDATE SET address = excluded.address""",
            uuid.UUID(dossier_id), mailbox, address)

    async def has_client_group(self, office_id: str, group_id: str) -> bool:
        gid = as_uuid(group_id)
        return gid is not None and await self.conn.fetchval(
            "SELECT EXISTS (SELECT 1 FROM client_groups WHERE id = $1 AND office_id = $2)", gid, uuid.UUID(office_id))

    # --- assignments ---------------------------------------------------------------------------

    async def assignments(self, dossier_id: str) -> list[AssignedCollaborator]:
        rows = await self.conn.fetch(_ASSIGNMENTS + " ORDER BY via DESC, name", uuid.UUID(dossier_id))
        return [AssignedCollaborator(**{**dict(r), "collaborator_id": str(r["collaborator_id"])}) for r in rows]

    async def replace_assignments(self, dossier_id: str, items: Iterable[tuple[str, bool]]) -> None:
        did = uuid.UUID(dossier_id)
        await self.conn.execute("DELETE FROM assignments WHERE dossier_id = $1", did)
        await self.conn.executemany(
            "INSERT INTO assignments (dossier_id, collaborator_id, worklists_only) VALUES ($1, $2, $3)",
            [(did, uuid.UUID(c), w) for c, w in items])

    async def reach(self, user_id: str) -> Reach:
        uid = uuid.UUID(user_id)
        assigned = await self.conn.fetch(
            "SELECT dossier_id, worklists_only FROM assignments WHERE collaborator_id = $1", uid)
        grouped = await self.conn.fetch(
            """SELECT d.id FROM dossiers d WHERE d.client_group_id IN (
                   SELECT group_id FROM client_group_collaborators WHERE user_id = $1
                   UNION SELECT cg.group_id FROM client_group_collaborator_groups cg
                           JOIN collaborator_group_members m ON m.group_id = cg.collaborator_group_id
                          WHERE m.user_id = $1)""", uid)
        return Reach([str(r["dossier_id"]) for r in assigned], [str(r["id"]) for r in grouped],
                     [str(r["dossier_id"]) for r in assigned if r["worklists_only"]])

    async def dossiers_reached_by(self, user_id: str) -> list[str]:
        reach = await self.reach(user_id)
        return sorted(set(reach.assigned) | set(reach.grouped))

    # --- client users --------------------------------------------------------------------------

    async def client_users(self, dossier_id: str) -> list[DossierUser]:
        rows = await self.conn.fetch(
            """SELECT u.id AS user_id, u.email, u.name, u.language, du.profile, (du.active AND u.active) AS active
                 FROM dossier_users du JOIN users u ON u.id = du.user_id
                WHERE du.dossier_id = $1 ORDER BY lower(u.name), u.email""", uuid.UUID(dossier_id))
        return [DossierUser(**{**dict(r), "user_id": str(r["user_id"])}) for r in rows]

    async def client_user(self, dossier_id: str, user_id: str) -> DossierUser | None:
        uid = as_uuid(user_id)
        return next((u for u in await self.client_users(dossier_id) if uid and u.user_id == str(uid)), None)

    async def set_client_user(self, dossier_id: str, user_id: str, *, profile: str | None = None,
                              active: bool | None = None) -> None:
        did, uid = uuid.UUID(dossier_id), uuid.UUID(user_id)
        if profile is None:
            await self.conn.execute(
                "UPDATE dossier_users SET active = coalesce($3, active) WHERE dossier_id = $1 AND user_id = $2",
                did, uid, active)
            return
        await self.conn.execute(
            """INSERT INTO dossier_users (dossier_id, user_id, profile, active) VALUES ($1, $2, $3, coalesce($4, true))
               ON CONFLICT (dossier_id, user_id) DO UPDATE
                  SET profile = $3, active = coalesce($4, dossier_users.active)""",
            did, uid, profile, active)

    async def profiles(self, user_id: str) -> dict[str, str]:
        rows = await self.conn.fetch(
            """SELECT du.dossier_id, du.profile FROM dossier_users du JOIN dossiers d ON d.id = du.dossier_id
                WHERE du.user_id = $1 AND du.active AND d.status <> 'archived'""", uuid.UUID(user_id))
        return {str(r["dossier_id"]): r["profile"] for r in rows}

    async def dossiers_of_client(self, user_id: str) -> list[str]:
        rows = await self.conn.fetch("SELECT dossier_id FROM dossier_users WHERE user_id = $1", uuid.UUID(user_id))
        return [str(r["dossier_id"]) for r in rows]
