"""The Payment aggregate (PAY-2..9): draft → to_approve → to_execute → executed, or cancelled."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from payments.domain.accounts import Account
from payments.domain.approval import ApprovalRule
from payments.domain.communication import Communication
from payments.domain.errors import Code, Conflict, InvalidPayment, NotAllowed, Problem


class State(StrEnum):
    """Where a payment is in its life (the portal's tabs)."""

    DRAFT = "draft"
    TO_APPROVE = "to_approve"
    TO_EXECUTE = "to_execute"
    EXECUTED = "executed"
    CANCELLED = "cancelled"


OPEN = frozenset({State.DRAFT, State.TO_APPROVE, State.TO_EXECUTE})


class Method(StrEnum):
    """How the payment is handed to the bank: a SEPA file (PAY-3) or an EPC QR code (PAY-4)."""

    SEPA = "sepa"
    EPC_QR = "epc_qr"


@dataclass(frozen=True)
class BecameExecutable:
    """Recorded when a payment reaches to_execute: the handler publishes payment.approved for it."""

    payment_id: UUID


@dataclass(frozen=True)
class WentToBank:
    """Recorded when a payment is executed (payment.executed): by a SEPA file with its debtor account, an EPC QR
    code, or the bank's statement showing its invoice paid first (issue 17 item 1)."""

    payment_id: UUID
    executed_by: str
    debtor: Account | None = None


@dataclass(frozen=True)
class WasCancelled:
    """Recorded when an open payment is cancelled (payment.cancelled); ``was_approved``: payment.approved was
    published for it, so the invoice's "payment in progress" marks elsewhere are to be cleared."""

    payment_id: UUID
    was_approved: bool
    by: UUID | None = None


PaymentEvent = BecameExecutable | WentToBank | WasCancelled


@dataclass
class Payment:
    """A payment of a dossier to one creditor; ``approvals`` maps approver → when they approved."""

    id: UUID
    office_id: UUID
    dossier_id: UUID
    creditor: Account
    amount: Decimal
    communication: Communication
    initiated_by: UUID
    method: Method = Method.SEPA
    document_id: UUID | None = None
    execution_date: date | None = None
    state: State = State.DRAFT
    rule_id: UUID | None = None
    approvals: dict[UUID, datetime] = field(default_factory=dict)
    sepa_file_id: UUID | None = None
    executed_at: datetime | None = None
    debtor: Account | None = None  # PAY-2: the dossier's account to pay from (a SEPA file's default, PAY-3)
    events: list[PaymentEvent] = field(default_factory=list, compare=False, repr=False)

    def _expect(self, *states: State, doing: str) -> None:
        if self.state not in states:
            allowed = " or ".join(s.value for s in states)
            raise Conflict(f"cannot {doing} a payment in state {self.state.value} (needs {allowed})", Code.WRONG_STATE,
                           state=self.state.value)

    def request_approval(self, rule: ApprovalRule | None, *, approval_required: bool, now: datetime,
                         requester: UUID | None = None) -> None:
        """PAY-9: put the payment under to_approve with ``rule``; without required approval it goes straight
        to to_execute. The initiator (``requester``, by default who created it) who is a user of the rule
        approves by requesting: that step is skipped."""
        self._expect(State.DRAFT, doing="request approval of")
        if not approval_required:
            self.rule_id = None
            self._became_executable()
            return
        if rule is None:
            raise InvalidPayment({"rule_id": Problem(
                Code.RULE_REQUIRED, "approval is required on this dossier: choose an approval rule")})
        if rule.dossier_id != self.dossier_id:
            raise InvalidPayment({"rule_id": Problem(Code.RULE_UNKNOWN, "no such approval rule in this dossier")})
        if not rule.covers(self.amount):
            raise InvalidPayment({"rule_id": Problem(
                Code.RULE_TOO_SMALL, f"rule '{rule.name}' covers amounts up to {rule.max_amount} EUR, this payment is "
                f"{self.amount} EUR", rule=rule.name, limit=rule.max_amount, amount=self.amount)})
        self.rule_id = rule.id
        self.state = State.TO_APPROVE
        initiator = requester or self.initiated_by
        if initiator in rule.user_ids:
            self.approve(initiator, rule, now=now)

    def approve(self, user_id: UUID, rule: ApprovalRule, *, now: datetime) -> None:
        """PAY-8: one user of the rule approves; once all did, the payment is to_execute."""
        self._expect(State.TO_APPROVE, doing="approve")
        if rule.id != self.rule_id:
            raise Conflict("the payment waits under another approval rule", Code.WRONG_RULE)
        if user_id not in rule.user_ids:
            raise NotAllowed(f"you are not one of the approvers of rule '{rule.name}'", Code.NOT_APPROVER,
                             rule=rule.name)
        if not rule.covers(self.amount):
            raise NotAllowed(f"rule '{rule.name}' no longer covers {self.amount} EUR: request approval again",
                             Code.RULE_NO_LONGER_COVERS, rule=rule.name, amount=self.amount)
        if user_id in self.approvals:
            raise Conflict("you already approved this payment", Code.ALREADY_APPROVED)
        self.approvals[user_id] = now
        if rule.is_complete(self.approvals):
            self._became_executable()

    def _became_executable(self) -> None:
        self.state = State.TO_EXECUTE
        self.events.append(BecameExecutable(self.id))

    def cancel(self, by: UUID | None = None) -> None:
        """Cancel an open payment; an executed one was handed to the bank and stays."""
        self._expect(*sorted(OPEN), doing="cancel")
        was_approved = self.state is State.TO_EXECUTE
        self.state = State.CANCELLED
        self.events.append(WasCancelled(self.id, was_approved, by))

    def execute(self, *, now: datetime, method: Method, sepa_file_id: UUID | None = None,
                debtor: Account | None = None) -> None:
        """The payment went to the bank: in a SEPA file (PAY-3) or as an EPC QR code (PAY-4)."""
        self._expect(State.TO_EXECUTE, doing="execute")
        if method is not self.method:
            raise Conflict(f"this payment is to be paid by {self.method.value}, not {method.value}", Code.WRONG_METHOD)
        self.state = State.EXECUTED
        self.executed_at = now
        self.sepa_file_id = sepa_file_id
        self.events.append(WentToBank(self.id, "sepa_file" if method is Method.SEPA else "epc_qr", debtor))

    def paid_by_bank(self, *, now: datetime) -> bool:
        """Issue 17 item 1: the bank's statement shows the invoice paid while the approved payment waited to be
        executed here (paid from the bank's own app): it is executed. False, unchanged, in any other state."""
        if self.state is not State.TO_EXECUTE:
            return False
        self.state = State.EXECUTED
        self.executed_at = now
        self.events.append(WentToBank(self.id, "bank_statement"))
        return True
