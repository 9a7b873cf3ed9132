"""The adapter contract (DESIGN "Accounting software", SYN-1, SYN-2, SYN-6, SYN-7): one suite every
adapter passes, run against the in-memory fake and against the real Tryton of the stack, so the
fake the unit tests use cannot drift from Tryton. This part: reading a dossier, posting bookings (parties, VAT
codes, suspense, credit notes), withdrawing them and the balance of every booking; what the software refuses is in
test_adapter_contract_refusals."""
from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from sync_testkit import (
    BANK_IBAN, CUSTOMER_VAT, SUPPLIER_VAT, VAT_ACCOUNTS, add_bank_line, purchase, sale, sale_credit_note,
)

from sync_connector.domain.errors import DossierNotFound, SoftwareRejected
from sync_connector.domain.ports import OrderParty

pytestmark = pytest.mark.integration


def cost_lines(booking):
    """The lines on cost (6) and revenue (7) accounts: the invoice's own lines."""
    return [line for line in booking.lines if line.account[:1] in ("6", "7")]


async def test_finds_the_dossier_by_its_code_or_says_it_is_not_there(world):
    adapter, code = world
    found = await adapter.find_dossier(code)
    assert found.name == "Testbedrijf BV" and found.vat_number == "BE0403170701"
    with pytest.raises(DossierNotFound):
        await adapter.find_dossier("no_such_dossier_here")


async def test_master_data_has_the_belgian_accounts_periods_and_vat_codes(world):
    adapter, code = world
    data = await adapter.read_master_data(code)
    accounts = {a.code: a for a in data.accounts}
    assert accounts["604000"].kind == "expense" and accounts["700000"].kind == "revenue"
    assert accounts["440000"].kind == "payable" and accounts["400000"].kind == "receivable"
    periods = {p.code: p for p in data.periods}
    assert periods["2026-03"].state == "open" and str(periods["2026-03"].end_date) == "2026-03-31"
    assert periods["2026-03"].fiscal_year == "2026", "ENR-4: document numbers follow the fiscal year"
    vat = {v.code: v for v in data.vat_codes}
    goods21 = vat["achat_marchandises_21"]
    assert (goods21.direction, goods21.rate, goods21.kind, goods21.region) == ("purchase", Decimal("21"), "goods",
                                                                              "national")
    assert {"81", "59"} <= set(goods21.grids)
    assert vat["vente_biens_21"].direction == "sale" and "03" in vat["vente_biens_21"].grids


async def test_a_purchase_invoice_is_posted_with_a_new_party_and_shows_up_in_every_read(world):
    adapter, code = world
    order = purchase("2026-03")
    posted = await adapter.post_booking(code, order)
    b = posted.booking
    assert b.external_id == order.external_id and b.final and b.document_kind == "invoice"
    assert (b.period.code, b.booking_date.isoformat(), b.invoice_number) == ("2026-03", "2026-03-14", "F-2026-778")
    assert b.document_number == "ACH 2026/00042" and b.comment == "gecontroleerd door Bart"
    assert b.total == Decimal("121.00")
    line, = cost_lines(b)
    assert (line.account, line.vat_code, line.debit, line.credit) == ("604000", "achat_marchandises_21",
                                                                      Decimal("100.00"), Decimal("0"))
    party = posted.created_counterparty or next(
        c for c in (await adapter.read_master_data(code)).counterparties if c.vat_number == SUPPLIER_VAT)
    assert party.vat_number == SUPPLIER_VAT and b.counterparty_reference == party.reference
    assert posted.open_item is not None and posted.open_item.kind == "payable"
    assert posted.open_item.amount_open == Decimal("121.00")
    data = await adapter.read_master_data(code)
    assert any(c.reference == party.reference and c.vat_number == SUPPLIER_VAT for c in data.counterparties)
    assert [e.reference for e in data.entries if e.external_id == order.external_id] == [b.reference]
    assert any(i.external_id == order.external_id for i in data.open_items)


