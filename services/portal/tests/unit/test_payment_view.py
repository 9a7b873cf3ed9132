"""PAY-10 and PAY-3 in the payment screens' plain logic: the form prefilled from a purchase proposal, which proposals
can be prepared, and the SEPA file's debtor from the picker or a typed account."""
from __future__ import annotations

from datetime import date

from portal.domain.payment_view import debtor_body, payment_body, preparable, proposal_values, shared_account

TODAY = date(2026, 12, 7)


def _proposal(**changes):
    return {"document_id": "d1", "mailbox": "purchases", "document_kind": "invoice",
            "counterparty": {"name": "Proximus NV", "iban": "BE71096123456769"},
            "totals": {"gross": "1210.00"}, "payment_reference": "+++010/8068/17183+++",
            "due_date": "2027-01-15", **changes}


def test_a_proposal_prefills_amount_creditor_structured_communication_and_a_future_due_date():
    values = proposal_values(_proposal(), TODAY)
    assert (values["amount"], values["creditor_name"], values["creditor_iban"]) == (
        "1210.00", "Proximus NV", "BE71096123456769")
    assert (values["communication_kind"], values["communication_text"]) == ("structured", "+++010/8068/17183+++")
    assert values["execution_date"] == "2027-01-15" and values["method"] == "sepa"


def test_a_free_reference_is_free_text_none_is_none_and_a_past_due_date_is_left_to_the_default():
    assert proposal_values(_proposal(payment_reference="Invoice 42"), TODAY)["communication_kind"] == "free"
    assert proposal_values(_proposal(payment_reference="010806817183"), TODAY)["communication_kind"] == "structured"
    none = proposal_values(_proposal(payment_reference=None, due_date="2026-11-30"), TODAY)
    assert (none["communication_kind"], none["communication_text"], none["execution_date"]) == ("none", "", "")


def test_only_purchase_invoices_with_a_document_and_a_positive_total_are_preparable():
    assert preparable(_proposal())
    assert not preparable(_proposal(mailbox="sales"))
    assert not preparable(_proposal(document_kind="credit_note"))
    assert not preparable(_proposal(document_id=None))
    assert not preparable(_proposal(totals={"gross": "0.00"}))
    assert not preparable(_proposal(totals={"gross": "-5.00"}))
    assert not preparable(_proposal(totals={}))


def test_the_payment_body_names_the_from_account_or_none_for_the_default():
    assert payment_body({"debtor_iban": "BE74734019254307", "amount": "1"}, None)["debtor"] == {
        "iban": "BE74734019254307"}
    assert payment_body({"amount": "1"}, None)["debtor"] == {"iban": None}


def test_a_typed_account_wins_over_the_picked_one_and_the_shared_from_account_is_preselected():
    picked = {"debtor_account": "BE42310178961854", "debtor_iban": "", "debtor_name": ""}
    assert debtor_body(picked) == {"name": None, "iban": "BE42310178961854", "bic": None}
    typed = {**picked, "debtor_iban": "NL91ABNA0417164300", "debtor_name": "Other BV", "debtor_bic": "ABNANL2A"}
    assert debtor_body(typed) == {"name": "Other BV", "iban": "NL91ABNA0417164300", "bic": "ABNANL2A"}
    payments = [{"id": "a", "debtor": {"iban": "X"}}, {"id": "b", "debtor": {"iban": "X"}},
                {"id": "c", "debtor": {"iban": "Y"}}, {"id": "d", "debtor": None}]
    assert shared_account(payments, ["a", "b"]) == "X"
    assert shared_account(payments, ["a", "c"]) is None and shared_account(payments, ["a", "d"]) is None
