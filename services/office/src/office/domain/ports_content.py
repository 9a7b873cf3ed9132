"""What the office's use cases store besides dossiers and accounts: groups, news and help marks, the dossiers'
activity. Protocols over typed records (domain.ports gathers them in the UnitOfWork); implemented on Postgres
(adapters/) and in memory (tests/office_memory/), one contract suite for both (tests/office_store_contract.py)."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from office.domain.activity import DossierActivity
from office.domain.groups import ClientGroup, CollaboratorGroup
from office.domain.news import HelpMarks, NewsItem


class Groups(Protocol):
    """The collaborator groups and client groups of every office (OFF-3, DOS-5). ``kind`` is one of
    domain.groups.COLLABORATOR_GROUPS and CLIENT_GROUPS; a name is unique per office and kind (Conflict name_taken)."""

    async def collaborator_groups(self, office_id: str, group_id: str | None = None) -> list[CollaboratorGroup]:
        """The office's collaborator groups by lower-case name (only that one when ``group_id`` is given: none for
        another office's or an id that is not a UUID)."""

    async def client_groups(self, office_id: str, group_id: str | None = None) -> list[ClientGroup]:
        """The office's client groups by lower-case name, as ``collaborator_groups``."""

    async def create(self, kind: str, office_id: str, name: str) -> str:
        """A new group without members; its id."""

    async def rename(self, kind: str, group_id: str, name: str) -> None:
        """Rename a group."""

    async def delete(self, kind: str, group_id: str) -> None:
        """Delete a group: its memberships go with it, its dossiers leave it."""

    async def set_members(self, group_id: str, user_ids: list[str]) -> None:
        """Make these collaborators the members of a collaborator group."""

    async def set_client_group(self, group_id: str, *, dossiers: list[str] | None, collaborators: list[str] | None,
                               collaborator_groups: list[str] | None) -> None:
        """Replace the lists of a client group that are given (None leaves a list as it is)."""

    async def dossiers_of_client_groups(self, group_ids: list[str]) -> list[str]:
        """The dossiers in these client groups, sorted."""

    async def client_groups_of_collaborator_group(self, group_id: str) -> list[str]:
        """The client groups a collaborator group is attached to, sorted."""

    async def known(self, office_id: str, what: str, ids: list[str]) -> set[str]:
        """Which of these ids (UUIDs) are the office's ``what`` (domain.groups.KNOWN: collaborators, active or not,
        dossiers, collaborator groups, client groups)."""


class News(Protocol):
    """The news items of every office and each user's help marks (PLT-3). Reads are scoped to one office."""

    async def create(self, office_id: str, user_id: str | None, audience: str, texts: dict[str, dict[str, str]],
                     link: str | None, now: datetime) -> NewsItem:
        """Publish an item at ``now`` (published and updated then)."""

    async def get(self, office_id: str, item_id: str, *, for_update: bool = False) -> NewsItem | None:
        """The office's item, or None (another office's, or an id that is not a UUID)."""

    async def update(self, item_id: str, audience: str, texts: dict[str, dict[str, str]], link: str | None,
                     now: datetime) -> NewsItem:
        """Replace an item's audience, texts and link; its publication time stays."""

    async def withdraw(self, item_id: str, now: datetime) -> NewsItem:
        """Withdraw an item from ``now`` on."""

    async def listing(self, office_id: str, *, audiences: tuple[str, ...] | None, limit: int = 100) -> list[NewsItem]:
        """The office's items, newest first: the current ones for these audiences, or all (withdrawn too) for None."""

    async def marks(self, user_id: str) -> HelpMarks:
        """The user's help marks (both None when never set)."""

    async def mark(self, user_id: str, mark: str, now: datetime) -> None:
        """Set one help mark (domain.news.MARKS) of the user to ``now``."""


class Activity(Protocol):
    """The monitor's office-known counters of every dossier (ACT-1), fed by the other services' events; a dossier
    office does not know is left alone."""

    async def document_received(self, dossier_id: str, at: datetime) -> None:
        """Count a document and keep the latest arrival."""

    async def add_sent(self, dossier_id: str, delta: int) -> None:
        """Move the sent-to-accounting counter (never below zero)."""

    async def reset_sent(self, dossier_id: str) -> None:
        """Reset the sent-to-accounting counter (SYN-4)."""

    async def synced(self, dossier_id: str, *, status: str, error: str | None, at: datetime,
                     reason: str | None) -> None:
        """Record the outcome of a sync run, unless a later run is already recorded."""

    async def of_office(self, office_id: str) -> dict[str, DossierActivity]:
        """The activity of the office's dossiers that have any, by dossier id."""
