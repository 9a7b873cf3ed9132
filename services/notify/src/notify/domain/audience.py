"""Who receives a notification (COM-5): one recipient, every active full-access user of the dossier, or — for a
notification that asks its reader to act — every active user the permission matrix lets do that action; an alert
for the office that names nobody (ACT-3) goes to the office's administrators."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from uuid import UUID

from runtime.auth.matrix import MATRIX
from runtime.auth.principal import ClientProfile

from notify.domain.errors import NoRecipients, UnknownRecipient

FULL_ACCESS_PROFILES = frozenset({"administrator", "full_access"})  # DOS-4
ACTING_TEMPLATES = {"payment.approved": "payment.execute"}
"""Templates that ask the reader to do something (issue 17: an approved payment waits to be executed, PAY-3): sent
with audience ``dossier_full_access``, they go to the dossier's users the matrix allows that action instead."""
OFFICE_ALERTS = frozenset({"sync.needs_support"})
"""Alerts that must reach the office (ACT-3: a sync needing support). The producer addresses them to the people of
the dossier allowed to receive them; when it found nobody, a request naming nobody (no user id, no e-mail) goes to
the office's administrators (ADMIN role, who reach every dossier), so the alert never goes nowhere."""


@dataclass(frozen=True)
class DossierUser:
    """A client user of a dossier as replicated from dossier.changed."""

    user_id: UUID
    email: str
    name: str
    language: str
    profile: str
    active: bool = True


@dataclass(frozen=True)
class Person:
    """One addressee of one mail: where, under which name and in which language."""

    email: str
    name: str | None
    language: str
    user_id: UUID | None = None


def full_access(users: Iterable[DossierUser]) -> list[Person]:
    """Every active administrator or full-access user, each in their own language; NoRecipients if none."""
    people = {u.email.lower(): Person(u.email, u.name, u.language, u.user_id)
              for u in users if u.active and u.profile in FULL_ACCESS_PROFILES and u.email}
    if not people:
        raise NoRecipients("the dossier has no active full-access user to notify")
    return sorted(people.values(), key=lambda p: p.email.lower())


def allowed_to(action: str, users: Iterable[DossierUser]) -> list[Person]:
    """Every active user whose profile the permission matrix (runtime.auth.matrix) grants `action` on the dossier,
    each in their own language; NoRecipients if none. The dossier conditions of the cell (the payment module) are
    the producer's to have checked: the event that asks for the action happened on this dossier."""
    row = MATRIX[action]
    people = {u.email.lower(): Person(u.email, u.name, u.language, u.user_id)
              for u in users if u.active and u.email and row.conditions_for(_profile(u.profile)) is not None}
    if not people:
        raise NoRecipients(f"the dossier has no active user allowed to {row.description}")
    return sorted(people.values(), key=lambda p: p.email.lower())


def office_admins(admins: Iterable[Person]) -> list[Person]:
    """The office's administrators with an address, once each, each in their own language; NoRecipients if none."""
    people: dict[str, Person] = {}
    for person in admins:
        if person.email:
            people.setdefault(person.email.lower(), person)  # the first of one address
    if not people:
        raise NoRecipients("the office has no administrator whose address notify knows")
    return sorted(people.values(), key=lambda p: p.email.lower())


def _profile(value: str) -> ClientProfile | None:
    try:
        return ClientProfile(value.upper())
    except ValueError:
        return None


def recipient(user_id: UUID | None, email: str | None, name: str | None, language: str,
              users: Iterable[DossierUser] | None) -> Person:
    """The one recipient: its e-mail as given, else its address found by user id among the dossier's users."""
    if email:
        return Person(email, name, language, user_id)
    if user_id is None:
        raise UnknownRecipient("the recipient has neither a user id nor an e-mail address")
    for user in users or ():
        if user.user_id == user_id:
            if not user.active:
                raise UnknownRecipient(f"user {user_id} is not active on the dossier")
            return Person(user.email, name or user.name, language, user_id)
    raise UnknownRecipient(f"user {user_id} is not a user of the dossier")


@dataclass(frozen=True)
class Dossier:
    """What notify keeps of a dossier (dossier.changed): its office, name and client users; ``admins``, the office's
    administrators with their address, only where a request needs them (OFFICE_ALERTS)."""

    dossier_id: UUID
    office_id: UUID
    name: str
    users: tuple[DossierUser, ...] = ()
    admins: tuple[Person, ...] = ()
