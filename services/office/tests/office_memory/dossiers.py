"""The dossiers repository in memory (domain.ports.Dossiers) and the client groups it joins."""
from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timezone
from typing import Any

from office.adapters.dossiers import as_uuid
from office.domain.dossier import (
    CHANGEABLE, AssignedCollaborator, DossierUser, DossierView, NewDossier, Reach, code_taken,
)
from office.domain.office import Office
from office.domain.principals import Account
from office.domain.settings import effective


@dataclass
class _Row:
    id: str
    office_id: str
    name: str
    code: str | None
    vat_number: str | None
    language: str
    client_group_id: str | None
    settings: dict[str, Any]
    status: str = "draft"
    accounting: dict[str, Any] | None = None
    accounting_updated_up_to: date | None = None
    created_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))


@dataclass
class GroupRow:
    """A group of an office: a client group with its collaborators and collaborator groups (its dossiers name it),
    or a collaborator group with its members (in ``collaborators``)."""

    office_id: str
    name: str
    collaborators: set[str] = field(default_factory=set)
    collaborator_groups: set[str] = field(default_factory=set)


class MemoryDossiers:
    """Implements domain.ports.Dossiers in dictionaries; the accounts it joins are put in by ``add_account`` (the
    accounts repository is still partly on Postgres only), the groups by MemoryGroups or ``add_client_group``."""

    def __init__(self) -> None:
        self.rows: dict[str, _Row] = {}
        self.mailboxes: dict[str, dict[str, str]] = {}
        self.accounts: dict[str, Account] = {}
        self.created: dict[str, datetime] = {}  # when each account was made
        self.groups: dict[str, GroupRow] = {}  # client groups
        self.collaborator_groups: dict[str, GroupRow] = {}
        self.assigned: dict[str, dict[str, bool]] = {}  # dossier -> collaborator -> worklists only
        self.users: dict[str, dict[str, tuple[str, bool]]] = {}  # dossier -> user -> (profile, active)

    def add_account(self, account: Account) -> Account:
        self.accounts[account.id] = account
        self.created.setdefault(account.id, datetime.now(timezone.utc))
        return account

    def add_client_group(self, office_id: str, name: str, collaborators: Iterable[str] = ()) -> str:
        group_id = str(uuid.uuid4())
        self.groups[group_id] = GroupRow(office_id, name, set(collaborators))
        return group_id

    def collaborators_of(self, group: GroupRow) -> set[str]:
        """The collaborators a client group gives its dossiers: its own and the members of its collaborator groups."""
        return group.collaborators.union(*(self.collaborator_groups[g].collaborators for g in group.collaborator_groups
                                           if g in self.collaborator_groups))

    def _view(self, row: _Row, office: Office) -> DossierView:
        group = self.groups.get(row.client_group_id) if row.client_group_id else None
        return DossierView(
            id=row.id, office_id=row.office_id, name=row.name, code=row.code, vat_number=row.vat_number,
            language=row.language, status=row.status, accounting=copy.deepcopy(row.accounting),
            accounting_updated_up_to=row.accounting_updated_up_to, client_group_id=row.client_group_id,
            client_group_name=group.name if group else None,
            settings=effective(copy.deepcopy(row.settings), office, row.language),
            overrides=copy.deepcopy(row.settings), mailboxes=dict(self.mailboxes.get(row.id, {})),
            created_at=row.created_at)

    async def load(self, dossier_id: str, office: Office, *, full: bool = True,
                   for_update: bool = False) -> DossierView | None:
        did = as_uuid(dossier_id)
        row = self.rows.get(str(did)) if did else None
        if row is None or row.office_id != office.id:
            return None
        view = self._view(row, office)
        if not full:
            return view
        return replace(view, users=tuple(await self.client_users(row.id)),
                       assignments=tuple(await self.assignments(row.id)),
                       admins=tuple(await self.admins(row.office_id)))

    async def admins(self, office_id: str) -> list[str]:
        return sorted((a.id for a in self.accounts.values() if a.office_id == office_id
                       and a.kind == "collaborator" and a.role == "ADMIN" and a.active), key=uuid.UUID)

    async def office_of(self, dossier_id: str) -> str | None:
        did = as_uuid(dossier_id)
        row = self.rows.get(str(did)) if did else None
        return row.office_id if row else None

    async def list_views(self, office: Office) -> list[DossierView]:
        rows = sorted((r for r in self.rows.values() if r.office_id == office.id),
                      key=lambda r: (r.name.lower(), uuid.UUID(r.id)))
        return [self._view(r, office) for r in rows]

    async def ids_of_office(self, office_id: str) -> list[str]:
        return [r.id for r in self.rows.values() if r.office_id == office_id]

    def _check_code(self, office_id: str, code: str | None, dossier_id: str | None = None) -> None:
        if code is not None and any(r.office_id == office_id and r.code is not None and r.id != dossier_id
                                    and r.code.lower() == code.lower() for r in self.rows.values()):
            raise code_taken()

    async def create(self, office_id: str, new: NewDossier) -> str:
        self._check_code(office_id, new.code)
        dossier_id = str(uuid.uuid4())
        self.rows[dossier_id] = _Row(dossier_id, office_id, new.name, new.code, new.vat_number, new.language,
                                     new.client_group_id, copy.deepcopy(new.settings or {}))
        return dossier_id

    async def update(self, dossier_id: str, **changes: Any) -> None:
        assert changes and set(changes) <= CHANGEABLE, changes
        row = self.rows[dossier_id]
        if "code" in changes:
            self._check_code(row.office_id, changes["code"], dossier_id)
        for key, value in changes.items():
            setattr(row, key, str(value) if key == "client_group_id" and value else copy.deepcopy(value))

    async def set_mailbox(self, dossier_id: str, mailbox: str, address: str) -> None:
        self.mailboxes.setdefault(dossier_id, {})[mailbox] = address

    async def has_client_group(self, office_id: str, group_id: str) -> bool:
        gid = as_uuid(group_id)
        group = self.groups.get(str(gid)) if gid else None
        return group is not None and group.office_id == office_id

    async def assignments(self, dossier_id: str) -> list[AssignedCollaborator]:
        def person(account: Account, worklists_only: bool, via: str) -> AssignedCollaborator:
            return AssignedCollaborator(account.id, account.email, account.name, account.role or "",
                                        account.language, worklists_only, via)
        direct = self.assigned.get(dossier_id, {})
        found = [person(self.accounts[c], w, "direct") for c, w in direct.items() if self.accounts[c].active]
        group = self.groups.get(self.rows[dossier_id].client_group_id or "")
        for cid in sorted(self.collaborators_of(group)) if group else ():
            account = self.accounts[cid]
            if account.active and account.role == "COLLABORATOR" and cid not in direct:
                found.append(person(account, False, "client_group"))
        return sorted(found, key=lambda a: (a.via != "direct", a.name))

    async def replace_assignments(self, dossier_id: str, items: Iterable[tuple[str, bool]]) -> None:
        self.assigned[dossier_id] = dict(items)

    async def reach(self, user_id: str) -> Reach:
        assigned = [(d, by[user_id]) for d, by in self.assigned.items() if user_id in by]
        groups = {g for g, group in self.groups.items() if user_id in self.collaborators_of(group)}
        grouped = [r.id for r in self.rows.values() if r.client_group_id in groups]
        return Reach([d for d, _ in assigned], grouped, [d for d, only in assigned if only])

    async def dossiers_reached_by(self, user_id: str) -> list[str]:
        reach = await self.reach(user_id)
        return sorted(set(reach.assigned) | set(reach.grouped))

    async def client_users(self, dossier_id: str) -> list[DossierUser]:
        found = [DossierUser(uid, a.email, a.name, a.language, profile, active and a.active)
                 for uid, (profile, active) in self.users.get(dossier_id, {}).items()
                 for a in (self.accounts[uid],)]
        return sorted(found, key=lambda u: (u.name.lower(), u.email))

    async def client_user(self, dossier_id: str, user_id: str) -> DossierUser | None:
        uid = as_uuid(user_id)
        return next((u for u in await self.client_users(dossier_id) if uid and u.user_id == str(uid)), None)

    async def set_client_user(self, dossier_id: str, user_id: str, *, profile: str | None = None,
                              active: bool | None = None) -> None:
        on = self.users.setdefault(dossier_id, {})
        if profile is None:
            if user_id in on and active is not None:
                on[user_id] = (on[user_id][0], active)
            return
        was = on.get(user_id)
        on[user_id] = (profile, active if active is not None else (was[1] if was else True))

    async def profiles(self, user_id: str) -> dict[str, str]:
        return {d: by[user_id][0] for d, by in self.users.items()
                if user_id in by and by[user_id][1] and self.rows[d].status != "archived"}

    async def dossiers_of_client(self, user_id: str) -> list[str]:
        return [d for d, by in self.users.items() if user_id in by]
