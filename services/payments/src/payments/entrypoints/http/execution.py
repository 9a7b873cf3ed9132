"""HTTP API of execution: SEPA files (PAY-3, PAY-5, PAY-6) and EPC QR codes (PAY-4)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, Field
from runtime.auth.fastapi import require
from runtime.auth.principal import Principal
from runtime.http_media import file_answer
from runtime.storage import content_disposition

from payments.adapters import accounts_repo, files_repo, qr
from payments.domain import debtors
from payments.entrypoints.http.common import dossier_of, payment_json, pool, store, user_id
from payments.entrypoints.http.schemas import DebtorAccountsOut, PaymentOut, PreviewOut, SepaFileOut, SepaFilesOut
from payments.handlers import execution, lifecycle

router = APIRouter()
FILES = "/dossiers/{dossier_id}/sepa-files"


class DebtorIn(BaseModel):
    """The account to pay from; an IBAN alone takes the name and BIC the dossier's account has (PAY-3)."""

    name: str | None = Field(default=None, max_length=200)
    iban: str | None = Field(default=None, max_length=50)
    bic: str | None = Field(default=None, max_length=20)


class SelectionIn(BaseModel):
    payment_ids: list[UUID] = Field(max_length=execution.MAX_PER_FILE)


class SepaFileIn(SelectionIn):
    """One debtor account per file; one optional date for all (today or past = the creation date, PAY-5)."""

    debtor: DebtorIn = Field(default_factory=DebtorIn, description="none: the payments' own from-account when "
                             "they share one, else the dossier's default account")
    execution_date: date | None = None


def _file_json(record: dict) -> dict:
    keep = ("id", "dossier_id", "debtor_name", "debtor_iban", "debtor_bic", "execution_date", "count", "created_at",
            "created_by", "sha256", "size", "payment_ids")
    return {**{k: record[k] for k in keep if k in record}, "total": str(record["total"]), "currency": "EUR"}


@router.post(FILES + "/preview", response_model=PreviewOut)
async def preview(dossier_id: UUID, given: SelectionIn, request: Request,
                  who: Principal = Depends(require("payment.execute"))) -> dict:
    """'Execute N payments for €total' before the file is made; refuses what could not go in it."""
    async with pool(request).acquire() as conn:
        summary = execution.summary(await execution.selected(conn, dossier_id, tuple(given.payment_ids)))
    return {"count": summary["count"], "total": str(summary["total"]), "currency": "EUR"}


@router.post(FILES, status_code=201, response_model=SepaFileOut, response_model_exclude_unset=True)
async def create_file(dossier_id: UUID, given: SepaFileIn, request: Request,
                      who: Principal = Depends(require("payment.execute"))) -> dict:
    """The pain.001.001.03 file, stored and kept; its payments are executed."""
    dossier = await dossier_of(request, dossier_id)
    cmd = execution.ExecuteSepa(tuple(given.payment_ids), given.debtor.name, given.debtor.iban, given.debtor.bic,
                                user_id(who), given.execution_date)
    async with pool(request).acquire() as conn, conn.transaction():
        record = await execution.execute_sepa(conn, store(request), dossier, cmd, now=datetime.now(timezone.utc))
    return _file_json(record)


@router.get("/dossiers/{dossier_id}/debtor-accounts", response_model=DebtorAccountsOut)
async def debtor_accounts(dossier_id: UUID, request: Request,
                          who: Principal = Depends(require("payment.view"))) -> dict:
    """PAY-3: the dossier's own accounts to pay from, the default first (the last a SEPA file was made from, else
    the last the bank or the accounting software showed); ``holder``: the name a file gives an account without."""
    dossier = await dossier_of(request, dossier_id)
    accounts = debtors.ordered(await accounts_repo.listing(pool(request), dossier_id))
    return {"accounts": [{"iban": a.iban, "bic": a.bic, "name": a.name, "source": a.source,
                          "last_used_at": a.last_used_at, "default": n == 0} for n, a in enumerate(accounts)],
            "default": accounts[0].iban if accounts else None, "holder": dossier.name}


@router.get(FILES, response_model=SepaFilesOut, response_model_exclude_unset=True)
async def list_files(dossier_id: UUID, request: Request, who: Principal = Depends(require("payment.view"))) -> dict:
    async with pool(request).acquire() as conn:
        return {"files": [_file_json(r) for r in await files_repo.listing(conn, dossier_id)]}


@router.get(FILES + "/{file_id}/xml", **file_answer("the pain.001 file, byte for byte", "application/xml"))
async def download(dossier_id: UUID, file_id: UUID, request: Request,
                   who: Principal = Depends(require("payment.execute"))) -> Response:
    """PAY-6: the file again, byte for byte."""
    async with pool(request).acquire() as conn:
        record, data = await execution.sepa_file_bytes(conn, store(request), dossier_id, file_id)
    name = f"sepa-{record['created_at']:%Y%m%d-%H%M%S}-{str(file_id)[:8]}.xml"
    return Response(data, media_type="application/xml",
                    headers={"content-disposition": content_disposition(name), "x-content-sha256": record["sha256"]})


@router.get("/dossiers/{dossier_id}/payments/{payment_id}/epc-qr.{fmt}",
            **file_answer("the EPC QR code as PNG or SVG; txt: its payload", *qr.MEDIA_TYPES.values(), "text/plain"))
async def epc_qr(dossier_id: UUID, payment_id: UUID, fmt: Literal["svg", "png", "txt"], request: Request,
                 who: Principal = Depends(require("payment.execute"))) -> Response:
    """PAY-4: the EPC QR code of an approved EPC payment (txt: the payload itself)."""
    async with pool(request).acquire() as conn:
        payment = await lifecycle.load(conn, dossier_id, payment_id)
    payload = execution.qr_payload(payment)
    if fmt == "txt":
        return Response(payload.encode(), media_type="text/plain; charset=utf-8")
    return Response(qr.render(payload, fmt), media_type=qr.MEDIA_TYPES[fmt], headers={"cache-control": "no-store"})


@router.post("/dossiers/{dossier_id}/payments/{payment_id}/paid-by-qr", response_model=PaymentOut)
async def paid_by_qr(dossier_id: UUID, payment_id: UUID, request: Request,
                     who: Principal = Depends(require("payment.execute"))) -> dict:
    """PAY-4: the code was scanned by a banking app: the payment goes straight to executed."""
    async with pool(request).acquire() as conn, conn.transaction():
        payment = await execution.pay_by_qr(conn, dossier_id, payment_id, now=datetime.now(timezone.utc))
    return payment_json(payment)
