"""State of the fake office: an office, users, dossiers and tokens in memory, with the demo-like seed the tests use."""
from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

from runtime.auth import Principal
from runtime.auth.principal import ClientProfile, PrincipalKind, Role

PASSWORD = "correct-horse-battery"
DEFAULT_SETTINGS: dict[str, Any] = {
    "portal_scope": "documents_feedback", "validation_mode": "collaborator", "direct_booking": False,
    "vat_exempt": False, "default_counterparty": None, "keywords": [], "payment_module": False,
    "payment_preparation": False, "nightly_sync": True, "financial_tab": True, "hide_financial_data": False,
    "key_figures_closed_periods_only": False, "sales_number_check": True, "journals": [], "rubrics_reviewed": False,
    "auto_transmission": {"purchases": {"enabled": False, "sender_whitelist": []},
                          "sales": {"enabled": False, "sender_whitelist": []}},
    "default_payment_date": "due_date", "dashboard_accounts": [], "language": None, "vat_code_exceptions": [],
    "office_schema": [], "extra_accounts": [], "app_centre_links": [], "permanent_dossier_types": [],
}


def new_id() -> str:
    return str(uuid.uuid4())


@dataclass
class FakeUser:
    id: str
    email: str
    name: str
    language: str = "en"
    role: str | None = None  # collaborators only
    profiles: dict[str, str] = field(default_factory=dict)  # client users: dossier id -> profile
    active: bool = True
    password: str = PASSWORD
    assigned: set[str] = field(default_factory=set)
    worklists_only: set[str] = field(default_factory=set)  # assigned dossiers where they see worklists only

    @property
    def kind(self) -> str:
        return "collaborator" if self.role else "client"