async def test_posting_the_same_proposal_twice_never_books_it_twice(world):
    adapter, code = world
    order = purchase("2026-03", net="80.00")
    first = await adapter.post_booking(code, order)
    again = await adapter.post_booking(code, order)
    assert again.already_there and not first.already_there
    assert again.booking.reference == first.booking.reference
    entries = [e for e in await adapter.read_entries(code) if e.external_id == order.external_id]
    assert len(entries) == 1
    assert (await adapter.find_booking(code, order.external_id)).reference == first.booking.reference


async def test_a_known_party_is_reused_not_created_again(world):
    adapter, code = world
    first = await adapter.post_booking(code, purchase("2026-05", net="10.00"))
    ref = first.booking.counterparty_reference
    by_vat = await adapter.post_booking(code, purchase("2026-05", net="11.00"))
    by_ref = await adapter.post_booking(code, purchase("2026-05", net="12.00", party=OrderParty(
        reference=ref, name="whatever name")))
    assert by_vat.created_counterparty is None and by_ref.created_counterparty is None
    assert by_vat.booking.counterparty_reference == ref == by_ref.booking.counterparty_reference


async def test_a_proposal_without_lines_goes_to_the_suspense_account(world):
    adapter, code = world
    order = purchase("2026-06", lines=False, net="55.00", vat_code=None)
    posted = await adapter.post_booking(code, order)
    lines = {(line.account, line.debit, line.credit) for line in posted.booking.lines}
    assert lines == {("499000", Decimal("55.00"), Decimal("0")), ("440000", Decimal("0"), Decimal("55.00"))}
    assert (await adapter.find_booking(code, order.external_id)).reference == posted.booking.reference
    assert (await adapter.post_booking(code, order)).already_there


async def test_a_sales_credit_note_is_a_receivable_credit_note(world):
    adapter, code = world
    order = sale_credit_note("2026-04")
    posted = await adapter.post_booking(code, order)
    assert posted.booking.document_kind == "credit_note" and posted.booking.total == Decimal("60.50")
    assert posted.booking.journal.type == "sales"
    line, = cost_lines(posted.booking)
    assert (line.account, line.debit) == ("700000", Decimal("50.00"))  # a credit note debits revenue
    assert posted.created_counterparty is not None and posted.created_counterparty.vat_number == CUSTOMER_VAT
    assert posted.open_item is not None and posted.open_item.kind == "receivable"


async def test_deleting_a_draft_deletes_it_a_posted_one_is_cancelled_and_can_be_sent_again(world):
    adapter, code = world
    draft = purchase("2026-07", final=False)
    assert not (await adapter.post_booking(code, draft)).booking.final
    assert (await adapter.delete_booking(code, draft.external_id)).how == "deleted"
    assert await adapter.find_booking(code, draft.external_id) is None
    posted = purchase("2026-07", net="33.00")
    first = await adapter.post_booking(code, posted)
    removed = await adapter.delete_booking(code, posted.external_id)
    assert removed.how == "cancelled" and removed.booking.reference == first.booking.reference
    assert await adapter.find_booking(code, posted.external_id) is None
    assert not any(i.external_id == posted.external_id for i in await adapter.read_open_items(code))
    assert first.booking.reference not in {e.reference for e in await adapter.read_entries(code)}
    assert (await adapter.delete_booking(code, posted.external_id)).how == "absent"
    again = await adapter.post_booking(code, posted)
    assert not again.already_there and again.booking.reference != first.booking.reference


async def test_an_office_vat_code_with_its_rate_finds_the_national_goods_tax(world):
    adapter, code = world
    order = purchase("2026-08", vat_code="V21")
    order = replace(order, lines=(replace(order.lines[0], vat_rate=Decimal("21")),))
    posted = await adapter.post_booking(code, order)
    assert [line.vat_code for line in cost_lines(posted.booking)] == ["achat_marchandises_21"]
    unknown = purchase("2026-08", vat_code="V99")
    with pytest.raises(SoftwareRejected, match="V99"):
        await adapter.post_booking(code, replace(unknown, lines=(replace(unknown.lines[0], vat_rate=Decimal("99")),)))


