"""The Payment aggregate and approval rules (PAY-8, PAY-9): states, all approvers, amount cap, initiator skip."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from decimal import Decimal

import pytest

from payments.domain.accounts import Account
from payments.domain.approval import ApprovalRule, check_can_switch_off, check_rule
from payments.domain.communication import NONE
from payments.domain.errors import Conflict, InvalidPayment, NotAllowed
from payments.domain.payment import BecameExecutable, Method, Payment, State, WasCancelled, WentToBank

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=timezone.utc)
DOSSIER, ANNA, BOB, CAROL = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def payment(amount: str = "100.00", initiator: uuid.UUID = CAROL) -> Payment:
    return Payment(id=uuid.uuid4(), office_id=uuid.uuid4(), dossier_id=DOSSIER,
                   creditor=Account("Proximus NV", "BE71096123456769", "GKCCBEBB"), amount=Decimal(amount),
                   communication=NONE, initiated_by=initiator)


def rule(*users: uuid.UUID, max_amount: str | None = None) -> ApprovalRule:
    return ApprovalRule(uuid.uuid4(), DOSSIER, "two signatures", frozenset(users),
                        Decimal(max_amount) if max_amount else None)


def test_every_user_of_the_rule_must_approve_before_the_payment_is_to_execute():
    """PAY-8: with two users on the rule, one approval leaves it to_approve; the second makes it to_execute."""
    p, r = payment(), rule(ANNA, BOB)
    p.request_approval(r, approval_required=True, now=NOW)
    assert p.state is State.TO_APPROVE and p.events == []
    p.approve(ANNA, r, now=NOW)
    assert p.state is State.TO_APPROVE and p.events == []
    p.approve(BOB, r, now=NOW)
    assert p.state is State.TO_EXECUTE and p.events == [BecameExecutable(p.id)]
    assert set(p.approvals) == {ANNA, BOB}


def test_only_users_of_the_rule_approve_and_only_once():
    """PAY-8: an outsider is refused; approving twice is a conflict, not a second signature."""
    p, r = payment(), rule(ANNA, BOB)
    p.request_approval(r, approval_required=True, now=NOW)
    with pytest.raises(NotAllowed):
        p.approve(CAROL, r, now=NOW)
    p.approve(ANNA, r, now=NOW)
    with pytest.raises(Conflict):
        p.approve(ANNA, r, now=NOW)
    assert p.state is State.TO_APPROVE


def test_a_rule_covers_amounts_up_to_its_cap_only():
    """PAY-8: the amount each rule may approve; a bigger payment is refused naming rule_id."""
    r = rule(ANNA, max_amount="500.00")
    p = payment("500.01")
    with pytest.raises(InvalidPayment) as refused:
        p.request_approval(r, approval_required=True, now=NOW)
    assert "rule_id" in refused.value.problems and p.state is State.DRAFT
    ok = payment("500.00")
    ok.request_approval(r, approval_required=True, now=NOW)
    assert ok.state is State.TO_APPROVE


def test_an_initiator_who_may_approve_skips_the_approval_step():
    """PAY-9: the initiator on a one-user rule goes straight to to_execute; on a two-user rule their approval
    counts and the other user still has to approve."""
    alone = payment(initiator=ANNA)
    alone.request_approval(rule(ANNA), approval_required=True, now=NOW)
    assert alone.state is State.TO_EXECUTE and alone.approvals == {ANNA: NOW}
    pair, r = payment(initiator=ANNA), rule(ANNA, BOB)
    pair.request_approval(r, approval_required=True, now=NOW)
    assert pair.state is State.TO_APPROVE and set(pair.approvals) == {ANNA}
    pair.approve(BOB, r, now=NOW)
    assert pair.state is State.TO_EXECUTE


def test_without_required_approval_a_request_goes_straight_to_execute_and_a_rule_is_needed_otherwise():
    """PAY-9: approval off → to_execute without a rule; approval on without a rule → 422 on rule_id."""
    p = payment()
    p.request_approval(None, approval_required=False, now=NOW)
    assert p.state is State.TO_EXECUTE and p.rule_id is None and len(p.events) == 1
    with pytest.raises(InvalidPayment) as refused:
        payment().request_approval(None, approval_required=True, now=NOW)
    assert list(refused.value.problems) == ["rule_id"]


def test_states_move_forward_only():
    """PAY-3/4: executed needs to_execute and the payment's method; executed cannot be cancelled."""
    p = payment()
    with pytest.raises(Conflict):
        p.execute(now=NOW, method=Method.SEPA)
    p.request_approval(None, approval_required=False, now=NOW)
    with pytest.raises(Conflict):
        p.execute(now=NOW, method=Method.EPC_QR)
    p.execute(now=NOW, method=Method.SEPA)
    assert p.state is State.EXECUTED and p.executed_at == NOW
    with pytest.raises(Conflict):
        p.cancel()
    q = payment()
    q.request_approval(rule(ANNA), approval_required=True, now=NOW)
    q.cancel()
    assert q.state is State.CANCELLED
    with pytest.raises(Conflict):
        q.approve(ANNA, rule(ANNA), now=NOW)


