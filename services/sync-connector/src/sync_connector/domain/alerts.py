"""ACT-3: a sync that needs support alerts the support team by itself, once per incident.

An incident opens when a dossier's sync status becomes ``needs_support`` from anything else; the retries that
follow (Tryton still down, the same refusal again) are the same incident and alert nobody; once the status is
``ok`` (or the collaborator's) again, the next ``needs_support`` is a new incident. Who is alerted: the office's
people the permission matrix grants ``support.alerts.receive`` (runtime.auth.matrix) among those the dossier's
snapshot names with an address (its assigned collaborators)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from runtime.auth.matrix import MATRIX
from runtime.auth.principal import Role

from sync_connector.domain.status import StatusVerdict

ACTION = "support.alerts.receive"
TEMPLATE = "sync.needs_support"  # notify's standard template (templates/sync.needs_support/<language>.txt)


def opens_incident(before: str | None, after: StatusVerdict) -> bool:
    """Whether going from status ``before`` (None: no status known) to ``after`` opens a support incident."""
    return after.status == "needs_support" and before != "needs_support"


@dataclass(frozen=True)
class Addressee:
    """One person the alert is mailed to, in their language."""

    email: str
    name: str
    language: str


def recipients(assignments: Iterable[Mapping[str, Any]]) -> list[Addressee]:
    """The collaborators (replica rows: email, name, role, language) whose role may receive support alerts, once
    per address, in address order."""
    row = MATRIX[ACTION]
    found: dict[str, Addressee] = {}
    for person in assignments:
        try:
            role = Role(str(person.get("role", "")).upper())
        except ValueError:
            continue
        email = person.get("email") or ""
        if email and row.conditions_for(role) is not None:
            found.setdefault(email.lower(), Addressee(email, person.get("name") or "", person.get("language") or "nl"))
    return sorted(found.values(), key=lambda a: a.email.lower())
