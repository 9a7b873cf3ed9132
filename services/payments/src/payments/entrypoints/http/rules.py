"""HTTP API of approval rules and the approval switch (PAY-8): read by payers, edited by administrators."""
from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal

from payments.adapters import rules_repo
from payments.domain.approval import ApprovalRule
from payments.entrypoints.http.common import dossier_of, pool, user_id
from payments.entrypoints.http.schemas import ApprovalSwitchOut, RuleOut, RulesOut
from payments.handlers import rules

router = APIRouter()
RULES = "/dossiers/{dossier_id}/approval-rules"


class RuleIn(BaseModel):
    name: str = Field(max_length=200)
    user_ids: list[UUID] = Field(max_length=50)
    max_amount: Decimal | None = Field(default=None, max_digits=14, decimal_places=2,
                                       description="EUR; absent: any amount")


class ApprovalSwitchIn(BaseModel):
    required: bool


def _rule_json(r: ApprovalRule) -> dict:
    return {"id": r.id, "name": r.name, "user_ids": sorted(r.user_ids, key=str),
            "max_amount": None if r.max_amount is None else str(r.max_amount)}


@router.get(RULES, response_model=RulesOut)
async def list_rules(dossier_id: UUID, request: Request, who: Principal = Depends(require("payment.view"))) -> dict:
    async with pool(request).acquire() as conn:
        return {"approval_required": await rules_repo.approval_required(conn, dossier_id),
                "rules": [_rule_json(r) for r in await rules_repo.listing(conn, dossier_id)]}


@router.post(RULES, status_code=201, response_model=RuleOut)
async def create_rule(dossier_id: UUID, given: RuleIn, request: Request,
                      who: Principal = Depends(require("payment.rules.manage"))) -> dict:
    dossier = await dossier_of(request, dossier_id)
    async with pool(request).acquire() as conn, conn.transaction():
        return _rule_json(await rules.save_rule(conn, dossier, None, given.name, given.user_ids, given.max_amount))


@router.put(RULES + "/{rule_id}", response_model=RuleOut)
async def change_rule(dossier_id: UUID, rule_id: UUID, given: RuleIn, request: Request,
                      who: Principal = Depends(require("payment.rules.manage"))) -> dict:
    dossier = await dossier_of(request, dossier_id)
    async with pool(request).acquire() as conn, conn.transaction():
        return _rule_json(await rules.save_rule(conn, dossier, rule_id, given.name, given.user_ids, given.max_amount))


@router.delete(RULES + "/{rule_id}", status_code=204)
async def delete_rule(dossier_id: UUID, rule_id: UUID, request: Request,
                      who: Principal = Depends(require("payment.rules.manage"))) -> Response:
    async with pool(request).acquire() as conn, conn.transaction():
        await rules.delete_rule(conn, dossier_id, rule_id)
    return Response(status_code=204)


@router.put("/dossiers/{dossier_id}/approval", response_model=ApprovalSwitchOut)
async def switch_approval(dossier_id: UUID, given: ApprovalSwitchIn, request: Request,
                          who: Principal = Depends(require("payment.rules.manage"))) -> dict:
    """PAY-8: approval on or off for the dossier's payments; 409 when switching off with payments pending."""
    async with pool(request).acquire() as conn, conn.transaction():
        await rules.switch_approval(conn, dossier_id, given.required, user_id(who))
    return {"approval_required": given.required}