def test_approval_cannot_be_switched_off_while_payments_await_approval():
    """PAY-8: one pending payment blocks switching approval off; none lets it through."""
    with pytest.raises(Conflict, match="1 payment"):
        check_can_switch_off(1)
    check_can_switch_off(0)


def test_a_rule_needs_users_of_the_dossier_who_may_pay():
    """PAY-8: rule users must be active administrator/full-access users; the cap must be positive."""
    problems = check_rule("Boss", [ANNA, BOB], Decimal("0"), may_approve=[ANNA])
    assert set(problems) == {"user_ids", "max_amount"} and str(BOB) in problems["user_ids"]
    assert check_rule("Boss", [ANNA], None, may_approve=[ANNA]) == {}
    assert "user_ids" in check_rule("Boss", [], None, may_approve=[ANNA])


def test_cancel_and_execution_record_their_events():
    """Issue 17 item 1: cancelling says whether payment.approved went out before (to clear 'payment in progress'
    elsewhere); a SEPA file records its debtor account; an EPC QR payment records how it went."""
    draft, approved = payment(), payment()
    draft.cancel(ANNA)
    assert draft.events == [WasCancelled(draft.id, False, ANNA)]
    approved.request_approval(None, approval_required=False, now=NOW)
    approved.events.clear()
    approved.cancel()
    assert approved.state is State.CANCELLED and approved.events == [WasCancelled(approved.id, True, None)]
    sepa = payment()
    sepa.request_approval(None, approval_required=False, now=NOW)
    debtor = Account("Bakkerij Janssens BV", "NL91ABNA0417164300")
    sepa.execute(now=NOW, method=Method.SEPA, sepa_file_id=DOSSIER, debtor=debtor)
    assert sepa.events[-1] == WentToBank(sepa.id, "sepa_file", debtor)
    qr = payment()
    qr.method = Method.EPC_QR
    qr.request_approval(None, approval_required=False, now=NOW)
    qr.execute(now=NOW, method=Method.EPC_QR)
    assert qr.events[-1] == WentToBank(qr.id, "epc_qr")


def test_the_bank_statement_executes_only_a_payment_waiting_to_be_executed():
    """Issue 17 item 1: a bank line paying the invoice of an approved payment executes it; a draft, a payment
    waiting for approval or one already executed by its SEPA file is left as it is."""
    waiting, draft, done = payment(), payment(), payment()
    waiting.request_approval(None, approval_required=False, now=NOW)
    done.request_approval(None, approval_required=False, now=NOW)
    done.execute(now=NOW, method=Method.SEPA)
    done.events.clear()
    assert waiting.paid_by_bank(now=NOW) and waiting.state is State.EXECUTED and waiting.executed_at == NOW
    assert waiting.events[-1] == WentToBank(waiting.id, "bank_statement")
    assert not draft.paid_by_bank(now=NOW) and draft.state is State.DRAFT and draft.events == []
    assert not done.paid_by_bank(now=NOW) and done.events == []
