"""A seeded world for worklist tests: two offices, dossiers in the replica, master data, a token per grantee.

Office A: dossier OWN (the COLLABORATOR and SUPPORT assigned, every client profile on it, validation mode as
the test asks), OTHER (same office, nobody assigned); office B: dossier FOREIGN. Tokens are signed by a test
issuer the app's verifier trusts. Proposals are put in as proposal.created would.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

from contracts.events.documents import DocumentReceived
from contracts.events.dossiers import DossierChanged
from contracts.events.ledger import LedgerSynced, MasterData
from contracts.events.proposals import ProposalCreated
from runtime.auth.principal import ApiKeyScope, ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, generate_signing_key

from worklist.handlers.events import on_document_received, on_dossier_changed, on_ledger_synced, on_proposal_created

WHO = ("ADMIN", "COLLABORATOR", "SUPPORT", "WORKLISTS_ONLY", "ADMINISTRATOR", "FULL_ACCESS",
       "DOCUMENT_PROCESSING", "DOCUMENT_PROCESSING_ARCHIVE", "FULL_FEEDBACK", "DOCUMENT_DELIVERY", "API_KEY",
       "FOREIGN_ADMIN", "NOBODY")
CLIENT_USER = "11111111-1111-4111-8111-111111111111"


@dataclass
class World:
    """Offices, dossiers and a token per grantee."""

    issuer: TokenIssuer
    office: str = field(default_factory=lambda: str(uuid.uuid4()))
    foreign_office: str = field(default_factory=lambda: str(uuid.uuid4()))
    own: str = field(default_factory=lambda: str(uuid.uuid4()))
    other: str = field(default_factory=lambda: str(uuid.uuid4()))
    foreign: str = field(default_factory=lambda: str(uuid.uuid4()))
    tokens: dict[str, str] = field(default_factory=dict)
    principals: dict[str, Principal] = field(default_factory=dict)

    def headers(self, who: str) -> dict[str, str]:
        return {"authorization": f"Bearer {self.tokens[who]}"} if who in self.tokens else {}

    def office_of(self, dossier: str) -> str:
        return self.foreign_office if dossier == self.foreign else self.office


def principals(w: World) -> dict[str, Principal]:
    """Every grantee of the matrix acting on the OWN dossier, plus a foreign ADMIN and an API key."""
    people: dict[str, Principal] = {}
    for role in Role:
        assigned = frozenset() if role is Role.ADMIN else frozenset({w.own})
        people[role.value] = Principal(f"{uuid.uuid4()}", PrincipalKind.COLLABORATOR, w.office, role=role,
                                       assigned_dossiers=assigned)
    for profile in ClientProfile:
        people[profile.value] = Principal(f"{uuid.uuid4()}", PrincipalKind.CLIENT, w.office, profiles={w.own: profile})
    # OFF-2 (issue 13 item 5): a COLLABORATOR assigned to OWN "worklists only"
    people["WORKLISTS_ONLY"] = Principal(f"{uuid.uuid4()}", PrincipalKind.COLLABORATOR, w.office,
                                         role=Role.COLLABORATOR, assigned_dossiers=frozenset({w.own}),
                                         worklists_only=frozenset({w.own}))
    people["API_KEY"] = Principal("key-1", PrincipalKind.API_KEY, w.office, api_key_scope=ApiKeyScope(w.own, "purchases"))
    people["FOREIGN_ADMIN"] = Principal(f"{uuid.uuid4()}", PrincipalKind.COLLABORATOR, w.foreign_office, role=Role.ADMIN)
    return people


def dossier_changed(office: str, dossier: str, **settings: Any) -> DossierChanged:
    """A dossier.changed snapshot with one client user, journals ACH/VEN and the given settings."""
    settings.setdefault("journals", [{"alias": "ACH", "type": "purchases", "number_format": "{seq}"},
                                     {"alias": "VEN", "type": "sales", "number_format": "{seq}"}])
    settings.setdefault("permanent_dossier_types", ["statutes", "contracts"])
    return DossierChanged.model_validate({
        "correlation_id": "world", "office_id": office, "dossier_id": dossier, "change": "created",
        "dossier": {"name": f"Dossier {dossier[:6]}", "settings": settings,
                    "users": [{"user_id": CLIENT_USER, "email": "boss@client.test", "name": "Boss", "language": "fr",
                               "profile": "full_access"}]},
    })


def master_data(office: str, dossier: str) -> LedgerSynced:
    """A resync carrying the chart, periods (2025-01 closed), VAT codes and two counterparties."""
    return LedgerSynced.model_validate({
        "correlation_id": "world", "office_id": office, "dossier_id": dossier, "accounting_software": "tryton",
        "sync": {"run_id": str(uuid.uuid4()), "reason": "manual", "started_at": "2025-03-14T09:30:00Z",
                 "finished_at": "2025-03-14T09:30:00Z"},
        "master_data": {
            "accounts": [{"code": c, "name": n} for c, n in (("604000", "Goods"), ("611000", "Services"),
                                                             ("700000", "Sales"), ("499000", "Suspense"))],
            "journals": [{"code": "ACH", "type": "purchases", "name": "Purchases"},
                         {"code": "VEN", "type": "sales", "name": "Sales"}],
            "periods": [{"code": "2025-01", "start_date": "2025-01-01", "end_date": "2025-01-31", "state": "closed"},
                        {"code": "2025-03", "start_date": "2025-03-01", "end_date": "2025-03-31"},
                        {"code": "2025-04", "start_date": "2025-04-01", "end_date": "2025-04-30"}],
            "vat_codes": [{"code": "21", "direction": "purchase", "rate": "21"},
                          {"code": "6", "direction": "purchase", "rate": "6"}],
            "counterparties": [{"reference": "P-0007", "name": "Brasserie Dupont SRL", "vat_number": "BE0123456749"},
                               {"reference": "P-0008", "name": "Garage Martin", "ibans": ["BE62510007547061"]}],
        }})


def proposal_created(office: str, dossier: str, *, number: int = 1, **update: Any) -> ProposalCreated:
    """A complete purchase proposal (one 604000 line, 121.00), changed by `update`."""
    data: dict[str, Any] = {
        "correlation_id": "world", "office_id": office, "dossier_id": dossier,
        "proposal_id": str(uuid.uuid4()), "document_id": str(uuid.uuid4()), "origin": "air",
        "journal": {"code": "ACH", "type": "purchases", "name": "Purchases"},
        "period": {"code": "2025-03", "start_date": "2025-03-01", "end_date": "2025-03-31"},
        "invoice_number": f"F-{number:05}", "invoice_date": (date(2025, 3, 1) + timedelta(days=number % 28)).isoformat(),
        "counterparty": {"status": "known", "reference": "P-0007", "name": "Brasserie Dupont SRL"},
        "lines": [{"line_no": 1, "account": "604000", "vat_code": "21", "vat_rate": "21",
                   "net_amount": "100.00", "vat_amount": "21.00"}],
        "totals": {"net": "100.00", "vat": "21.00", "gross": "121.00"},
        "status": "complete", "mailbox": "purchases", "page_count": 1,
        "occurred_at": (datetime(2025, 3, 14, tzinfo=timezone.utc) + timedelta(minutes=number)).isoformat(),
    }
    data.update(update)
    return ProposalCreated.model_validate(data)


def document_received(office: str, dossier: str, document_id: str, mailbox: str = "purchases") -> DocumentReceived:
    return DocumentReceived.model_validate({
        "correlation_id": "world", "office_id": office, "dossier_id": dossier, "document_id": document_id,
        "source": "portal", "mailbox": mailbox, "filename": "invoice.pdf", "content_type": "application/pdf",
        "size_bytes": 1000, "sha256": "0" * 64, "storage_key": f"documents/{document_id}.pdf", "page_count": 1})


async def apply(pool: Any, handler: Any, event: Any) -> None:
    """Apply an event as the consumer would (in a transaction)."""
    async with pool.acquire() as conn, conn.transaction():
        await handler(conn, event)


async def seed(pool: Any, w: World, **own_settings: Any) -> None:
    """The three dossiers and the master data of OWN and OTHER in the replica, and the tokens."""
    await apply(pool, on_dossier_changed, dossier_changed(w.office, w.own, **own_settings))
    await apply(pool, on_dossier_changed, dossier_changed(w.office, w.other))
    await apply(pool, on_dossier_changed, dossier_changed(w.foreign_office, w.foreign))
    for dossier in (w.own, w.other):
        await apply(pool, on_ledger_synced, master_data(w.office, dossier))
    w.principals = principals(w)
    for key, principal in w.principals.items():
        w.tokens[key] = w.issuer.issue(principal, extra_claims={"email": f"{key.lower()}@x.test", "name": key.title()})


async def add_proposal(pool: Any, w: World, dossier: str | None = None, *, with_document: bool = True,
                       **update: Any) -> ProposalCreated:
    """Put a proposal (and its document) in, as proposal.created and document.received would."""
    dossier = dossier or w.own
    event = proposal_created(w.office_of(dossier), dossier, **update)
    if with_document:
        await apply(pool, on_document_received,
                    document_received(w.office_of(dossier), dossier, str(event.document_id), event.mailbox or "purchases"))
    await apply(pool, on_proposal_created, event)
    return event


def new_issuer() -> TokenIssuer:
    return TokenIssuer(generate_signing_key(), "test-kid", "bookingfactory-office")
