"""`make demo`, Tryton part: the demo dossiers exist in the accounting software before the office
demo activates them (SYN-7). Each gets its database from the template, its company name and VAT
number, this year's and last year's fiscal years with monthly periods, suppliers and customers
with VAT numbers, four months of posted purchase and sales invoices, and a bank account whose monthly
statements pay the invoices of the month before (the last month's stay open).

    python -m sync_connector_bench.demo        (idempotent: a dossier with history is left alone)
"""
from __future__ import annotations

import asyncio
import time
from datetime import date
from decimal import Decimal

from sync_connector.adapters.tryton import provision
from sync_connector.adapters.tryton.adapter import TrytonAdapter
from sync_connector.config import SyncSettings
from sync_connector.domain.ports import BookingOrder, OrderLine, OrderParty

# the office demo's dossiers (office_bench.demo.DOSSIERS): code, name, VAT
DOSSIERS = (
    ("dupont", "Brasserie Dupont SRL", "BE0403170701"),
    ("peeters", "Bakkerij Peeters BV", "BE0417497106"),
    ("schmitz", "Atelier Schmitz GmbH", "BE0202239951"),
)
SUPPLIERS = (
    ("Immo Vastgoed NV", "BE0919248610", "610000", "achat_frais_biens_21", Decimal("1250.00")),
    ("Energie Plus SA", "BE0690819350", "612000", "achat_frais_biens_21", Decimal("318.40")),
    ("Groothandel Mout BV", "BE0277844820", "604000", "achat_marchandises_6", Decimal("842.10")),
    ("Kantoor & Co BV", "BE0881068717", "614000", "achat_frais_biens_21", Decimal("96.50")),
)
BANK_IBAN = {"dupont": "BE71096123456769", "peeters": "BE73735012345660", "schmitz": "BE43068999999501"}
CUSTOMERS = (
    ("Café De Hoek BV", "BE0250325821", "700000", "vente_biens_21", Decimal("1480.00")),
    ("Hotel Central SA", "BE0782029341", "700000", "vente_biens_6", Decimal("2215.00")),
)


def _months_back(today: date, count: int) -> list[date]:
    out, year, month = [], today.year, today.month
    for _ in range(count):
        month -= 1
        if month == 0:
            year, month = year - 1, 12
        out.append(date(year, month, 1))
    return list(reversed(out))


def _order(n: int, code: str, direction: str, party: tuple, month: date, seq: int) -> BookingOrder:
    name, vat, account, vat_code, net = party
    rate = Decimal("0.06") if vat_code.endswith("_6") else Decimal("0.21")
    net = (net + Decimal(n * 7) / 10).quantize(Decimal("0.01"))
    tax = (net * rate).quantize(Decimal("0.01"))
    day = date(month.year, month.month, min(5 + 3 * seq, 28))
    journal = "ACH" if direction == "purchase" else "VEN"
    return BookingOrder(
        external_id=f"demo-{code}-{journal}-{month:%Y%m}-{seq}", direction=direction, kind="invoice",
        journal_code=journal, period_code=f"{month:%Y-%m}", booking_date=day,
        party=OrderParty(reference=None, name=name, vat_number=vat),
        lines=(OrderLine(account=account, net_amount=net, vat_code=vat_code, vat_amount=tax),),
        total=net + tax, document_number=f"{journal} {month.year}/{n:05d}",
        invoice_number=f"{name.split()[0][:4].upper()}-{month:%y%m}{seq}" if direction == "purchase" else None,
        invoice_date=day)


