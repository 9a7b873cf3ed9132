"""A small hand-made ledger (REP-1..6 figures are checked against it) and builders of consumed events."""
from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from contracts.events.common import JournalRef, PeriodRef
from contracts.events.dossiers import ClientUser, DossierChanged, DossierSettings, DossierSnapshot
from contracts.events.ledger import (Booking, DeletedRecord, LedgerSynced, MasterData, OpenItem, PeriodRecord,
                                     PostedLine, SyncRun)
from runtime.auth.principal import ClientProfile, Principal, PrincipalKind, Role
from runtime.auth.tokens import TokenIssuer, TokenVerifier
from runtime.config import Settings
from runtime.service import http_app

from reporting.bootstrap import SPEC
from reporting.domain.ledger import Entry, Line
from reporting.handlers.context import Deps

OFFICE = uuid.UUID("22222222-2222-2222-2222-222222222222")
OTHER_OFFICE = uuid.UUID("33333333-3333-3333-3333-333333333333")
D = Decimal
JOURNALS = {"sales": "VEN", "purchases": "ACH", "financial": "BNK"}

# (reference, journal type, booking date, counterparty, our proposal id, lines (account, debit, credit))
LEDGER = (
    ("E1", "sales", date(2026, 1, 10), "C1", "p1", (("400000", "1210", "0"), ("700000", "0", "1000"),
                                                    ("451000", "0", "210"))),
    ("E2", "purchases", date(2026, 1, 20), "S1", "p2", (("604000", "500", "0"), ("411000", "105", "0"),
                                                        ("440000", "0", "605"))),
    ("E3", "purchases", date(2026, 2, 5), "S2", "p3", (("613000", "200", "0"), ("411000", "42", "0"),
                                                       ("440000", "0", "242"))),
    ("E4", "financial", date(2026, 2, 28), None, None, (("620000", "300", "0"), ("550000", "0", "300"))),
    ("E5", "financial", date(2026, 2, 28), None, None, (("580000", "50", "0"), ("550000", "0", "50"))),
    ("E6", "sales", date(2026, 3, 15), "C2", "p6", (("400000", "2420.61", "0"), ("700000", "0", "2000.50"),
                                                    ("451000", "0", "420.11"))),
    ("E7", "sales", date(2026, 3, 20), "C1", "p7", (("400000", "0", "121"), ("700000", "100", "0"),
                                                    ("451000", "21", "0"))),
)


def entries() -> list[Entry]:
    """The hand-made ledger as domain entries."""
    return [Entry(ref, jt, f"{day:%Y-%m}", day, tuple(Line(a, D(dr), D(cr)) for a, dr, cr in lines), cp, ext)
            for ref, jt, day, cp, ext, lines in LEDGER]


def month_period(year: int, month: int) -> PeriodRef:
    end = (date(year, month % 12 + 1, 1) if month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return PeriodRef(code=f"{year}-{month:02d}", start_date=date(year, month, 1), end_date=end)


def bookings() -> list[Booking]:
    """The hand-made ledger as the accounting software sends it."""
    return [Booking(reference=ref, journal=JournalRef(code=JOURNALS[jt], type=jt),
                    period=month_period(day.year, day.month), booking_date=day, counterparty_reference=cp,
                    lines=tuple(PostedLine(account=a, debit=D(dr), credit=D(cr)) for a, dr, cr in lines),
                    total=sum((D(dr) for _, dr, _ in lines), D(0)), external_id=ext, invoice_number=f"INV-{ref}",
                    document_kind="invoice" if jt != "financial" else "entry")
            for ref, jt, day, cp, ext, lines in LEDGER]


def periods(*states: str) -> tuple[PeriodRecord, ...]:
    """Periods 2026-01.. with the given states."""
    return tuple(PeriodRecord(code=p.code, start_date=p.start_date, end_date=p.end_date, state=s)
                 for p, s in ((month_period(2026, m + 1), s) for m, s in enumerate(states)))


def open_item(ref: str, kind: str, amount: str, open_: str, due: date | None, cp: str = "C1",
              external_id: str | None = None, issued: date = date(2026, 1, 10)) -> OpenItem:
    return OpenItem(reference=ref, kind=kind, counterparty_reference=cp, invoice_number=f"INV-{ref}",
                    issue_date=issued, due_date=due, amount=D(amount), amount_open=D(open_), external_id=external_id)


def ledger_synced(dossier: uuid.UUID, part: int = 1, parts: int = 1, at: datetime | None = None,
                  office: uuid.UUID = OFFICE, **data) -> LedgerSynced:
    now = at or datetime.now(timezone.utc)
    return LedgerSynced(
        correlation_id="test", office_id=office, dossier_id=dossier, occurred_at=now, accounting_software="tryton",
        master_data=MasterData(part=part, parts=parts, **data),
        sync=SyncRun(run_id=uuid.uuid4(), reason="full", started_at=now, finished_at=now))


def deleted(kind: str, reference: str) -> DeletedRecord:
    return DeletedRecord(kind=kind, reference=reference)


def client_user(profile: str = "full_feedback") -> ClientUser:
    uid = uuid.uuid4()
    return ClientUser(user_id=uid, email=f"{uid.hex[:6]}@client.be", name="User", language="nl", profile=profile)


def dossier_changed(dossier: uuid.UUID, *, office: uuid.UUID = OFFICE, updated_up_to: date | None = None,
                    **settings) -> DossierChanged:
    return DossierChanged(correlation_id="test", office_id=office, dossier_id=dossier, change="settings",
                          dossier=DossierSnapshot(name="Bakkerij Janssens BV", accounting_updated_up_to=updated_up_to,
                                                  settings=DossierSettings(**settings)))


def client(dossier: uuid.UUID, profile: str, office: uuid.UUID = OFFICE) -> Principal:
    return Principal(str(uuid.uuid4()), PrincipalKind.CLIENT, str(office),
                     profiles={str(dossier): ClientProfile(profile.upper())})


def collaborator(dossier: uuid.UUID, role: Role = Role.COLLABORATOR, office: uuid.UUID = OFFICE) -> Principal:
    return Principal(str(uuid.uuid4()), PrincipalKind.COLLABORATOR, str(office), role=role,
                     assigned_dossiers=frozenset({str(dossier)}))


def bearer(issuer: TokenIssuer, principal: Principal) -> dict[str, str]:
    return {"authorization": f"Bearer {issuer.issue(principal)}"}


def app_on(pool, issuer: TokenIssuer):
    """reporting's HTTP app on ``pool``, trusting ``issuer``'s tokens."""
    return http_app(SPEC, Settings(service="reporting-test"), Deps(pool=pool),
                    token_verifier=TokenVerifier(issuer=issuer.issuer, jwks=issuer.jwks()))
