"""Replays the synthetic year through the service's own use cases (propose, apply_ledger) on the in-memory
replica, and scores each proposal against the office's final booking."""
from __future__ import annotations

import random
import sys
import uuid
from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from contracts.events.dossiers import (DossierChanged, DossierSettings, DossierSnapshot, JournalSetting,
                                       SchemaEntry)
from contracts.events.bookings import BookingRecorded
from contracts.events.ledger import (AccountRecord, CounterpartyRecord, JournalRecord, LedgerSynced, MasterData,
                                     PeriodRecord, SyncRun, VatCodeRecord)

from enrichment.domain.model import ExchangeRate
from enrichment_bench.catalogue import ACCOUNTS, SCHEMA
from enrichment_bench.documents import OFFICE, final_booking, recognised
from enrichment_bench.world import YEAR, Dossier, Invoice, Partner
from enrichment.handlers import propose, replicate

# the replica in memory is the unit tests' fake, kept in the service's tests/ (it does not ship with the service)
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from enrichment_memory import MemoryReplica  # noqa: E402

RATE_SOURCE = "synthetic evaluation rate (not an ECB rate)"


@dataclass(frozen=True)
class Score:
    """One proposal compared with its final booking."""

    month: int
    dossier: str
    recurring: bool
    seen_before: bool  # the counterparty had a final booking before this document
    lines_right: bool  # every line's account and VAT code equal the final booking's
    counterparty_right: bool
    supplier: bool = True  # a purchase (else a sale to a customer)


def _vat_codes() -> tuple[VatCodeRecord, ...]:
    out = [VatCodeRecord(code=f"{p}{r}", direction="purchase", rate=Decimal(r), kind=k, region="national")
           for r in ("0", "6", "12", "21") for p, k in (("A", "goods"), ("AS", "services"))]
    out += [VatCodeRecord(code=f"V{r}", direction="sale", rate=Decimal(r), region="national") for r in ("0", "6", "12", "21")]
    out += [VatCodeRecord(code="AI21", direction="purchase", rate=Decimal("21"), kind="investments", region="national"),
            VatCodeRecord(code="ICG", direction="purchase", rate=Decimal("21"), kind="goods", region="eu", reverse_charge=True),
            VatCodeRecord(code="ICS", direction="purchase", rate=Decimal("21"), kind="services", region="eu", reverse_charge=True),
            VatCodeRecord(code="IMP", direction="purchase", rate=Decimal("21"), region="non_eu", reverse_charge=True),
            VatCodeRecord(code="VIC", direction="sale", rate=Decimal("0"), region="eu")]
    return tuple(out)


def _record(ref: str, p: Partner) -> CounterpartyRecord:
    return CounterpartyRecord(reference=ref, name=p.name, vat_number=p.vat, ibans=(p.iban,), country=p.country,
                              roles=("supplier" if p.direction == "purchase" else "customer",))


def _usd(day: date) -> Decimal:
    return (Decimal("1.04") + Decimal(day.timetuple().tm_yday % 60) / 1000).quantize(Decimal("0.0001"))


async def _setup(r: MemoryReplica, d: Dossier, dossier_id: uuid.UUID) -> None:
    settings = DossierSettings(
        keywords=(d.name.split()[0],), office_schema=tuple(SchemaEntry(account=a, description=t) for a, t in SCHEMA),
        journals=(JournalSetting(alias="ACH", type="purchases", number_format="ACH/{year}/{seq:05}"),
                  JournalSetting(alias="VEN", type="sales", number_format="VEN/{year}/{seq:05}")))
    await replicate.apply_dossier(r, DossierChanged(
        correlation_id="eval", office_id=OFFICE, dossier_id=dossier_id, change="settings",
        dossier=DossierSnapshot(name=d.name, settings=settings)))
    data = MasterData(
        accounts=tuple(AccountRecord(code=a, name=a, kind="payable" if a.startswith("4") else "other") for a in ACCOUNTS),
        journals=(JournalRecord(code="ACH", type="purchases", next_number=1),
                  JournalRecord(code="ACN", type="purchases", credit_notes_only=True, next_number=1),
                  JournalRecord(code="VEN", type="sales", next_number=1)),
        periods=tuple(PeriodRecord(code=f"{YEAR}-{m:02}", start_date=date(YEAR, m, 1),
                                   end_date=date(YEAR, m, monthrange(YEAR, m)[1])) for m in range(1, 13)),
        vat_codes=_vat_codes(),
        counterparties=tuple(_record(f"{d.code}-{p.key}", p) for p in d.partners if p.known))
    await replicate.apply_ledger(r, _synced(dossier_id, data))
    start = date(YEAR, 1, 1)
    await r.save_rates([ExchangeRate("USD", start + timedelta(days=i), _usd(start + timedelta(days=i)), RATE_SOURCE)
                        for i in range(366)])


def _synced(dossier_id, data=None) -> LedgerSynced:
    at = datetime.now(timezone.utc)
    return LedgerSynced(correlation_id="eval", office_id=OFFICE, dossier_id=dossier_id, accounting_software="eval",
                        master_data=data, sync=SyncRun(run_id=uuid.uuid4(), reason="full", started_at=at,
                                                       finished_at=at))


def _posted(dossier_id, records, booking) -> BookingRecorded:
    return BookingRecorded(correlation_id="eval", office_id=OFFICE, dossier_id=dossier_id, action="posted",
                           accounting_software="eval", proposal_id=uuid.uuid4(), booking=booking, records=records)


def _lines_right(p, inv: Invoice) -> bool:
    proposed = sorted((x.vat_rate, x.account, x.vat_code) for x in p.lines)
    return proposed == sorted(inv.truth.lines)


async def replay_dossier(d: Dossier, seed: int) -> list[Score]:
    """Propose every invoice in date order; the office posts the week's bookings at the end of each week."""
    rng, r = random.Random(f"{seed}-{d.code}"), MemoryReplica()
    dossier_id = uuid.uuid5(OFFICE, d.code)
    await _setup(r, d, dossier_id)
    created: set[str] = {p.key for p in d.partners if p.known}
    booked: set[str] = set()
    weeks: dict[tuple[int, int], list[Invoice]] = defaultdict(list)
    for inv in d.invoices:
        weeks[(inv.day.month, (inv.day.day - 1) // 7)].append(inv)
    scores, n = [], 0
    for _, invoices in sorted(weeks.items()):
        posted = []
        for inv in invoices:
            p = await propose.propose(r, recognised(rng, d, dossier_id, inv))
            ref = f"{d.code}-{inv.partner.key}"
            known_now = inv.partner.key in created
            right_party = p.counterparty.reference == ref if known_now else p.counterparty.status == "new"
            scores.append(Score(inv.day.month, d.name, inv.partner.recurring, inv.partner.key in booked,
                                _lines_right(p, inv), right_party, inv.partner.direction == "purchase"))
            posted.append((inv, p, ref))
        for inv, p, ref in posted:  # end of the week: validated and posted, as corrected by the office
            n += 1
            rate = Decimal(1) / _usd(inv.day) if inv.partner.currency == "USD" else Decimal(1)
            new = None if inv.partner.key in created else MasterData(counterparties=(_record(ref, inv.partner),))
            created.add(inv.partner.key)
            booked.add(inv.partner.key)
            await replicate.apply_booking(r, _posted(dossier_id, new, final_booking(f"{d.code}-M{n}", ref, inv, p, rate)))
    return scores
