"""Communications (PAY-2), accounts and amounts, payment dates (PAY-5, PAY-10)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from payments.domain.accounts import check_account, check_amount
from payments.domain.communication import Kind, guess, parse
from payments.domain.dates import a_year_after, check_execution_date, default_payment_date, execution_date
from payments.domain.errors import Code, InvalidPayment

TODAY = date(2026, 11, 28)


@pytest.mark.parametrize("given", ["+++010/8068/17183+++", "010806817183", "***010/8068/17183***", "010/8068/17183"])
def test_a_belgian_structured_communication_is_checked_and_written_canonically(given):
    """PAY-2: any usual spelling of a valid OGM/VCS becomes +++010/8068/17183+++ with reference 010806817183."""
    c = parse("structured", given)
    assert (c.kind, c.text, c.reference) == (Kind.STRUCTURED, "+++010/8068/17183+++", "010806817183")


def test_a_structured_communication_with_wrong_check_digits_is_refused_naming_the_field():
    """PAY-2: mod-97 check digits (010806817184 is off by one)."""
    with pytest.raises(InvalidPayment) as refused:
        parse("structured", "+++010/8068/17184+++")
    assert list(refused.value.problems) == ["communication.text"]


def test_rf_references_free_text_and_none():
    """PAY-2: RF creditor references are checked (ISO 11649); free text is kept up to 140; none has no text."""
    assert parse("creditor_reference", "RF18 5390 0754 7034").text == "RF18539007547034"
    with pytest.raises(InvalidPayment):
        parse("creditor_reference", "RF19539007547034")
    assert parse("free", " Factuur 12 ").text == "Factuur 12"
    with pytest.raises(InvalidPayment):
        parse("free", "x" * 141)
    with pytest.raises(InvalidPayment):
        parse("none", "text")
    with pytest.raises(InvalidPayment):
        parse("free", "")


def test_a_documents_payment_reference_is_recognised_for_the_prefill():
    """PAY-2: a document's reference is a structured one when it checks, RF when it checks, free otherwise."""
    assert guess("+++010/8068/17183+++").kind is Kind.STRUCTURED
    assert guess("RF18539007547034").kind is Kind.CREDITOR_REFERENCE
    assert guess("+++010/8068/17184+++").kind is Kind.FREE
    assert guess(None).kind is Kind.NONE


def test_accounts_are_checked_and_a_belgian_bic_is_derived():
    """PAY-2: IBAN checksum and bank code, BIC format; a Belgian IBAN gets its bank's BIC."""
    account, problems = check_account("Proximus NV", "BE71 0961 2345 6769", None, field="creditor")
    assert problems == {} and account.iban == "BE71096123456769" and account.bic == "GKCCBEBB"
    _, problems = check_account("", "BE71096123456768", "NOPE", field="creditor")
    assert set(problems) == {"creditor.name", "creditor.iban", "creditor.bic"}


@pytest.mark.parametrize("bad", ["0", "-5", "1.001", "abc", 1.5, "1000000000.00"])
def test_amounts_are_positive_euros_with_cents(bad):
    """PAY-2: amount EUR > 0, two decimals at most, never a float."""
    amount, problems = check_amount(bad)
    assert amount is None and list(problems) == ["amount"]
    assert check_amount("12.5") == (Decimal("12.50"), {})


def test_today_or_a_past_date_becomes_the_files_creation_date():
    """PAY-5: today or past (or none) → the creation date; a future date is kept."""
    assert execution_date(date(2026, 11, 1), today=TODAY) == TODAY
    assert execution_date(TODAY, today=TODAY) == TODAY
    assert execution_date(None, today=TODAY) == TODAY
    assert execution_date(date(2026, 12, 5), today=TODAY) == date(2026, 12, 5)


def test_the_dossiers_default_payment_date():
    """PAY-10: due date (also when unset), invoice date or today; a missing date, or one already past (issue 15
    item 11: a payment is not prefilled into the past), falls back to today."""
    due, inv = date(2026, 12, 20), date(2026, 11, 20)
    assert default_payment_date("due_date", today=TODAY, due=due, invoice=inv) == due
    assert default_payment_date(None, today=TODAY, due=due, invoice=inv) == due
    assert default_payment_date("invoice_date", today=TODAY, due=due, invoice=inv) == TODAY
    assert default_payment_date("invoice_date", today=TODAY, invoice=date(2026, 12, 1)) == date(2026, 12, 1)
    assert default_payment_date("due_date", today=TODAY, due=date(2026, 10, 1)) == TODAY
    assert default_payment_date("today", today=TODAY, due=due, invoice=inv) == TODAY
    assert default_payment_date("due_date", today=TODAY) == TODAY


def test_a_date_a_person_asks_for_is_from_today_to_a_year_ahead():
    """Issue 15 item 11: drafts dated 0001-01-01 and 9999-12-31 existed; each refusal says its limit as a code."""
    assert check_execution_date(TODAY, today=TODAY) is None
    assert check_execution_date(date(2027, 11, 28), today=TODAY) is None
    past, far = check_execution_date(date(1, 1, 1), today=TODAY), check_execution_date(date(9999, 12, 31), today=TODAY)
    assert (past.code, past.params) == (Code.DATE_IN_PAST, {"earliest": "2026-11-28"})
    assert (far.code, far.params) == (Code.DATE_TOO_FAR, {"latest": "2027-11-28"})
    assert check_execution_date(date(2027, 11, 29), today=TODAY).code is Code.DATE_TOO_FAR
    assert a_year_after(date(2028, 2, 29)) == date(2029, 2, 28)
