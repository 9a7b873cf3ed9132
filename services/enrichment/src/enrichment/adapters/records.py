"""Master-data records of ledger.synced (stored as they came) turned into enrichment's values."""
from __future__ import annotations

from typing import Any

from contracts.events.dossiers import DossierSettings
from contracts.events.ledger import (AccountRecord, Booking, CounterpartyRecord, JournalRecord, PeriodRecord,
                                     VatCodeRecord)
from enrichment.adapters.wire_in import profile_from
from enrichment.domain.learning import BookingFacts, booked_lines
from enrichment.domain.model import Account, Book, Journal, Party, Period, Profile, ProposalRecord, VatCode
from enrichment.domain.words import words_of

# the kinds of ledger.synced master data enrichment keeps, with the record model and its key field
KEPT = {"accounts": (AccountRecord, "code"), "counterparties": (CounterpartyRecord, "reference"),
        "journals": (JournalRecord, "code"), "periods": (PeriodRecord, "code"), "vat_codes": (VatCodeRecord, "code")}


def party(r: CounterpartyRecord) -> Party:
    return Party(r.reference, r.name, r.vat_number, r.enterprise_number, tuple(r.ibans), r.country, r.active)


def account(r: AccountRecord) -> Account:
    return Account(r.code, r.name, r.kind, r.active)


def journal(r: JournalRecord) -> Journal:
    return Journal(r.code, r.type, r.name, r.number_format, r.next_number, r.credit_notes_only, active=r.active)


def period(r: PeriodRecord) -> Period:
    return Period(r.code, r.start_date, r.end_date, r.state, r.fiscal_year)


def vat_code(r: VatCodeRecord) -> VatCode:
    return VatCode(r.code, r.direction, r.rate, r.kind, r.region, r.reverse_charge, r.description, r.active)


def profile(stored: dict[str, Any] | None) -> Profile:
    """The stored dossier settings (JSON of dossier.changed) as a Profile; defaults when never heard of."""
    if not stored:
        return Profile()
    return profile_from(DossierSettings.model_validate(stored["settings"]), stored.get("vat_number"))


def book(stored_profile: dict[str, Any] | None, rows: dict[str, list[dict[str, Any]]]) -> Book:
    """The dossier's Book from its stored settings and master-data records (kind -> JSON records)."""
    parse = lambda kind: [KEPT[kind][0].model_validate(x) for x in rows.get(kind, [])]  # noqa: E731
    return Book(
        profile=profile(stored_profile),
        parties=tuple(party(r) for r in parse("counterparties")),
        accounts={r.code: account(r) for r in parse("accounts")},
        journals=tuple(journal(r) for r in parse("journals")),
        periods=tuple(period(r) for r in parse("periods")),
        vat_codes=tuple(vat_code(r) for r in parse("vat_codes")),
    )


def booking_facts(b: Booking, known: Book, ours: ProposalRecord | None = None) -> BookingFacts:
    """What enrichment remembers of a final booking: its learnable lines, its words (those of our proposal, the
    line descriptions, the counterparty's name) and its duplicate evidence."""
    holder = next((p for p in known.parties if p.reference == b.counterparty_reference), None)
    words = words_of((*(ours.words if ours else ()), *(x.description for x in b.lines),
                      holder.name if holder else None))
    lines = booked_lines(((x.account, x.vat_code) for x in b.lines), known.accounts,
                         {c.code: c for c in known.vat_codes})
    return BookingFacts(reference=b.reference, booked_on=b.invoice_date or b.booking_date,
                        counterparty_reference=b.counterparty_reference,
                        vat_number=holder.vat_number if holder else None,
                        invoice_number=b.invoice_number, invoice_date=b.invoice_date, total=b.total,
                        document_id=ours.document_id if ours else None, lines=lines, words=words)
