"""Builders of the events enrichment consumes: a recognised invoice, master data, settings, a final booking."""
from __future__ import annotations

import hashlib
import uuid
from datetime import date, datetime, timezone
from decimal import Decimal

from contracts.events.common import JournalRef, PeriodRef
from contracts.events.dossiers import DossierChanged, DossierSettings, DossierSnapshot, JournalSetting
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import (AccountRecord, Booking, CounterpartyRecord, JournalRecord, LedgerSynced,
                                     MasterData, PeriodRecord, PostedLine, SyncRun, VatCodeRecord)
from contracts.events.recognition import (DocumentRecognized, RecognizedAmount, RecognizedDate, RecognizedInvoice,
                                          RecognizedLine, RecognizedParty, RecognizedText, RecognizedVatRate)

OFFICE = uuid.UUID("00000000-0000-4000-8000-00000000000f")
DOSSIER_VAT = "BE0403170701"


def text(value: str | None, confidence: float = 0.99) -> RecognizedText | None:
    return RecognizedText(value=value, confidence=confidence) if value is not None else None


def amount(value: str | Decimal | None, confidence: float = 0.99) -> RecognizedAmount | None:
    return RecognizedAmount(value=Decimal(value), confidence=confidence) if value is not None else None


def party(name=None, vat=None, iban=None, enterprise=None, country=None) -> RecognizedParty:
    return RecognizedParty(name=text(name), vat_number=text(vat), iban=text(iban),
                           enterprise_number=text(enterprise), country=text(country))


def invoice(*, seller: RecognizedParty, buyer: RecognizedParty | None = None, number: str | None = "F2025-001",
            day: date | None = date(2025, 3, 14), net: str = "100.00", rate: str | None = "21",
            currency: str = "EUR", kind: str = "invoice", source: str = "pdf_text", dossier_party: str = "buyer",
            descriptions: tuple[str, ...] = (), rates: tuple[tuple[str, str], ...] = ()) -> RecognizedInvoice:
    """An invoice at one rate (or several: rates=((rate, net), ...)); VAT and totals computed exactly."""
    rows = rates or (((rate, net),) if rate is not None else ())
    breakdown = tuple(RecognizedVatRate(rate=Decimal(r), taxable=Decimal(n),
                                        vat=(Decimal(n) * Decimal(r) / 100).quantize(Decimal("0.01")),
                                        confidence=0.98) for r, n in rows)
    total_net = sum((b.taxable for b in breakdown), Decimal("0")) if breakdown else Decimal(net)
    total_vat = sum((b.vat for b in breakdown), Decimal("0"))
    lines = tuple(RecognizedLine(description=d, net_amount=None, vat_rate=Decimal(rows[0][0]) if rows else None,
                                 confidence=0.9) for d in descriptions)
    return RecognizedInvoice(
        source=source, document_type=kind, invoice_number=text(number),
        issue_date=RecognizedDate(value=day, confidence=0.98) if day else None, currency=text(currency),
        total_excl_vat=amount(total_net), total_vat=amount(total_vat), total_incl_vat=amount(total_net + total_vat),
        vat_breakdown=breakdown, seller=seller, buyer=buyer or party("Dossier BV", DOSSIER_VAT), lines=lines,
        dossier_party=dossier_party)


def recognized(inv: RecognizedInvoice | None, *, dossier: uuid.UUID, mailbox: str | None = "purchases",
               status: str = "complete", sha: str | None = None, document_id: uuid.UUID | None = None,
               error: str | None = None) -> DocumentRecognized:
    doc = document_id or uuid.uuid4()
    return DocumentRecognized(
        correlation_id=f"test-{doc}", office_id=OFFICE, dossier_id=dossier, document_id=doc,
        sha256=sha or hashlib.sha256(doc.bytes).hexdigest(), status=status, mailbox=mailbox, invoice=inv,
        page_count=1, words_key=f"words/{doc}.json", error_reason=error,
        occurred_at=datetime(2025, 3, 20, tzinfo=timezone.utc))


def vat_codes() -> tuple[VatCodeRecord, ...]:
    """A small Belgian set: national purchase codes per rate and kind, EU/non-EU reverse charge, sales."""
    out = []
    for rate in ("0", "6", "12", "21"):
        out.append(VatCodeRecord(code=f"A{rate}", direction="purchase", rate=Decimal(rate), kind="goods",
                                 region="national"))
        out.append(VatCodeRecord(code=f"AS{rate}", direction="purchase", rate=Decimal(rate), kind="services",
                                 region="national"))
        out.append(VatCodeRecord(code=f"V{rate}", direction="sale", rate=Decimal(rate), region="national"))
    out += [VatCodeRecord(code="AI21", direction="purchase", rate=Decimal("21"), kind="investments", region="national"),
            VatCodeRecord(code="ICG", direction="purchase", rate=Decimal("21"), kind="goods", region="eu",
                          reverse_charge=True),
            VatCodeRecord(code="ICS", direction="purchase", rate=Decimal("21"), kind="services", region="eu",
                          reverse_charge=True),
            VatCodeRecord(code="IMP", direction="purchase", rate=Decimal("21"), region="non_eu", reverse_charge=True),
            VatCodeRecord(code="VIC", direction="sale", rate=Decimal("0"), region="eu")]
    return tuple(out)


