"""The groups repository in memory (domain.ports.Groups), on the group rows the memory dossiers join."""
from __future__ import annotations

import uuid

from office.adapters.dossiers import as_uuid
from office.domain.groups import CLIENT_GROUPS, KNOWN, ClientGroup, CollaboratorGroup, name_taken

from .dossiers import GroupRow, MemoryDossiers


class MemoryGroups:
    """Implements domain.ports.Groups on the dictionaries of the memory dossiers (shared, not copied: a unit of
    work's rollback restores them together)."""

    def __init__(self, dossiers: MemoryDossiers) -> None:
        self.rows, self.accounts = dossiers.rows, dossiers.accounts
        self.kinds = {CLIENT_GROUPS: dossiers.groups, "collaborator_groups": dossiers.collaborator_groups}

    def _of(self, kind: str, office_id: str, group_id: str | None) -> list[tuple[str, GroupRow]]:
        gid = str(as_uuid(group_id)) if group_id else None
        found = [(i, g) for i, g in self.kinds[kind].items() if g.office_id == office_id and gid in (None, i)]
        return sorted(found, key=lambda f: f[1].name.lower())

    async def collaborator_groups(self, office_id: str, group_id: str | None = None) -> list[CollaboratorGroup]:
        return [CollaboratorGroup(i, g.name, tuple(sorted(g.collaborators, key=uuid.UUID)))
                for i, g in self._of("collaborator_groups", office_id, group_id)]

    async def client_groups(self, office_id: str, group_id: str | None = None) -> list[ClientGroup]:
        def ids(values: object) -> tuple[str, ...]:
            return tuple(sorted(values, key=uuid.UUID))  # type: ignore[call-overload]
        return [ClientGroup(i, g.name, ids(r.id for r in self.rows.values() if r.client_group_id == i),
                            ids(g.collaborators), ids(g.collaborator_groups))
                for i, g in self._of(CLIENT_GROUPS, office_id, group_id)]

    def _check_name(self, kind: str, office_id: str, name: str, group_id: str | None = None) -> None:
        if any(g.office_id == office_id and g.name == name and i != group_id for i, g in self.kinds[kind].items()):
            raise name_taken()

    async def create(self, kind: str, office_id: str, name: str) -> str:
        self._check_name(kind, office_id, name)
        group_id = str(uuid.uuid4())
        self.kinds[kind][group_id] = GroupRow(office_id, name)
        return group_id

    async def rename(self, kind: str, group_id: str, name: str) -> None:
        group = self.kinds[kind][group_id]
        self._check_name(kind, group.office_id, name, group_id)
        group.name = name

    async def delete(self, kind: str, group_id: str) -> None:
        del self.kinds[kind][group_id]
        for row in self.rows.values():
            row.client_group_id = None if row.client_group_id == group_id else row.client_group_id
        for group in self.kinds[CLIENT_GROUPS].values():
            group.collaborator_groups.discard(group_id)

    async def set_members(self, group_id: str, user_ids: list[str]) -> None:
        self.kinds["collaborator_groups"][group_id].collaborators = set(user_ids)

    async def set_client_group(self, group_id: str, *, dossiers: list[str] | None, collaborators: list[str] | None,
                               collaborator_groups: list[str] | None) -> None:
        group = self.kinds[CLIENT_GROUPS][group_id]
        if dossiers is not None:
            for row in self.rows.values():
                row.client_group_id = group_id if row.id in dossiers else (
                    None if row.client_group_id == group_id else row.client_group_id)
        if collaborators is not None:
            group.collaborators = set(collaborators)
        if collaborator_groups is not None:
            group.collaborator_groups = set(collaborator_groups)

    async def dossiers_of_client_groups(self, group_ids: list[str]) -> list[str]:
        return sorted(r.id for r in self.rows.values() if r.client_group_id in group_ids)

    async def client_groups_of_collaborator_group(self, group_id: str) -> list[str]:
        return sorted(i for i, g in self.kinds[CLIENT_GROUPS].items() if group_id in g.collaborator_groups)

    async def known(self, office_id: str, what: str, ids: list[str]) -> set[str]:
        assert what in KNOWN, what
        if what == "collaborators":
            mine = {a.id for a in self.accounts.values() if a.office_id == office_id and a.kind == "collaborator"}
        elif what == "dossiers":
            mine = {r.id for r in self.rows.values() if r.office_id == office_id}
        else:
            mine = {i for i, g in self.kinds[what].items() if g.office_id == office_id}
        return mine & set(ids)