async def seed_dossier(settings: SyncSettings, adapter: TrytonAdapter, code: str, name: str, vat: str,
                       today: date) -> str:
    db = provision.database_name(settings.tryton_db_prefix, code)
    seconds = await provision.create_database(settings.dsn("postgres"), db, settings.tryton_template_db)
    rpc = await adapter.rpc(code)
    if await rpc.search_read("account.invoice", [], ["id"]):
        if await rpc.search_read("account.statement.journal", [], ["id"]):
            return f"{db}: already there"
        months = _months_back(today, 4)  # seeded before statements were: add them
        return f"{db}: {await _bank_statements(rpc, code, await _posted_by_month(rpc, months), months)} statements added"
    await provision.set_company(rpc, name, vat)
    for year in (today.year - 1, today.year):
        await provision.create_fiscal_year(rpc, year)
    started, count, months = time.perf_counter(), 0, _months_back(today, 4)
    posted: dict[date, list] = {}
    for month in months:
        for seq, party in enumerate(SUPPLIERS):
            count += 1
            posted.setdefault(month, []).append(
                await _post_history(adapter, rpc, code, _order(count, code, "purchase", party, month, seq)))
        for seq, party in enumerate(CUSTOMERS):
            count += 1
            posted[month].append(await _post_history(adapter, rpc, code, _order(count, code, "sale", party, month, seq)))
    per_invoice = (time.perf_counter() - started) / max(count, 1)
    statements = await _bank_statements(rpc, code, posted, months)
    return (f"{db}: created from the template in {seconds:.2f}s, {count} invoices posted ({per_invoice:.2f}s each), "
            f"{statements} bank statements paying the older ones")


async def _bank_statements(rpc, code: str, posted: dict[date, list], months: list[date]) -> int:
    """A monthly statement paying the invoices of the month before (the last month stays open)."""
    journal = await provision.create_bank_journal(rpc, BANK_IBAN.get(code, "BE48001123456727"))
    for number, month in enumerate(months[1:], 1):
        lines = []
        for invoice_id, direction, total, party in posted[months[number - 1]]:
            sign = Decimal(-1) if direction == "purchase" else Decimal(1)
            account = await _party_account(rpc, direction)
            lines.append({"amount": sign * total, "party": party, "account": account,
                          "related_to": f"account.invoice,{invoice_id}", "description": f"invoice {invoice_id}"})
        await provision.add_statement(rpc, journal, f"{month:%Y}/{number:03d}", date(month.year, month.month, 2),
                                      lines)
    return len(months) - 1


async def _posted_by_month(rpc, months: list[date]) -> dict[date, list]:
    rows = await rpc.search_read("account.invoice", [("state", "=", "posted")],
                                 ["type", "total_amount", "party", "invoice_date"], order=[("id", "ASC")])
    out: dict[date, list] = {m: [] for m in months}
    for r in rows:
        month = r["invoice_date"].replace(day=1)
        if month in out:
            out[month].append((r["id"], "purchase" if r["type"] == "in" else "sale", r["total_amount"], r["party"]))
    return out


async def _party_account(rpc, direction: str) -> int:
    field = "default_account_payable" if direction == "purchase" else "default_account_receivable"
    return (await rpc.model("account.configuration", "read", [1], [field]))[0][field]


async def _post_history(adapter: TrytonAdapter, rpc, code: str, order: BookingOrder) -> tuple:
    """History as if booked in Tryton itself: posted, without our external id."""
    posted = await adapter.post_booking(code, order)
    invoice_id = int(posted.booking.reference.split(":")[1])
    await rpc.model("account.invoice", "write", [invoice_id], {"bf_external_id": None})
    return invoice_id, order.direction, order.total, int(posted.booking.counterparty_reference)


async def main() -> None:
    settings = SyncSettings(service="sync-connector")
    url = settings.installations()["local"]
    adapter = TrytonAdapter(url, user=settings.tryton_user, password=settings.tryton_password,
                            db_prefix=settings.tryton_db_prefix)
    try:
        for code, name, vat in DOSSIERS:
            print(f"Tryton dossier {code}: " + await seed_dossier(settings, adapter, code, name, vat, date.today()))
    finally:
        await adapter.close()
    print(f"Tryton: {url} (login {settings.tryton_user}); installation 'local', dossier codes "
          + ", ".join(code for code, _, _ in DOSSIERS))


if __name__ == "__main__":
    asyncio.run(main())
