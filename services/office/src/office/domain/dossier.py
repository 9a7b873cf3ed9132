"""A dossier as the office sees it, its wire snapshot (DossierChanged) and its new-dossier checklist (DOS-5)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

from contracts.events.dossiers import (
    AccountingLink, Assignment, ClientUser, DossierSnapshot, InboundMailbox,
)

from office.domain.errors import Conflict
from office.domain.settings import wire_settings


# effective settings the permission matrix reads (DossierRef.from_settings), so clients of /me can apply it too
MATRIX_FACTS = ("payment_module", "financial_tab", "hide_financial_data")


@dataclass(frozen=True)
class DossierUser:
    """A client user of a dossier with their profile there (DOS-4); ``active`` on the dossier and as an account."""

    user_id: str
    email: str
    name: str
    language: str
    profile: str
    active: bool


@dataclass(frozen=True)
class AssignedCollaborator:
    """An active collaborator reaching a dossier, ``via`` a direct assignment or the dossier's client group."""

    collaborator_id: str
    email: str
    name: str
    role: str
    language: str
    worklists_only: bool
    via: str  # "direct" | "client_group"

    def as_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Reach:
    """The dossiers a collaborator reaches: assigned, through their client groups, and assigned "worklists only"."""

    assigned: list[str]
    grouped: list[str]
    worklists_only: list[str]


@dataclass(frozen=True)
class NewDossier:
    """A draft dossier as created (DOS-1 step 1): checked values and the dossier's own settings overrides."""

    name: str
    code: str | None
    vat_number: str | None
    language: str
    client_group_id: str | None = None
    settings: dict[str, Any] = field(default_factory=dict)


# the columns a dossier's update may change
CHANGEABLE = frozenset({"name", "code", "vat_number", "language", "status", "accounting", "accounting_updated_up_to",
                        "client_group_id", "settings"})


def code_taken() -> Conflict:
    """The answer when another dossier of the office has the code (any case)."""
    return Conflict("another dossier of your office has this code", field="code", reason="code_taken")


@dataclass(frozen=True)
class DossierView:
    """Everything about one dossier: its row, effective settings, client users and assignments."""

    id: str
    office_id: str
    name: str
    code: str | None
    vat_number: str | None
    language: str
    status: str
    accounting: dict[str, Any] | None
    accounting_updated_up_to: date | None
    client_group_id: str | None
    client_group_name: str | None
    settings: dict[str, Any]  # effective
    overrides: dict[str, Any]
    mailboxes: dict[str, str]
    created_at: datetime | None = None
    users: tuple[DossierUser, ...] = field(default=())
    assignments: tuple[AssignedCollaborator, ...] = field(default=())
    admins: tuple[str, ...] = field(default=())  # the office's active ADMIN collaborators (ids)


def snapshot(view: DossierView) -> DossierSnapshot:
    """The full dossier as DossierChanged carries it (profiles and roles in the contract's lower case)."""
    return DossierSnapshot(
        name=view.name, code=view.code, vat_number=view.vat_number, active=view.status == "active",
        status=view.status, accounting_updated_up_to=view.accounting_updated_up_to,
        client_group=view.client_group_name, settings=wire_settings(view.settings),
        users=tuple(
            ClientUser(user_id=u.user_id, email=u.email, name=u.name, language=u.language,
                       profile=u.profile.lower(), active=u.active)
            for u in view.users
        ),
        assignments=tuple(
            Assignment(collaborator_id=a.collaborator_id, email=a.email, name=a.name, role=a.role.lower(),
                       language=a.language, worklists_only=a.worklists_only, via=a.via)
            for a in view.assignments
        ),
        accounting=AccountingLink(**view.accounting) if view.accounting else None,
        mailboxes=tuple(InboundMailbox(mailbox=m, address=a) for m, a in sorted(view.mailboxes.items())),
        admins=tuple(view.admins),
    )


def _item(code: str, ok: bool, message: str, field_name: str, severity: str = "red") -> dict[str, Any]:
    return {"code": code, "ok": ok, "severity": "ok" if ok else severity, "message": message, "field": field_name}


def checklist(view: DossierView) -> dict[str, Any]:
    """DOS-5: what to review before the dossier runs; red flags block, info items are advice."""
    journals = view.settings.get("journals") or []
    active_journals = [j for j in journals if j.get("active", True)]
    types = {j["type"] for j in active_journals}
    items = [
        _item("activated", view.status == "active", "activate the dossier on the accounting software", "accounting"),
        _item("journals_present", {"purchases", "sales"} <= types,
              "the dossier needs an active purchases and an active sales journal", "settings.journals"),
        _item("journals_reviewed", bool(journals) and all(j.get("reviewed") for j in journals),
              "review the journals created from the office templates (number format, next number)",
              "settings.journals"),
        _item("rubrics_reviewed", bool(view.settings.get("rubrics_reviewed")),
              "review the rubric schema and extra accounts for annotation", "settings.rubrics_reviewed"),
        _item("collaborator_assigned", bool(view.assignments), "assign a collaborator to the dossier", "assignments"),
        _item("client_user", any(u.active for u in view.users), "invite at least one client user", "users"),
        _item("vat_number", bool(view.vat_number), "enter the dossier's VAT number", "vat_number", "info"),
        _item("default_counterparty", bool(view.settings.get("default_counterparty")),
              "choose a default counterparty for unrecognised documents (ENR-1)", "settings.default_counterparty",
              "info"),
        _item("updated_up_to", view.accounting_updated_up_to is not None,
              "set 'accounting updated up to'", "accounting_updated_up_to", "info"),
    ]
    return {"ok": all(i["ok"] for i in items if i["severity"] != "info"), "items": items}


def journals_from_templates(templates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The dossier's journals at activation: one per active office template, to be reviewed (OFF-3, DOS-5)."""
    return [
        {"alias": t["alias"], "type": t["type"], "description": t.get("description"),
         "number_format": t["number_format"], "next_number": 1, "credit_notes_only": t.get("credit_notes_only", False),
         "active": True, "reviewed": False}
        for t in templates if t.get("active", True)
    ]


def summary(view: DossierView, profile: str | None, access: str | None, worklists_only: bool = False) -> dict[str, Any]:
    """The short form of a dossier in lists (GET /dossiers, GET /me); ``worklists_only``: the caller's assignment
    limits them here to worklists, proposals and conversations (OFF-2), so the portal hides the rest."""
    return {
        "id": view.id, "name": view.name, "code": view.code, "vat_number": view.vat_number, "status": view.status,
        "validation_mode": view.settings["validation_mode"], "portal_scope": view.settings["portal_scope"],
        "accounting_updated_up_to": view.accounting_updated_up_to.isoformat() if view.accounting_updated_up_to else None,
        "client_group_id": view.client_group_id, "profile": profile, "access": access,
        "worklists_only": worklists_only, **{key: view.settings.get(key) for key in MATRIX_FACTS},
    }


def detail(view: DossierView, profile: str | None, access: str | None, worklists_only: bool = False
           ) -> dict[str, Any]:
    """The full form of a dossier (GET /dossiers/{id})."""
    return {
        **summary(view, profile, access, worklists_only), "language": view.language, "accounting": view.accounting,
        "mailboxes": view.mailboxes, "settings": view.settings, "journals": view.settings.get("journals") or [],
        "client_group_name": view.client_group_name,
        "created_at": view.created_at.isoformat() if view.created_at else None,
    }
