"""Approval rules (PAY-8, PAY-9): per dossier, a set of users who must all approve, up to an amount."""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from payments.domain.errors import Code, Conflict, InvalidPayment, Problem

NAME_MAX = 100


@dataclass(frozen=True)
class ApprovalRule:
    """Every user of ``user_ids`` must approve; the rule covers amounts up to ``max_amount`` (None: any)."""

    id: UUID
    dossier_id: UUID
    name: str
    user_ids: frozenset[UUID]
    max_amount: Decimal | None = None

    def covers(self, amount: Decimal) -> bool:
        return self.max_amount is None or amount <= self.max_amount

    def is_complete(self, approved: Collection[UUID]) -> bool:
        """True once every user of the rule approved."""
        return self.user_ids <= set(approved)


def check_rule(name: str, user_ids: Collection[UUID], max_amount: Decimal | None,
               may_approve: Collection[UUID]) -> dict[str, Problem]:
    """The problems of a rule's definition, per field; ``may_approve`` are the dossier users allowed to pay."""
    problems: dict[str, Problem] = {}
    if not name.strip() or len(name) > NAME_MAX:
        problems["name"] = Problem(Code.TOO_LONG if name.strip() else Code.REQUIRED, f"1 to {NAME_MAX} characters",
                                   max=NAME_MAX)
    if not user_ids:
        problems["user_ids"] = Problem(Code.RULE_USERS, "a rule needs at least one user")
    elif unknown := sorted(str(u) for u in set(user_ids) - set(may_approve)):
        problems["user_ids"] = Problem(Code.RULE_NOT_PAYERS, "not active users of the dossier with the administrator "
                                       f"or full access profile: {', '.join(unknown)}")
    if max_amount is not None and max_amount <= 0:
        problems["max_amount"] = Problem(Code.AMOUNT_NOT_POSITIVE, "must be more than 0 (or absent for any amount)")
    return problems


def validated_rule(rule: ApprovalRule, may_approve: Collection[UUID]) -> ApprovalRule:
    """The rule when its definition is sound; InvalidPayment naming each bad field otherwise."""
    problems = check_rule(rule.name, rule.user_ids, rule.max_amount, may_approve)
    if problems:
        raise InvalidPayment(problems)
    return rule


def check_can_switch_off(awaiting_approval: int) -> None:
    """PAY-8: approval cannot be switched off while payments await approval."""
    if awaiting_approval:
        raise Conflict(f"{awaiting_approval} payment(s) await approval: approve or cancel them before "
                       "switching approval off", Code.APPROVAL_IN_USE, count=awaiting_approval)