async def test_a_posted_customer_invoice_is_credited_and_settled_not_left_open(world):
    adapter, code = world
    order = replace(sale("2026-09"), document_number=f"VEN 2026/{uuid.uuid4().hex[:8]}")
    posted = await adapter.post_booking(code, order)
    assert any(i.external_id == order.external_id for i in await adapter.read_open_items(code))
    removed = await adapter.delete_booking(code, order.external_id)
    assert removed.how == "credited" and removed.booking.reference == posted.booking.reference
    assert await adapter.find_booking(code, order.external_id) is None
    assert not any(i.reference == posted.booking.reference for i in await adapter.read_open_items(code))
    # the credit note is dated like the invoice, not on the day of the withdrawal (which would put it in
    # today's period and, in Tryton, number it after every sales document of the year)
    credit, = [e for e in await adapter.read_entries(code) if e.document_number == order.document_number]
    assert (credit.document_kind, credit.booking_date, credit.total) == ("credit_note", order.booking_date,
                                                                         Decimal("60.50"))
    assert credit.external_id is None and credit.final


async def test_a_new_party_keeps_its_iban_for_payments(world):
    adapter, code = world
    party = OrderParty(reference=None, name="Drukkerij Met Rekening", vat_number="BE0321752958",
                       iban="BE62510007547061")
    posted = await adapter.post_booking(code, purchase("2026-10", party=party))
    assert posted.created_counterparty.ibans == ("BE62510007547061",)
    known = {c.reference: c for c in (await adapter.read_master_data(code)).counterparties}
    assert known[posted.booking.counterparty_reference].ibans == ("BE62510007547061",)


async def test_bank_statement_lines_come_with_the_bank_accounts_iban(world):
    adapter, code = world
    await add_bank_line(adapter, code, Decimal("250.00"), date(2026, 11, 3), "subsidie")
    line = next(b for b in await adapter.read_bank_transactions(code) if b.communication == "subsidie")
    assert (line.amount, line.booking_date, line.account_iban, line.reconciled) == (
        Decimal("250.00"), date(2026, 11, 3), BANK_IBAN, True)


async def test_every_booking_of_a_sync_balances_with_its_vat_and_payable_or_receivable_line(world):
    adapter, code = world
    orders = {"posted purchase": purchase("2026-12", net="100.00"),
              "draft purchase": purchase("2026-12", net="40.00", final=False),
              "sales credit note": sale_credit_note("2026-12")}
    for order in orders.values():
        await adapter.post_booking(code, order)
    data = await adapter.read_master_data(code)
    kinds = {a.code: a.kind for a in data.accounts}
    for entry in data.entries:
        assert entry.lines and sum(x.debit for x in entry.lines) == sum(x.credit for x in entry.lines), entry
    entries = {e.external_id: e for e in data.entries}
    expected = {  # (party kind, party side, party amount, VAT side, VAT amount)
        "posted purchase": ("payable", "credit", Decimal("121.00"), "debit", Decimal("21.00")),
        "draft purchase": ("payable", "credit", Decimal("48.40"), "debit", Decimal("8.40")),
        "sales credit note": ("receivable", "credit", Decimal("60.50"), "debit", Decimal("10.50"))}
    for name, (party_kind, party_side, gross, vat_side, vat) in expected.items():
        order = orders[name]
        entry = entries[order.external_id]
        party, = [x for x in entry.lines if kinds.get(x.account) == party_kind]
        assert getattr(party, party_side) == gross == entry.total, name
        vat_lines = [x for x in entry.lines if x.account == VAT_ACCOUNTS[order.direction]]
        assert len(vat_lines) == 1, (name, entry.lines)
        vat_line, = vat_lines
        assert (getattr(vat_line, vat_side), vat_line.vat_code) == (vat, order.lines[0].vat_code), name
        cost, = cost_lines(entry)
        assert (cost.vat_code, cost.debit + cost.credit) == (order.lines[0].vat_code, order.lines[0].net_amount)
    await adapter.delete_booking(code, orders["draft purchase"].external_id)
