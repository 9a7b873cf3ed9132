"""Matching statement lines to open items (issue 17 item 3; FEATURES PAY-7, REP-5): each rule, its order,
and the refusals that keep wrong matches at zero."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from runtime.bankfiles import BankLine

from sync_connector.domain.matching import OpenInvoice, match_statement

ACME_IBAN, BETA_IBAN = "BE62510007547061", "BE71096123456769"
ACME_1 = OpenInvoice("inv-1", "payable", "acme", D("121.00"), date(2026, 3, 31), number="F2026/017",
                     structured="090933755493", party_ibans=(ACME_IBAN,))
ACME_2 = OpenInvoice("inv-2", "payable", "acme", D("60.50"), date(2026, 4, 15), number="F2026/018",
                     party_ibans=(ACME_IBAN,))
BETA = OpenInvoice("inv-3", "payable", "beta", D("121.00"), date(2026, 4, 2), number="2026-0042",
                   rf="RF18539007547034", party_ibans=(BETA_IBAN,))
CLIENT = OpenInvoice("inv-4", "receivable", "client", D("121.00"), date(2026, 4, 1), structured="100000834941")
ITEMS = [ACME_1, ACME_2, BETA, CLIENT]


def line(amount: str, **kw) -> BankLine:
    return BankLine("1", kw.pop("on", date(2026, 4, 1)), D(amount), **kw)


def paid(match) -> list[tuple[str, D]]:
    return [(item.reference, amount) for item, amount in match.paid]


def test_structured_communication_wins_over_everything_and_follows_the_direction():
    out, into = match_statement([line("-121.00", structured="090933755493", counterparty_iban=BETA_IBAN),
                                 line("121.00", structured="100000834941")], ITEMS)
    assert (out.rule, paid(out)) == ("structured_reference", [("inv-1", D("121.00"))])
    assert (into.rule, paid(into)) == ("structured_reference", [("inv-4", D("121.00"))])


def test_a_partial_payment_by_structured_reference_pays_part_and_more_than_owed_pays_nothing():
    part, = match_statement([line("-21.00", structured="090933755493")], ITEMS)
    assert paid(part) == [("inv-1", D("21.00"))]
    over, = match_statement([line("-200.00", structured="090933755493")], ITEMS)
    assert not over.matched and ACME_1 in over.suggestions


def test_rf_reference_in_free_text():
    match, = match_statement([line("-121.00", communication="pay rf18 5390 0754 7034 thanks")], ITEMS)
    assert (match.rule, paid(match)) == ("rf_reference", [("inv-3", D("121.00"))])


def test_one_payment_for_two_invoices_named_in_the_text():
    match, = match_statement([line("-181.50", communication="Invoices F2026/017 + F2026/018",
                                   counterparty_iban=ACME_IBAN)], ITEMS)
    assert (match.rule, sorted(paid(match))) == ("invoice_number", [("inv-1", D("121.00")), ("inv-2", D("60.50"))])


def test_iban_and_amount_then_all_of_the_partys_invoices_together():
    one, = match_statement([line("-60.50", counterparty_iban=ACME_IBAN, communication="thanks")], ITEMS)
    assert (one.rule, paid(one)) == ("iban_amount", [("inv-2", D("60.50"))])
    both, = match_statement([line("-181.50", counterparty_iban=ACME_IBAN)], ITEMS)
    assert sorted(paid(both)) == [("inv-1", D("121.00")), ("inv-2", D("60.50"))]


def test_amount_and_date_only_when_one_invoice_fits():
    ambiguous, = match_statement([line("-121.00", on=date(2026, 4, 1))], ITEMS)  # ACME_1 and BETA both fit
    assert not ambiguous.matched and {s.reference for s in ambiguous.suggestions} >= {"inv-1", "inv-3"}
    single, = match_statement([line("-60.50", on=date(2026, 4, 20))], ITEMS)
    assert (single.rule, paid(single)) == ("amount_date", [("inv-2", D("60.50"))])
    far, = match_statement([line("-60.50", on=date(2026, 6, 20))], ITEMS)
    assert not far.matched


def test_an_invoice_paid_by_one_line_is_not_offered_to_the_next():
    first, second = match_statement([line("-121.00", structured="090933755493"),
                                     line("-121.00", structured="090933755493")], ITEMS)
    assert first.matched and not second.matched


def test_a_bank_fee_matches_nothing():
    fee, = match_statement([line("-2.50", communication="FRAIS DE GESTION / BEHEERSKOSTEN")], ITEMS)
    assert not fee.matched and fee.suggestions == ()