def periods(year: int = 2025, closed_until: int = 0) -> tuple[PeriodRecord, ...]:
    from calendar import monthrange
    return tuple(PeriodRecord(code=f"{year}-{m:02}", start_date=date(year, m, 1),
                              end_date=date(year, m, monthrange(year, m)[1]),
                              state="closed" if m <= closed_until else "open") for m in range(1, 13))


def master(**kw) -> MasterData:
    base = dict(
        accounts=tuple(AccountRecord(code=c, name=n, kind=k) for c, n, k in (
            ("604000", "Purchases of goods", "expense"), ("610000", "Rent", "expense"),
            ("612000", "Telecom", "expense"), ("613000", "Fees", "expense"), ("230000", "Equipment", "asset"),
            ("700000", "Sales", "revenue"), ("440000", "Suppliers", "payable"), ("400000", "Customers", "receivable"),
            ("411000", "VAT recoverable", "other"), ("499000", "Suspense", "other"))),
        journals=(JournalRecord(code="ACH", type="purchases", number_format="ACH/{year}/{seq:04}", next_number=7),
                  JournalRecord(code="ACN", type="purchases", number_format="ACN/{year}/{seq:04}", next_number=1,
                                credit_notes_only=True),
                  JournalRecord(code="VEN", type="sales", number_format="VEN/{year}/{seq:04}", next_number=40)),
        periods=periods(), vat_codes=vat_codes())
    base.update(kw)
    return MasterData(**base)


def synced(dossier: uuid.UUID, data: MasterData | None = None) -> LedgerSynced:
    """A sync run carrying `data`."""
    now = datetime.now(timezone.utc)
    return LedgerSynced(correlation_id="test-sync", office_id=OFFICE, dossier_id=dossier, accounting_software="tryton",
                        master_data=data, sync=SyncRun(run_id=uuid.uuid4(), reason="nightly", started_at=now,
                                                       finished_at=now))


def recorded(dossier: uuid.UUID, *, action: str = "posted", booking: Booking | None = None, proposal_id=None,
             records: MasterData | None = None) -> BookingRecorded:
    """A proposal posted (or its booking deleted) in the accounting software."""
    return BookingRecorded(correlation_id="test-sync", office_id=OFFICE, dossier_id=dossier, action=action,
                           accounting_software="tryton", booking=booking, proposal_id=proposal_id or uuid.uuid4(),
                           records=records)


def booking(reference: str, counterparty: str | None, lines: tuple[tuple[str, str | None, str], ...], *,
            day: date = date(2025, 3, 14), invoice_number: str | None = None, external_id=None,
            total: str | None = None) -> Booking:
    """A final purchase booking: lines (account, vat code, amount) on the debit, the total on 440000."""
    posted = [PostedLine(account=a, vat_code=c, debit=Decimal(v)) for a, c, v in lines]
    gross = Decimal(total) if total else sum((Decimal(v) for _, _, v in lines), Decimal("0"))
    posted.append(PostedLine(account="440000", credit=gross))
    return Booking(reference=reference, journal=JournalRef(code="ACH", type="purchases"),
                   period=PeriodRef(code=f"{day.year}-{day.month:02}", start_date=day.replace(day=1), end_date=day),
                   booking_date=day, counterparty_reference=counterparty, lines=tuple(posted), total=gross,
                   invoice_number=invoice_number, invoice_date=day,
                   external_id=str(external_id) if external_id else None)


def dossier_changed(dossier: uuid.UUID, **settings) -> DossierChanged:
    base = dict(journals=(JournalSetting(alias="ACH", type="purchases", number_format="ACH/{year}/{seq:04}",
                                         next_number=1),))
    base.update(settings)
    return DossierChanged(correlation_id="test-dossier", office_id=OFFICE, dossier_id=dossier, change="settings",
                          dossier=DossierSnapshot(name="Dossier BV", vat_number=DOSSIER_VAT,
                                                  settings=DossierSettings(**base)))


def supplier(reference: str, name: str, vat: str | None = None, ibans: tuple[str, ...] = (),
             country: str = "BE", enterprise: str | None = None) -> CounterpartyRecord:
    return CounterpartyRecord(reference=reference, name=name, vat_number=vat, ibans=ibans, country=country,
                              enterprise_number=enterprise, roles=("supplier",))
