"""The Tryton adapter: one Tryton server (an installation), one database per dossier code."""
from __future__ import annotations

import asyncio
import logging
from datetime import date

import httpx
from contracts.events.ledger import BankTransaction, Booking, OpenItem

from sync_connector.adapters.tryton import journals, moves, posting, records, vat_amounts
from sync_connector.adapters.tryton.provision import database_name
from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.domain.errors import SoftwareRejected
from sync_connector.domain.journals import JournalOutcome, JournalTemplate
from sync_connector.domain.orders import check_totals
from sync_connector.domain.ports import BookingOrder, DossierInfo, MasterDataSet, Posted, Removed

log = logging.getLogger(__name__)


class TrytonAdapter:
    """AccountingAdapter over Tryton's JSON-RPC; a logged-in session per dossier database, reused."""

    name = "tryton"

    def __init__(self, url: str, *, user: str, password: str, db_prefix: str = "tryton_",
                 suspense_account: str = "499000", timeout_s: float = 60.0) -> None:
        self.url = url
        self._user, self._password, self._prefix = user, password, db_prefix
        self.suspense = suspense_account
        self._client = httpx.AsyncClient(timeout=timeout_s)
        self._sessions: dict[str, TrytonRpc] = {}
        self._locks: dict[str, asyncio.Lock] = {}
        self._taxes: dict[str, tuple[list, dict[str, int]]] = {}

    async def close(self) -> None:
        await self._client.aclose()

    async def rpc(self, dossier_code: str) -> TrytonRpc:
        """The logged-in session of the dossier's database (DossierNotFound when there is none)."""
        db = database_name(self._prefix, dossier_code)
        lock = self._locks.setdefault(db, asyncio.Lock())
        async with lock:
            session = self._sessions.get(db)
            if session is None:
                session = TrytonRpc(self.url, db, self._user, self._password, client=self._client)
                await session.login()
                self._sessions[db] = session
            return session

    async def find_dossier(self, dossier_code: str) -> DossierInfo:
        rpc = await self.rpc(dossier_code)
        own = await records.company_party(rpc)
        party = (await rpc.model("party.party", "read", [own], ["name"]))[0]
        vat = await rpc.search_read("party.identifier", [("party", "=", own)], ["code"])
        return DossierInfo(dossier_code=dossier_code, name=party["name"], vat_number=vat[0]["code"] if vat else None)

    async def _tax_codes(self, rpc: TrytonRpc, *, fresh: bool = False) -> tuple[list, dict[str, int]]:
        """The VAT codes and code -> tax id; kept per session, read afresh by every sync."""
        cached = self._taxes.get(rpc.database)
        if cached is None or fresh:
            cached = self._taxes[rpc.database] = await records.taxes(rpc)
        return cached

    async def read_master_data(self, dossier_code: str) -> MasterDataSet:
        rpc = await self.rpc(dossier_code)
        vat_codes, tax_ids = await self._tax_codes(rpc, fresh=True)
        return MasterDataSet(
            accounts=await records.accounts(rpc), counterparties=await records.counterparties(rpc),
            journals=await records.journals(rpc), periods=await records.periods(rpc), vat_codes=vat_codes,
            entries=await self._entries(rpc, tax_ids), open_items=await records.open_items(rpc),
            bank_transactions=await records.bank_transactions(rpc))

    async def _entries(self, rpc: TrytonRpc, tax_ids: dict[str, int]) -> list[Booking]:
        tax_codes = {v: k for k, v in tax_ids.items()}
        return (await records.invoice_bookings(rpc, [("state", "!=", "cancelled")], tax_codes)
                + await records.move_bookings(rpc))

    async def read_entries(self, dossier_code: str) -> list[Booking]:
        rpc = await self.rpc(dossier_code)
        _, tax_ids = await self._tax_codes(rpc)
        return await self._entries(rpc, tax_ids)

    async def read_open_items(self, dossier_code: str) -> list[OpenItem]:
        return await records.open_items(await self.rpc(dossier_code))

    async def read_bank_transactions(self, dossier_code: str) -> list[BankTransaction]:
        return await records.bank_transactions(await self.rpc(dossier_code))

    async def _invoice_id(self, rpc: TrytonRpc, external_id: str) -> tuple[int, str] | None:
        rows = await rpc.search_read("account.invoice", [("bf_external_id", "=", external_id)], ["state"])
        return (rows[0]["id"], rows[0]["state"]) if rows else None

    async def find_booking(self, dossier_code: str, external_id: str) -> Booking | None:
        rpc = await self.rpc(dossier_code)
        found = await self._invoice_id(rpc, external_id)
        if found:
            return await self._booking(rpc, found[0])
        move = await moves.find(rpc, external_id)
        return await moves.booking(rpc, move[0]) if move else None

    async def _booking(self, rpc: TrytonRpc, invoice_id: int) -> Booking:
        _, tax_ids = await self._tax_codes(rpc)
        booking, = await records.invoice_bookings(rpc, [("id", "=", invoice_id)], {v: k for k, v in tax_ids.items()})
        return booking

    async def post_booking(self, dossier_code: str, order: BookingOrder) -> Posted:
        rpc = await self.rpc(dossier_code)
        found = await self._invoice_id(rpc, order.external_id)
        move = None if found else await moves.find(rpc, order.external_id)
        if move is not None:
            if order.final and move[1] == "draft":
                await rpc.model("account.move", "post", [move[0]], context=posting.EN, accept_warnings=True)
            return Posted(booking=await moves.booking(rpc, move[0], order.kind), already_there=True)
        if found is not None:  # check first; the unique (company, external id) is the backstop
            if order.final and found[1] in ("draft", "validated"):
                await self._post(rpc, found[0], delete_on_failure=False)
            return await self._posted(rpc, found[0], None, already_there=True)
        found_ids = await posting.lookups(rpc, order, await self._tax_codes(rpc), self.suspense)
        posting.check(order, found_ids, self.suspense)
        party_id, created = await posting.find_or_create_party(rpc, order)
        if not order.lines:
            move_id = await moves.create(rpc, order, found_ids, party_id, self.suspense)
            return Posted(booking=await moves.booking(rpc, move_id, order.kind), created_counterparty=created)
        values = await posting.invoice_values(rpc, order, found_ids, party_id, self.suspense)
        try:
            invoice_id, = await rpc.model("account.invoice", "create", [values], context=posting.EN)
        except SoftwareRejected as exc:
            again = await self._invoice_id(rpc, order.external_id)
            if again is None:
                raise
            log.info("external id %s was posted concurrently: %s", order.external_id, exc.reason)
            return await self._posted(rpc, again[0], None, already_there=True)
        await vat_amounts.align(rpc, invoice_id, order, lambda line: found_ids.tax_id(line, order.direction),
                                posting.EN)  # a rounding difference: the validated VAT, not Tryton's
        await self._check_totals(rpc, invoice_id, order)
        if order.final:
            await self._post(rpc, invoice_id, delete_on_failure=True)
        # not final (WL-11 without direct booking): a draft invoice, numbered and posted in Tryton later
        return await self._posted(rpc, invoice_id, created, already_there=False)

    @staticmethod
    async def _check_totals(rpc: TrytonRpc, invoice_id: int, order: BookingOrder) -> None:
        """Before posting: the draft's untaxed, tax and total against the validated proposal; a draft that
        differs is deleted, so nothing is half-booked."""
        row, = await rpc.model("account.invoice", "read", [invoice_id], ["untaxed_amount", "tax_amount",
                                                                         "total_amount"])
        try:
            check_totals(order, row["untaxed_amount"], row["tax_amount"], row["total_amount"])
        except SoftwareRejected:
            await rpc.model("account.invoice", "delete", [invoice_id], context=posting.EN)
            raise

    async def _post(self, rpc: TrytonRpc, invoice_id: int, *, delete_on_failure: bool) -> None:
        try:
            await rpc.model("account.invoice", "post", [invoice_id], context=posting.EN, accept_warnings=True)
        except SoftwareRejected as exc:
            if delete_on_failure:  # nothing stays behind from a refused booking
                await rpc.model("account.invoice", "delete", [invoice_id], context=posting.EN)
            raise posting.numbering_refusal(exc) or exc

    async def _posted(self, rpc: TrytonRpc, invoice_id: int, created, *, already_there: bool) -> Posted:
        booking = await self._booking(rpc, invoice_id)
        items = await records.open_items(rpc, [("id", "=", invoice_id)])
        return Posted(booking=booking, created_counterparty=created, open_item=items[0] if items else None,
                      already_there=already_there)

    async def delete_booking(self, dossier_code: str, external_id: str) -> Removed:
        rpc = await self.rpc(dossier_code)
        found = await self._invoice_id(rpc, external_id)
        if found is None:
            move = await moves.find(rpc, external_id)
            if move is None:
                return Removed(booking=None, how="absent")
            booking = await moves.booking(rpc, move[0])
            return Removed(booking=booking, how=await moves.remove(rpc, *move))
        invoice_id, state = found
        booking = await self._booking(rpc, invoice_id)
        if state in ("draft", "validated", "cancelled"):
            if state != "draft":
                await rpc.model("account.invoice", "draft", [invoice_id], context=posting.EN)
            await rpc.model("account.invoice", "delete", [invoice_id], context=posting.EN)
            return Removed(booking=booking, how="deleted")
        if state == "paid":
            raise SoftwareRejected(f"invoice {booking.document_number or invoice_id} is paid in Tryton: "
                                   "unreconcile the payment first", kind="PaidInvoice")
        allowed = (await rpc.model("account.invoice", "read", [invoice_id], ["allow_cancel"]))[0]["allow_cancel"]
        if allowed:
            await rpc.model("account.invoice", "cancel", [invoice_id], context=posting.EN)
        else:  # a posted customer invoice is not cancelled but credited (a credit note reconciled with it)
            await self._credit_with_refund(rpc, invoice_id, booking.invoice_date)
        # the external id is freed, so the proposal can be sent again after a correction
        await rpc.model("account.invoice", "write", [invoice_id], {"bf_external_id": None}, context=posting.EN)
        return Removed(booking=booking, how="cancelled" if allowed else "credited")

    @staticmethod
    async def _credit_with_refund(rpc: TrytonRpc, invoice_id: int, on: date | None) -> None:
        """Tryton's credit wizard with refund: a posted credit note that settles the invoice, dated like the
        invoice (as a cancelled supplier invoice is), not on the day it is withdrawn."""
        active = {"active_model": "account.invoice", "active_id": invoice_id, "active_ids": [invoice_id],
                  **posting.EN}
        session, start, _ = await rpc.call("wizard.account.invoice.credit.create", context={})
        try:
            await rpc.call("wizard.account.invoice.credit.execute", session, {}, start, context=active)
            await rpc.call("wizard.account.invoice.credit.execute", session,
                           {start: {"with_refund": True, "invoice_date": on}}, "credit", context=active)
        finally:
            await rpc.call("wizard.account.invoice.credit.delete", session, context={})

    async def close_periods_before(self, dossier_code: str, period_code: str) -> list[str]:
        rpc = await self.rpc(dossier_code)
        periods = await rpc.search_read("account.period", [("type", "=", "standard")],
                                        ["name", "start_date", "state"], order=[("start_date", "ASC")])
        target = next((p for p in periods if p["name"] == period_code), None)
        if target is None:
            raise SoftwareRejected(f"no period {period_code} in Tryton", kind="PeriodNotFound")
        to_close = [p for p in periods if p["start_date"] < target["start_date"] and p["state"] == "open"]
        if to_close:
            try:
                await rpc.model("account.period", "close", [p["id"] for p in to_close], context=posting.EN)
            except SoftwareRejected as exc:  # e.g. draft moves left in a period
                raise SoftwareRejected(exc.reason, kind="ClosePeriodError") from exc
        return [p["name"] for p in to_close]

    async def ensure_journals(self, dossier_code: str, wanted: list[JournalTemplate]) -> list[JournalOutcome]:
        return await journals.ensure_journals(await self.rpc(dossier_code), wanted)
