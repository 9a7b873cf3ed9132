"""Issue 17 item 2 (PAY-3): the dossier's own accounts to pay from — the default, and the account a SEPA file is
made from when the caller names none or only its IBAN."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from payments.domain.accounts import Account
from payments.domain.debtors import DebtorAccount, account_for, default, ordered, shared
from payments.domain.errors import InvalidPayment

T0 = datetime(2026, 11, 1, tzinfo=timezone.utc)
KBC, BELFIUS, ING = "BE74734019254307", "BE71096123456769", "BE42310178961854"


def _a(iban, seen=0, used=None, name=None, bic=None):
    return DebtorAccount(iban, bic, name, "bank_statement", T0 + timedelta(days=seen),
                         None if used is None else T0 + timedelta(days=used))


def test_the_default_is_the_account_last_paid_from_else_the_one_seen_last():
    assert default([]) is None
    seen = [_a(KBC, seen=1), _a(BELFIUS, seen=5), _a(ING, seen=3)]
    assert default(seen).iban == BELFIUS
    used = [_a(KBC, seen=1, used=2), _a(BELFIUS, seen=5), _a(ING, seen=3, used=9)]
    assert default(used).iban == ING
    assert [a.iban for a in ordered(used)] == [ING, BELFIUS, KBC]  # BE71 < BE74  # the default first, then by IBAN


def test_no_iban_given_takes_the_default_with_the_dossiers_name_and_its_banks_bic():
    account = account_for(None, None, None, [_a(KBC, seen=1), _a(BELFIUS, seen=2)], "Brasserie Dupont SRL")
    assert account == Account("Brasserie Dupont SRL", BELFIUS, "GKCCBEBB")


def test_an_iban_the_dossier_knows_lends_its_holder_name_and_bic():
    known = [_a(KBC, name="Dupont & Fils", bic="KREDBEBB")]
    assert account_for("be74 7340 1925 4307", None, None, known, "Dossier") == Account("Dupont & Fils", KBC, "KREDBEBB")
    assert account_for(KBC, None, "Other holder", known, "Dossier").name == "Other holder"


def test_no_account_at_all_is_a_clear_problem_on_the_iban():
    with pytest.raises(InvalidPayment) as refused:
        account_for("", None, None, [], "Dossier")
    assert refused.value.problems["debtor.iban"].code == "debtor_required"
    with pytest.raises(InvalidPayment) as bad:
        account_for("BE00 1234", None, None, [], "Dossier")
    assert bad.value.problems["debtor.iban"].code == "iban"


def test_a_long_dossier_name_is_cut_to_the_banks_limit():
    assert len(account_for(KBC, None, None, [], "X" * 90).name) == 70


def test_a_selection_shares_a_from_account_only_when_every_payment_names_the_same():
    a, b = Account("D", KBC, None), Account("D", ING, None)
    assert shared([a, a]) == a
    assert shared([a, b]) is None and shared([a, None]) is None and shared([]) is None
