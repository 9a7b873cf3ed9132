"""What the office's use cases store and read through: repositories with typed records and the unit of work that
holds them. Each is a Protocol implemented on Postgres (adapters/) and in memory (tests/office_memory/, for unit
tests); one contract suite runs against both (tests/office_repository_contract.py, tests/office_store_contract.py).
Groups, news and activity are declared in ports_content.py, credentials and signing keys in ports_credentials.py."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from types import TracebackType
from typing import Any, Protocol

from contracts.envelope import Event

from office.domain.api_key import ApiKey
from office.domain.dossier import AssignedCollaborator, DossierUser, DossierView, NewDossier, Reach
from office.domain.office import Office
from office.domain.principals import Account, Collaborator
from office.domain.ports_content import Activity, Groups, News
from office.domain.ports_credentials import Credentials, SigningKeys

__all__ = ["Accounts", "Activity", "ApiKeys", "Credentials", "Dossiers", "Groups", "News", "Office", "Offices",
           "SigningKeys", "UnitOfWork"]

class Dossiers(Protocol):
    """The dossiers of every office, their inbound mailboxes, collaborator assignments and client users.

    Ids are strings; an id that is not a UUID is an unknown dossier. Reads of a dossier are scoped to one office
    (another office's dossier is not there). Every method runs in the unit of work's transaction.
    """

    async def load(self, dossier_id: str, office: Office, *, full: bool = True,
                   for_update: bool = False) -> DossierView | None:
        """The office's dossier with effective settings (with users, assignments and admins when ``full``), or None;
        locked until the transaction ends when ``for_update``."""

    async def office_of(self, dossier_id: str) -> str | None:
        """The office owning a dossier, or None when there is no such dossier."""

    async def list_views(self, office: Office) -> list[DossierView]:
        """Every dossier of the office (without users and assignments), by lower-case name then id."""

    async def ids_of_office(self, office_id: str) -> list[str]:
        """The ids of every dossier of the office."""

    async def create(self, office_id: str, new: NewDossier) -> str:
        """Store a draft dossier and return its id; Conflict (code_taken) when the office has the code in any case."""

    async def update(self, dossier_id: str, **changes: Any) -> None:
        """Change columns of a dossier (domain.dossier.CHANGEABLE); Conflict (code_taken) as for ``create``."""

    async def set_mailbox(self, dossier_id: str, mailbox: str, address: str) -> None:
        """Give a mailbox of the dossier its (new) inbound address."""

    async def has_client_group(self, office_id: str, group_id: str) -> bool:
        """Whether the id is one of the office's client groups."""

    async def admins(self, office_id: str) -> list[str]:
        """The office's active ADMIN collaborators, by id: every snapshot names them (issue 15)."""

    async def assignments(self, dossier_id: str) -> list[AssignedCollaborator]:
        """Active collaborators reaching the dossier: direct assignments first, then through its client group (a
        COLLABORATOR of the group not directly assigned); each by name."""

    async def replace_assignments(self, dossier_id: str, items: Iterable[tuple[str, bool]]) -> None:
        """Make these (collaborator id, worklists only) the dossier's direct assignments."""

    async def reach(self, user_id: str) -> Reach:
        """What a collaborator reaches: assigned dossiers, dossiers of their client groups, "worklists only" ones."""

    async def dossiers_reached_by(self, user_id: str) -> list[str]:
        """Every dossier a collaborator appears on (directly or via groups), sorted: their snapshots name them."""

    async def client_users(self, dossier_id: str) -> list[DossierUser]:
        """The client users of a dossier with their profile, by lower-case name then e-mail (DOS-4)."""

    async def client_user(self, dossier_id: str, user_id: str) -> DossierUser | None:
        """One client user of the dossier, or None (also for an id that is not a UUID)."""

    async def set_client_user(self, dossier_id: str, user_id: str, *, profile: str | None = None,
                              active: bool | None = None) -> None:
        """Add a client user to the dossier (``profile`` needed) or change their profile / active flag there."""

    async def profiles(self, user_id: str) -> dict[str, str]:
        """The active profiles of a client user by dossier (archived dossiers left out)."""

    async def dossiers_of_client(self, user_id: str) -> list[str]:
        """Every dossier a client user is on, active or not."""


class Offices(Protocol):
    """The offices with their settings (defaults filled in), as Office records."""

    async def get(self, office_id: str, *, for_update: bool = False) -> Office | None:
        """The office, or None (also for an id that is not a UUID)."""

    async def by_slug(self, slug: str) -> Office | None:
        """The office known by this slug, or None."""

    async def create(self, *, slug: str, name: str, portal_name: str, language: str) -> str:
        """A new office with the default settings; its id."""

    async def save(self, office: Office) -> None:
        """Store the office's name, portal name, default language and settings."""

    async def pending_republish(self) -> list[str]:
        """The offices a migration marked for publishing every dossier again, sorted."""

    async def republished(self, office_id: str) -> None:
        """Clear the office's mark (in the transaction of its outbox rows)."""


class Accounts(Protocol):
    """The user accounts (collaborators and client users) of every office, as Account records; an e-mail address
    is one account's in every office (Conflict email_taken). Only the hash of a password is kept."""

    async def by_email(self, email: str) -> tuple[Account, str | None] | None:
        """The account with this (lower-case) e-mail and its password hash (None: never set), or None."""

    async def create(self, *, office_id: str, kind: str, email: str, name: str, language: str,
                     role: str | None = None, password_hash: str | None = None) -> Account:
        """A new active account; Conflict (email_taken) when any account has the e-mail in any case."""

    async def get(self, user_id: str, office_id: str | None = None, *, for_update: bool = False) -> Account | None:
        """The account with this id (in this office when given), or None (also for an id that is not a UUID)."""

    async def update(self, user_id: str, **values: Any) -> Account:
        """Change the account's name, language, role, active flag or password hash; the account as it is then."""

    async def active_collaborators(self, office_id: str, ids: list[str]) -> set[str]:
        """Which of these ids (UUIDs) are active collaborators of the office."""

    async def revoke_user_tokens(self, user_id: str, now: datetime) -> None:
        """Log the user out everywhere: every refresh token not yet revoked is revoked at ``now``."""

    async def collaborators(self, office_id: str) -> list[Collaborator]:
        """The office's collaborators, active or not, by lower-case name then e-mail."""

    async def collaborator(self, user_id: str) -> Collaborator:
        """One collaborator (the account must be one: read it with ``get`` first)."""

    async def active_admins(self, office_id: str) -> int:
        """How many active ADMIN collaborators the office has."""


class ApiKeys(Protocol):
    """The integration API keys of every dossier (ING-4): only the SHA-256 of a key is kept."""

    async def create(self, *, office_id: str, dossier_id: str, mailbox: str, name: str, prefix: str,
                     key_hash: bytes, created_by: str | None) -> ApiKey:
        """Store a new key's hash; the key as stored (``created_at`` set)."""

    async def of_dossier(self, dossier_id: str) -> list[ApiKey]:
        """The dossier's keys, revoked or not, newest first (then by id)."""

    async def by_hash(self, key_hash: bytes) -> ApiKey | None:
        """The key with this hash, revoked or not."""

    async def get(self, key_id: str) -> ApiKey | None:
        """The key with this id (None also for an id that is not a UUID)."""

    async def revoke(self, key_id: str, now: datetime) -> None:
        """Revoke a key from ``now`` on; a key revoked before keeps its first time."""


class UnitOfWork(Protocol):
    """One transaction over the repositories: ``async with uow:`` commits what the block changed together with the
    outbox rows of the dossier changes it recorded, or nothing when it raises."""

    offices: Offices
    dossiers: Dossiers
    accounts: Accounts
    credentials: Credentials
    api_keys: ApiKeys
    groups: Groups
    news: News
    activity: Activity
    signing_keys: SigningKeys

    async def __aenter__(self) -> UnitOfWork: ...

    async def __aexit__(self, kind: type[BaseException] | None, error: BaseException | None,
                        trace: TracebackType | None) -> None: ...

    def dossier_changed(self, office: Office, dossier_ids: Iterable[str], change: str, actor: str | None) -> None:
        """Record that these dossiers changed: on commit, one DossierChanged each with its snapshot as it is then."""

    def publish(self, event: Event) -> None:
        """Write this event to the outbox on commit (after the DossierChanged ones), or not at all."""
