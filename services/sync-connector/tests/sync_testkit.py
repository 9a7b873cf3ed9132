"""Helpers of the sync-connector tests: a dossier in the fake and in Tryton with the same data,
booking orders and proposal events."""
from __future__ import annotations

import asyncio
import os
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

from contracts.events.common import Actor, JournalRef, PeriodRef
from contracts.events.ledger import AccountRecord, BankTransaction, JournalRecord, PeriodRecord, VatCodeRecord
from contracts.events.proposals import Counterparty, ProposalLine, ProposalValidated, Totals

from sync_fake_adapter import FakeAdapter, FakeDossier
from sync_connector.adapters.tryton import provision
from sync_connector.adapters.tryton.adapter import TrytonAdapter
from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.config import SyncSettings
from sync_connector.domain.ports import BookingOrder, OrderLine, OrderParty

YEARS = (2024, 2025, 2026)
SUPPLIER_VAT = "BE0402466361"
CUSTOMER_VAT = "BE0264808911"
ACCOUNTS = ("400000", "411", "440000", "451", "499000", "604000", "610000", "700000", "705000")
VAT_ACCOUNTS = {"purchase": "411", "sale": "451"}  # Tryton's Belgian chart: VAT deductible, VAT due


def settings() -> SyncSettings:
    return SyncSettings(service="sync-connector-test")


def tryton_url(s: SyncSettings | None = None) -> str:
    return (s or settings()).installations()["local"]


def tryton_adapter(s: SyncSettings | None = None) -> TrytonAdapter:
    s = s or settings()
    return TrytonAdapter(tryton_url(s), user=s.tryton_user, password=s.tryton_password, db_prefix=s.tryton_db_prefix)


def new_code() -> str:
    return f"test_{uuid.uuid4().hex[:10]}"


async def create_tryton_dossier(code: str, name: str = "Testbedrijf BV", vat: str | None = "BE0403170701") -> float:
    """A dossier database from the template with its company and two fiscal years; returns createdb seconds."""
    s = settings()
    seconds = await provision.create_database(s.dsn("postgres"), provision.database_name(s.tryton_db_prefix, code),
                                              s.tryton_template_db)
    rpc = TrytonRpc(tryton_url(s), provision.database_name(s.tryton_db_prefix, code), s.tryton_user,
                    s.tryton_password)
    try:
        await rpc.login()
        await provision.set_company(rpc, name, vat)
        for year in YEARS:
            await provision.create_fiscal_year(rpc, year)
    finally:
        await rpc.close()
    return seconds


