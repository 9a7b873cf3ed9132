"""Hand payments to the bank: a SEPA pain.001 file for several (PAY-3, PAY-5, PAY-6), an EPC QR code for one (PAY-4)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

import asyncpg
from runtime.storage import ObjectStorage

from payments.adapters import accounts_repo, files_repo, pain001, payments_repo, replica
from payments.domain import debtors
from payments.domain.dates import check_execution_date, execution_date
from payments.domain.epc import epc_payload
from payments.domain.errors import Code, Conflict, InvalidPayment, NotFound, Problem
from payments.domain.payment import Method, Payment, State
from payments.entrypoints.metrics import PAYMENTS_EXECUTED, SEPA_FILES
from payments.handlers.lifecycle import load, save

MAX_PER_FILE = 1000


@dataclass(frozen=True)
class ExecuteSepa:
    """Several to_execute payments, one debtor account (none given: the payments' own, else the dossier's default),
    optionally one date for the whole file."""

    payment_ids: tuple[UUID, ...]
    debtor_name: str | None
    debtor_iban: str | None
    debtor_bic: str | None
    created_by: UUID
    execution_date: date | None = None


def summary(payments: list[Payment]) -> dict[str, Any]:
    """'Execute N payments for €total' (PAY-3)."""
    return {"count": len(payments), "total": sum((p.amount for p in payments), Decimal("0.00"))}


async def selected(conn: asyncpg.Connection, dossier_id: UUID, ids: tuple[UUID, ...], *,
                   lock: bool = False) -> list[Payment]:
    """The selected payments when each is a to_execute SEPA payment of the dossier; errors name the others."""
    if not ids:
        raise InvalidPayment({"payment_ids": Problem(Code.SELECTION_EMPTY, "select at least one payment")})
    if len(set(ids)) != len(ids) or len(ids) > MAX_PER_FILE:
        raise InvalidPayment({"payment_ids": Problem(
            Code.SELECTION_TOO_LARGE, f"each payment once, at most {MAX_PER_FILE} per file", max=MAX_PER_FILE)})
    payments = await payments_repo.many(conn, dossier_id, list(ids), lock=lock)
    if missing := sorted(str(i) for i in set(ids) - {p.id for p in payments}):
        raise NotFound(f"no such payments in this dossier: {', '.join(missing)}", Code.NOT_FOUND)
    wrong = [f"{p.id} ({p.state.value}, {p.method.value})" for p in payments
             if p.state is not State.TO_EXECUTE or p.method is not Method.SEPA]
    if wrong:
        raise Conflict(f"only approved SEPA payments (to_execute) go in a file: {', '.join(wrong)}", Code.NOT_IN_FILE)
    return payments


async def _debtor(conn: asyncpg.Connection, dossier: replica.Dossier, cmd: ExecuteSepa,
                  payments: list[Payment]) -> debtors.Account:
    """PAY-3: the account given (its IBAN enough when the dossier knows it), else the one every selected payment
    names, else the dossier's default."""
    known = await accounts_repo.listing(conn, dossier.dossier_id)
    if not (cmd.debtor_iban or "").strip() and (own := debtors.shared(p.debtor for p in payments)) is not None:
        return debtors.account_for(own.iban, own.bic, own.name, known, dossier.name)
    return debtors.account_for(cmd.debtor_iban, cmd.debtor_bic, cmd.debtor_name, known, dossier.name)


async def execute_sepa(conn: asyncpg.Connection, store: ObjectStorage, dossier: replica.Dossier,
                       cmd: ExecuteSepa, *, now: datetime) -> dict[str, Any]:
    """Build, validate and store the file, keep it, and move its payments to executed; the debtor account is
    remembered as the dossier's default."""
    dossier_id, office_id = dossier.dossier_id, dossier.office_id
    problems: dict[str, Problem] = {}
    if cmd.execution_date is not None:  # a past date becomes today (PAY-5); years ahead is a typing error
        far = check_execution_date(cmd.execution_date, today=now.date())
        if far is not None and far.code is Code.DATE_TOO_FAR:
            problems["execution_date"] = far
    if problems:
        raise InvalidPayment(problems)
    payments = await selected(conn, dossier_id, cmd.payment_ids, lock=True)
    debtor = await _debtor(conn, dossier, cmd, payments)
    file_id, today = uuid.uuid4(), now.date()
    transfers = [pain001.Transfer(p.id, p.creditor, p.amount, p.communication,
                                  execution_date(cmd.execution_date or p.execution_date, today=today))
                 for p in payments]
    data = pain001.build(debtor, transfers, message_id=file_id.hex)
    stored = await store.put_bytes(data, "application/xml")
    record = {"id": file_id, "office_id": office_id, "dossier_id": dossier_id, "storage_key": stored.key,
              "sha256": stored.sha256, "size": stored.size, "debtor_name": debtor.name, "debtor_iban": debtor.iban,
              "debtor_bic": debtor.bic, "execution_date": cmd.execution_date, **summary(payments),
              "created_at": now, "created_by": cmd.created_by}
    await files_repo.insert(conn, record)
    await accounts_repo.used(conn, dossier_id, debtor, now)
    for p in payments:
        p.execute(now=now, method=Method.SEPA, sepa_file_id=file_id, debtor=debtor)
        await save(conn, p)
    SEPA_FILES.inc()
    PAYMENTS_EXECUTED.labels(Method.SEPA.value).inc(len(payments))
    return {**record, "payment_ids": [p.id for p in payments]}


async def sepa_file_bytes(conn: asyncpg.Connection, store: ObjectStorage, dossier_id: UUID,
                          file_id: UUID) -> tuple[dict[str, Any], bytes]:
    """PAY-6: a file produced earlier, byte for byte."""
    record = await files_repo.get(conn, dossier_id, file_id)
    if record is None:
        raise NotFound("no such SEPA file in this dossier", Code.NOT_FOUND)
    return record, await store.get_bytes(record["storage_key"])


def qr_payload(payment: Payment) -> str:
    """The EPC payload of an EPC QR payment that is approved (to_execute) or was paid that way."""
    if payment.method is not Method.EPC_QR:
        raise Conflict("this payment is paid by SEPA file, not by EPC QR code", Code.WRONG_METHOD)
    if payment.state not in (State.TO_EXECUTE, State.EXECUTED):
        raise Conflict(f"an EPC QR code is shown once the payment is approved (it is {payment.state.value})",
                       Code.WRONG_STATE, state=payment.state.value)
    return epc_payload(payment.creditor.name, payment.creditor.iban, payment.amount, payment.communication,
                       payment.creditor.bic)


async def pay_by_qr(conn: asyncpg.Connection, dossier_id: UUID, payment_id: UUID, *, now: datetime) -> Payment:
    """PAY-4: the code was handed to a banking app; the payment goes straight to executed."""
    payment = await load(conn, dossier_id, payment_id)
    qr_payload(payment)
    payment.execute(now=now, method=Method.EPC_QR)
    await save(conn, payment)
    PAYMENTS_EXECUTED.labels(Method.EPC_QR.value).inc()
    return payment