@dataclass
class FakeOffice:
    """Everything the fake office knows; tests read and change it directly."""

    office: dict[str, Any] = field(default_factory=dict)
    users: dict[str, FakeUser] = field(default_factory=dict)
    dossiers: dict[str, dict[str, Any]] = field(default_factory=dict)
    overrides: dict[str, dict[str, Any]] = field(default_factory=dict)
    collaborator_groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    client_groups: dict[str, dict[str, Any]] = field(default_factory=dict)
    access_tokens: dict[str, str] = field(default_factory=dict)  # token -> user id
    refresh_tokens: dict[str, str] = field(default_factory=dict)  # live refresh token -> user id
    refresh_chains: dict[str, str] = field(default_factory=dict)  # every refresh token issued -> its login's chain
    access_ttl_s: int = 900
    calls: list[tuple[str, str]] = field(default_factory=list)
    mails: list[dict[str, Any]] = field(default_factory=list)
    reset_tokens: dict[str, str] = field(default_factory=dict)  # link token -> user id
    activity: dict[str, dict[str, Any]] = field(default_factory=dict)  # dossier id -> monitor values (ACT-1)
    api_keys: dict[str, dict[str, Any]] = field(default_factory=dict)  # key id -> ApiKey (+ dossier_id)
    mailboxes: dict[str, dict[str, str]] = field(default_factory=dict)  # rotated inbound addresses
    news: dict[str, dict[str, Any]] = field(default_factory=dict)  # item id -> NewsItem (PLT-3)
    help_marks: dict[str, dict[str, str]] = field(default_factory=dict)  # user id -> news seen, quick-start

    def user_by_email(self, email: str) -> FakeUser | None:
        return next((u for u in self.users.values() if u.email.lower() == email.lower()), None)

    def issue(self, user: FakeUser, chain: str | None = None) -> dict[str, Any]:
        """A token pair; a refresh continues the chain of the login it came from."""
        access, refresh = secrets.token_urlsafe(16), secrets.token_urlsafe(16)
        self.access_tokens[access], self.refresh_tokens[refresh] = user.id, user.id
        self.refresh_chains[refresh] = chain or refresh
        return {"access_token": access, "refresh_token": refresh, "expires_in": self.access_ttl_s, "token_type": "Bearer"}

    def revoke_chain(self, refresh: str) -> None:
        """Logout, or reuse of a used refresh token: every refresh token of that login dies (API.md)."""
        chain = self.refresh_chains.get(refresh)
        for token in [t for t, c in self.refresh_chains.items() if c == chain]:
            self.refresh_tokens.pop(token, None)

    def group_dossiers(self, user: FakeUser) -> set[str]:
        """Dossiers a COLLABORATOR reaches through client groups, directly or through a collaborator group."""
        if user.role != "COLLABORATOR":
            return set()
        teams = {g["id"] for g in self.collaborator_groups.values() if user.id in g.get("members", ())}
        return {d for g in self.client_groups.values()
                if user.id in g.get("collaborators", ()) or teams & set(g.get("collaborator_groups", ()))
                for d in g.get("dossiers", ())}

    def principal(self, user: FakeUser) -> Principal:
        if user.role:
            return Principal(user.id, PrincipalKind.COLLABORATOR, self.office["id"], role=Role(user.role),
                             assigned_dossiers=frozenset(user.assigned), group_dossiers=frozenset(self.group_dossiers(user)),
                             worklists_only=frozenset(user.worklists_only if user.role != "ADMIN" else ()))
        return Principal(user.id, PrincipalKind.CLIENT, self.office["id"],
                         profiles={d: ClientProfile(p) for d, p in user.profiles.items()})

    def effective(self, dossier_id: str) -> dict[str, Any]:
        """Built-in defaults ← the office's dossier_defaults ← the dossier's overrides (null inherits)."""
        own = {k: v for k, v in self.overrides.get(dossier_id, {}).items() if v is not None}
        merged = {**DEFAULT_SETTINGS, **(self.office.get("dossier_defaults") or {}), **own}
        if not merged.get("permanent_dossier_types"):  # WL-12: the office's types unless the dossier has its own
            merged["permanent_dossier_types"] = [t["code"] for t in self.office.get("permanent_dossier_types") or ()]
        return merged

    def summary(self, dossier_id: str, user: FakeUser | None = None) -> dict[str, Any]:
        d, eff = self.dossiers[dossier_id], self.effective(dossier_id)
        access = None if user is None or not user.role else (
            "all" if user.role == "ADMIN" else "assigned" if dossier_id in user.assigned else "client_group")
        return {**{k: d.get(k) for k in ("id", "name", "code", "vat_number", "status", "accounting_updated_up_to",
                                         "client_group_id")},
                "validation_mode": eff["validation_mode"], "portal_scope": eff["portal_scope"],
                "profile": user.profiles.get(dossier_id) if user and not user.role else None, "access": access,
                "worklists_only": bool(user and user.role not in (None, "ADMIN") and dossier_id in user.worklists_only),
                **{k: eff[k] for k in ("payment_module", "financial_tab", "hide_financial_data")}}

    def visible(self, user: FakeUser) -> list[str]:
        if user.role == "ADMIN":
            return list(self.dossiers)
        if user.role:
            return [d for d in self.dossiers if d in user.assigned or d in self.group_dossiers(user)]
        return [d for d in self.dossiers if d in user.profiles]

    def add_user(self, email: str, name: str, *, role: str | None = None, language: str = "en",
                 profiles: dict[str, str] | None = None, assigned: set[str] | None = None) -> FakeUser:
        user = FakeUser(new_id(), email, name, language, role, dict(profiles or {}), assigned=set(assigned or ()))
        self.users[user.id] = user
        return user

    def add_dossier(self, name: str, *, status: str = "active", **settings: Any) -> str:
        dossier_id = new_id()
        self.dossiers[dossier_id] = {"id": dossier_id, "name": name, "code": name[:3].upper(), "vat_number": None,
                                     "status": status, "accounting_updated_up_to": None, "client_group_id": None,
                                     "accounting": None, "language": "nl", "created_at": "2026-01-01T00:00:00Z"}
        self.overrides[dossier_id] = dict(settings)
        return dossier_id


def seeded() -> FakeOffice:
    """A demo-like office: three dossiers, a collaborator per role, a client user per profile on one dossier."""
    fake = FakeOffice(office={
        "id": new_id(), "slug": "demo", "name": "Demo Office", "portal_name": "Demo Accountants Portal",
        "default_language": "nl", "key_figures_closed_periods_only": False, "dossier_activation": "admins_and_collaborators",
        "payment_module": False, "dossier_defaults": {}, "permanent_dossier_types": [], "journal_templates": [
            {"alias": alias, "description": text, "type": kind, "number_format": "{year}/{seq:05}",
             "credit_notes_only": False, "active": True}
            for alias, text, kind in (("ACH", "Purchases", "purchases"), ("VEN", "Sales", "sales"))],
        "office_schema": [], "vat_codes": [], "instruction_videos": [], "app_centre_links": []})
    bakery = fake.add_dossier("Bakery Janssens")
    garage = fake.add_dossier("Garage Dubois", validation_mode="hybrid")
    fake.add_dossier("Brewery Draft", status="draft")
    fake.add_user("admin@demo.test", "Ada Admin", role="ADMIN")
    fake.add_user("collab@demo.test", "Colin Collaborator", role="COLLABORATOR", assigned={bakery})
    fake.add_user("support@demo.test", "Sam Support", role="SUPPORT", assigned={garage})
    for profile in ClientProfile:
        fake.add_user(f"{profile.value.lower()}@client.test", profile.value.title(), profiles={bakery: profile.value})
    return fake