def run_apart(coro):
    """Run a coroutine to the end on its own loop in a thread (from sync fixtures, even inside a running loop)."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def drop_tryton_dossier(code: str) -> None:
    s = settings()
    run_apart(provision.drop_database(s.dsn("postgres"), provision.database_name(s.tryton_db_prefix, code)))


def seed_fake(adapter: FakeAdapter, code: str, name: str = "Testbedrijf BV") -> FakeDossier:
    """The fake dossier with what the Tryton template + create_tryton_dossier give (what the suite uses)."""
    d = FakeDossier(name=name, vat_number="BE0403170701")
    kinds = {"4": "payable", "6": "expense", "7": "revenue"}
    for code_ in ACCOUNTS:
        kind = "receivable" if code_ == "400000" else "other" if code_ in VAT_ACCOUNTS.values() else kinds.get(
            code_[0], "other")
        d.accounts[code_] = AccountRecord(code=code_, name=code_, kind=kind)
    d.journals = {"EXP": JournalRecord(code="EXP", type="purchases"), "REV": JournalRecord(code="REV", type="sales")}
    for year in YEARS:
        for month in range(1, 13):
            end = date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1
            d.periods[f"{year}-{month:02d}"] = PeriodRecord(code=f"{year}-{month:02d}", start_date=date(year, month, 1),
                                                            end_date=date.fromordinal(end), fiscal_year=str(year))
    d.vat_codes = {
        "achat_marchandises_21": VatCodeRecord(code="achat_marchandises_21", direction="purchase", rate=Decimal("21"),
                                               kind="goods", region="national", grids=("59", "81")),
        "vente_biens_21": VatCodeRecord(code="vente_biens_21", direction="sale", rate=Decimal("21"), kind="goods",
                                        region="national", grids=("03", "54")),
    }
    adapter.dossiers[code.lower()] = d
    return d


def purchase(period: str = "2026-03", *, account: str = "604000", net: str = "100.00", vat_code: str | None =
             "achat_marchandises_21", lines: bool = True, final: bool = True, kind: str = "invoice",
             party: OrderParty | None = None, external_id: str | None = None) -> BookingOrder:
    year, month = map(int, period.split("-"))
    net_d = Decimal(net)
    vat = (net_d * Decimal("0.21")).quantize(Decimal("0.01")) if vat_code else Decimal("0")
    return BookingOrder(
        external_id=external_id or str(uuid.uuid4()), direction="purchase", kind=kind, journal_code="ACH",
        period_code=period, booking_date=date(year, month, 14),
        party=party or OrderParty(reference=None, name="Brouwerij Van Test", vat_number=SUPPLIER_VAT),
        lines=(OrderLine(account=account, net_amount=net_d, vat_code=vat_code, vat_amount=vat,
                         description="Mout"),) if lines else (),
        total=net_d + vat, document_number=f"ACH {year}/00042", invoice_number="F-2026-778",
        invoice_date=date(year, month, 12), comment="gecontroleerd door Bart", final=final)


def sale(period: str = "2026-04", *, day: int = 3, kind: str = "invoice", number: str | None = "own") -> BookingOrder:
    """A sales document of 50.00 + 21% to Café De Hoek; `number` is the client's own invoice number (a fresh
    one by default, None for a document without one)."""
    year, month = map(int, period.split("-"))
    on = date(year, month, day)
    return BookingOrder(
        external_id=str(uuid.uuid4()), direction="sale", kind=kind, journal_code="VEN", period_code=period,
        booking_date=on, party=OrderParty(reference=None, name="Café De Hoek", vat_number=CUSTOMER_VAT),
        lines=(OrderLine(account="700000", net_amount=Decimal("50.00"), vat_code="vente_biens_21",
                         vat_amount=Decimal("10.50")),),
        total=Decimal("60.50"), document_number=f"VEN {year}/00007",
        invoice_number=f"VF-{year}-{uuid.uuid4().hex[:6]}" if number == "own" else number, invoice_date=on)


def sale_credit_note(period: str = "2026-04") -> BookingOrder:
    return sale(period, kind="credit_note")


def proposal_validated(office_id: uuid.UUID, dossier_id: uuid.UUID, *, period: str = "2026-03",
                       account: str = "604000", lines: bool = True, direct: bool = True,
                       proposal_id: uuid.UUID | None = None) -> ProposalValidated:
    year, month = map(int, period.split("-"))
    start = date(year, month, 1)
    end = date.fromordinal(date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1)
    return ProposalValidated(
        correlation_id=f"test-{uuid.uuid4().hex[:8]}", office_id=office_id, dossier_id=dossier_id,
        proposal_id=proposal_id or uuid.uuid4(), document_id=uuid.uuid4(), origin="air", document_kind="invoice",
        journal=JournalRef(code="ACH", type="purchases"), period=PeriodRef(code=period, start_date=start, end_date=end),
        document_number=f"ACH {year}/00012", invoice_number="INV-556", invoice_date=date(year, month, 10),
        counterparty=Counterparty(status="new", name="Brouwerij Van Test", vat_number=SUPPLIER_VAT, country="BE"),
        lines=(ProposalLine(line_no=1, account=account, vat_code="achat_marchandises_21", vat_rate=Decimal("21"),
                            net_amount=Decimal("200.00"), vat_amount=Decimal("42.00")),) if lines else (),
        totals=Totals(net=Decimal("200.00"), vat=Decimal("42.00"), gross=Decimal("242.00")),
        status="validated", validated_by=Actor(kind="collaborator", user_id=uuid.uuid4(), name="Bart"),
        validation_mode="collaborator", comment="ok voor mij", direct_booking=direct)


def tryton_configured() -> bool:
    return bool(os.environ.get("BF_TRYTON_PASSWORD"))


async def lock_year(adapter, code: str, year: int) -> None:
    """Lock a fiscal year in the software behind the adapter (fake or Tryton)."""
    if isinstance(adapter, FakeAdapter):
        d = adapter.dossiers[code.lower()]
        d.locked_years.add(year)
        for key, period in d.periods.items():
            if period.start_date.year == year:
                d.periods[key] = period.model_copy(update={"state": "locked"})
        return
    await provision.lock_fiscal_year(await adapter.rpc(code), year)


BANK_IBAN = "BE48001123456727"


async def add_bank_line(adapter, code: str, amount: Decimal, on: date, description: str) -> None:
    """A posted bank statement line on the dossier's bank account (fake or Tryton)."""
    if isinstance(adapter, FakeAdapter):
        d = adapter.dossiers[code.lower()]
        d.bank.append(BankTransaction(reference=f"statement-line:{len(d.bank) + 1}", account_iban=BANK_IBAN,
                                      booking_date=on, amount=amount, communication=description, reconciled=True))
        return
    rpc = await adapter.rpc(code)
    journal = await provision.create_bank_journal(rpc, BANK_IBAN)
    account = (await rpc.search_read("account.account", [("code", "=", "743000")], ["id"]))[0]["id"]
    await provision.add_statement(rpc, journal, f"T{uuid.uuid4().hex[:6]}", on,
                                  [{"amount": amount, "account": account, "description": description}])


async def seed_dossier(pool, dossier_id: uuid.UUID, office_id: uuid.UUID, *, name: str = "Testbedrijf BV",
                       settings: dict | None = None, software: str | None = "tryton", code: str | None = None,
                       activated: bool = False) -> None:
    """A dossier as the replica and the connector's link hold it, written directly (no dossier.changed): in the
    platform's dossier replica without people (the token decides), linked to `software` when it has a `code`."""
    await pool.execute("INSERT INTO platform_dossiers (dossier_id, office_id, name, status, settings) "
                       "VALUES ($1, $2, $3, 'active', $4)", dossier_id, office_id, name, settings or {})
    await pool.execute(
        "INSERT INTO dossier_links (dossier_id, software, installation, dossier_code, activated_at) "
        "VALUES ($1, $2, 'local', $3, CASE WHEN $4 THEN now() END)", dossier_id, software if code else None, code,
        activated)
