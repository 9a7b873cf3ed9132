"""Builders of the events payments consumes, principals and tokens for its HTTP API."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from contracts.events.common import Actor, JournalRef, PeriodRef
from contracts.events.dossiers import ClientUser, DossierChanged, DossierSettings, DossierSnapshot
from contracts.events.proposals import Counterparty, ProposalCreated, ProposalValidated, Totals
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer

OFFICE = uuid.UUID("22222222-2222-2222-2222-222222222222")
OTHER_OFFICE = uuid.UUID("33333333-3333-3333-3333-333333333333")
PROXIMUS_IBAN = "BE71096123456769"  # checks with python-stdnum (bank code 096: Belfius, GKCCBEBB)
DEBTOR_IBAN = "NL91ABNA0417164300"


def client_user(profile: str = "full_access", active: bool = True) -> ClientUser:
    uid = uuid.uuid4()
    return ClientUser(user_id=uid, email=f"{uid.hex[:6]}@client.be", name="User", language="nl",
                      profile=profile, active=active)


def dossier_changed(dossier: uuid.UUID, *users: ClientUser, payment_module: bool = True,
                    preparation: bool = False, default_date: str | None = "due_date",
                    office: uuid.UUID = OFFICE) -> DossierChanged:
    settings = DossierSettings(payment_module=payment_module, payment_preparation=preparation,
                               default_payment_date=default_date)
    return DossierChanged(correlation_id="test", office_id=office, dossier_id=dossier, change="settings",
                          dossier=DossierSnapshot(name="Bakkerij Janssens BV", settings=settings, users=users))


def proposal_created(dossier: uuid.UUID, document: uuid.UUID, *, gross: str = "1210.00",
                     reference: str | None = "+++010/8068/17183+++", due: date | None = date(2030, 1, 15),
                     journal_type: str = "purchases", office: uuid.UUID = OFFICE) -> ProposalCreated:
    return ProposalCreated(
        correlation_id="test", office_id=office, dossier_id=dossier, proposal_id=uuid.uuid4(), document_id=document,
        origin="ubl", journal=JournalRef(code="ACH", type=journal_type),
        period=PeriodRef(code="2026-11", start_date=date(2026, 11, 1), end_date=date(2026, 11, 30)),
        invoice_number="F2026-0042", invoice_date=date(2026, 11, 20), due_date=due,
        counterparty=Counterparty(status="known", reference="PROX", name="Proximus NV", iban=PROXIMUS_IBAN),
        totals=Totals(net=Decimal(gross) / Decimal("1.21"), vat=Decimal("0"), gross=Decimal(gross)),
        payment_reference=reference, status="complete")


def proposal_validated(created: ProposalCreated, **changes) -> ProposalValidated:
    """The proposal as reviewed and sent from the worklist (its values possibly corrected: ``changes``)."""
    shared = set(ProposalValidated.model_fields) - {"event_id", "occurred_at", "schema_version", "status"}
    content = {k: v for k, v in dict(created).items() if k in shared}
    return ProposalValidated(**{**content, **changes}, status="validated", validation_mode="collaborator",
                             validated_by=Actor(kind="collaborator", user_id=uuid.uuid4(), name="Reviewer"))


def client(user: ClientUser, dossier: uuid.UUID, profile: ClientProfile | None = None,
           office: uuid.UUID = OFFICE) -> Principal:
    return Principal(str(user.user_id), PrincipalKind.CLIENT, str(office),
                     profiles={str(dossier): profile or ClientProfile(user.profile.upper())})


def collaborator(dossier: uuid.UUID, role: Role = Role.COLLABORATOR, office: uuid.UUID = OFFICE) -> Principal:
    return Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(office), role=role,
                     assigned_dossiers=frozenset({str(dossier)}))


def bearer(issuer: TokenIssuer, principal: Principal) -> dict[str, str]:
    return {"authorization": f"Bearer {issuer.issue(principal)}"}
