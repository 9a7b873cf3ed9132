"""Edit approval rules and the dossier's approval switch (PAY-8)."""
from __future__ import annotations

import uuid
from decimal import Decimal
from uuid import UUID

import asyncpg

from payments.adapters import payments_repo, replica, rules_repo
from payments.domain.approval import ApprovalRule, check_can_switch_off, validated_rule
from payments.domain.errors import Code, Conflict, NotFound


async def save_rule(conn: asyncpg.Connection, dossier: replica.Dossier, rule_id: UUID | None, name: str,
                    user_ids: list[UUID], max_amount: Decimal | None) -> ApprovalRule:
    """Create (no id) or change a rule; its users must be the dossier's active payers."""
    if rule_id is not None and await rules_repo.get(conn, dossier.dossier_id, rule_id) is None:
        raise NotFound("no such approval rule in this dossier", Code.NOT_FOUND)
    rule = validated_rule(ApprovalRule(rule_id or uuid.uuid4(), dossier.dossier_id, name.strip(),
                                       frozenset(user_ids), max_amount), dossier.payers)
    await rules_repo.upsert(conn, rule)
    return rule


async def delete_rule(conn: asyncpg.Connection, dossier_id: UUID, rule_id: UUID) -> None:
    """Retire a rule no payment waits under."""
    if waiting := await payments_repo.awaiting_approval(conn, dossier_id, rule_id):
        raise Conflict(f"{waiting} payment(s) await approval under this rule: approve or cancel them first",
                       Code.RULE_IN_USE, count=waiting)
    if not await rules_repo.delete(conn, dossier_id, rule_id):
        raise NotFound("no such approval rule in this dossier", Code.NOT_FOUND)


async def switch_approval(conn: asyncpg.Connection, dossier_id: UUID, required: bool, by: UUID) -> None:
    """Approval on or off; never off while payments await approval."""
    await rules_repo.lock_dossier(conn, dossier_id)
    if not required:
        check_can_switch_off(await payments_repo.awaiting_approval(conn, dossier_id))
    await rules_repo.set_approval_required(conn, dossier_id, required, by)
