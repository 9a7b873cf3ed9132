"""Writing a booking order into Tryton as a supplier/customer invoice or credit note (SYN-2)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from contracts.events.ledger import CounterpartyRecord, VatCodeRecord

from sync_connector.adapters.tryton.references import supplier_payment_reference
from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.domain.errors import SoftwareRejected, sales_number_order
from sync_connector.domain.ports import BookingOrder, OrderLine

EN = {"language": "en"}  # rejections come back in English
# Tryton numbers customer invoices in date order per sequence (account_invoice msg_invoice_number_after)
_NUMBER_AFTER = re.compile(r'invoice date after "(?P<date>[^"]*)" because the sequence "(?P<sequence>[^"]*)" '
                           r'has already been used for invoice "(?P<after_invoice>[^"]*)"')


@dataclass
class Lookups:
    """What posting needs to resolve codes to Tryton ids, read once per order."""

    accounts: dict[str, dict]
    taxes: dict[str, int]
    journals: list[dict]
    periods: list[dict]
    vat_codes: list[VatCodeRecord] = field(default_factory=list)

    def tax_id(self, line: OrderLine, direction: str) -> int | None:
        """The Tryton tax of a line: its VAT code, else (an office code such as 'V21') the national
        goods tax of that direction and rate; None when neither is found."""
        if line.vat_code in self.taxes:
            return self.taxes[line.vat_code]
        if line.vat_rate is None:
            return None
        prefix = "achat_marchandises_" if direction == "purchase" else "vente_biens_"
        for record in self.vat_codes:
            if (record.code.startswith(prefix) and record.direction == direction and record.region == "national"
                    and not record.reverse_charge and record.rate == line.vat_rate.normalize()):
                return self.taxes.get(record.code)
        return None


async def lookups(rpc: TrytonRpc, order: BookingOrder, taxes: tuple[list[VatCodeRecord], dict[str, int]],
                  suspense: str) -> Lookups:
    codes = sorted({line.account for line in order.lines} | {suspense})
    accounts = await rpc.search_read("account.account", [("code", "in", codes)], ["code", "closed", "type"])
    journals = await rpc.search_read("account.journal", [], ["code", "type"])
    periods = await rpc.search_read("account.period", [("type", "=", "standard")],
                                    ["name", "start_date", "end_date", "state", "fiscalyear.state"])
    return Lookups({a["code"]: a for a in accounts}, taxes[1], journals, periods, taxes[0])


def check(order: BookingOrder, found: Lookups, suspense: str) -> None:
    """Refuse what Tryton would refuse, with a reason a collaborator understands."""
    period = next((p for p in found.periods if p["name"] == order.period_code), None) or next(
        (p for p in found.periods if p["start_date"] <= order.booking_date <= p["end_date"]), None)
    if period is None:
        raise SoftwareRejected(f"no period {order.period_code} (booking date {order.booking_date}) in Tryton: "
                               "create the fiscal year first", kind="PeriodNotFound")
    if (period.get("fiscalyear.") or {}).get("state") == "locked":
        raise SoftwareRejected(f"the fiscal year of period {period['name']} is locked in Tryton", kind="LockedYear")
    if period["state"] != "open":
        raise SoftwareRejected(f"period {period['name']} is {period['state']} in Tryton: reopen it or book in an "
                               "open period", kind="ClosedPeriod")
    for line in order.lines or (OrderLine(account=suspense, net_amount=order.total),):
        account = found.accounts.get(line.account)
        if account is None:
            raise SoftwareRejected(f"account {line.account} does not exist in Tryton", kind="UnknownAccount")
        if account["closed"] or not account["type"]:
            raise SoftwareRejected(f"account {line.account} is closed for bookings in Tryton", kind="ClosedAccount")
        if line.vat_code and found.tax_id(line, order.direction) is None:
            raise SoftwareRejected(f"VAT code {line.vat_code} does not exist in Tryton", kind="UnknownVatCode")


def journal_id(order: BookingOrder, journals: list[dict]) -> int:
    wanted = "expense" if order.direction == "purchase" else "revenue"
    same_code = [j for j in journals if j["code"] == order.journal_code and j["type"] == wanted]
    of_type = [j for j in journals if j["type"] == wanted]
    if not (same_code or of_type):
        raise SoftwareRejected(f"no {wanted} journal in Tryton", kind="UnknownJournal")
    return (same_code or of_type)[0]["id"]


async def find_or_create_party(rpc: TrytonRpc, order: BookingOrder) -> tuple[int, CounterpartyRecord | None]:
    """The party of the order: by reference, by VAT number, by exact name; created when new."""
    p = order.party
    if p.reference and p.reference.isdigit():
        if await rpc.search_read("party.party", [("id", "=", int(p.reference))], ["id"]):
            return int(p.reference), None
    if p.vat_number:
        found = await rpc.search_read("party.identifier", [("code", "=", p.vat_number)], ["party"])
        if found:
            return found[0]["party"], None
    if p.name:
        found = await rpc.search_read("party.party", [("name", "=", p.name)], ["id"])
        if found and not p.vat_number:
            return found[0]["id"], None
    name = p.name or p.vat_number or "Unknown counterparty"
    values: dict = {"name": name, "addresses": [["create", [{}]]]}
    if p.vat_number:
        values["identifiers"] = [["create", [{"type": "eu_vat", "code": p.vat_number}]]]
    party_id, = await rpc.model("party.party", "create", [values], context=EN)
    if p.iban:  # the bank account payments will pay to (PAY-2)
        await rpc.model("bank.account", "create", [{"owners": [["add", [party_id]]],
                                                    "numbers": [["create", [{"type": "iban", "number": p.iban}]]]}],
                        context=EN)
    role = "supplier" if order.direction == "purchase" else "customer"
    return party_id, CounterpartyRecord(
        reference=str(party_id), name=name, vat_number=p.vat_number, ibans=(p.iban,) if p.iban else (),
        enterprise_number=p.vat_number[2:] if p.vat_number and p.vat_number.startswith("BE") else None,
        country=(p.vat_number[:2] if p.vat_number else p.country), roles=(role,))


def invoice_lines(order: BookingOrder, found: Lookups, suspense: str) -> list[dict]:
    """Invoice lines; a credit note has negative quantities. No lines: the total on the suspense account."""
    sign = Decimal(-1) if order.kind == "credit_note" else Decimal(1)
    lines = order.lines or (OrderLine(account=suspense, net_amount=order.total,
                                      description="booked without detail (suspense)"),)
    out = []
    for line in lines:
        values = {"type": "line", "account": found.accounts[line.account]["id"], "quantity": sign,
                  "unit_price": abs(line.net_amount).quantize(Decimal("0.0001")),
                  "description": line.description or order.document_number or order.external_id}
        if line.net_amount < 0:
            values["quantity"] = -sign
        if line.vat_code:
            values["taxes"] = [["add", [found.tax_id(line, order.direction)]]]
        out.append(values)
    return out


async def invoice_values(rpc: TrytonRpc, order: BookingOrder, found: Lookups, party_id: int,
                         suspense: str) -> dict:
    party = (await rpc.model("party.party", "read", [party_id], ["account_payable", "account_receivable",
                                                                  "addresses"]))[0]
    field = "account_payable" if order.direction == "purchase" else "account_receivable"
    account = party[field] or await default_account(rpc, field)
    if not party["addresses"]:
        address, = await rpc.model("party.address", "create", [{"party": party_id}])
    else:
        address = party["addresses"][0]
    values = {
        "type": "in" if order.direction == "purchase" else "out",
        "company": rpc.context["company"], "party": party_id, "invoice_address": address, "account": account,
        "journal": journal_id(order, found.journals), "currency": await company_currency(rpc),
        "invoice_date": order.invoice_date or order.booking_date, "accounting_date": order.booking_date,
        "reference": order.invoice_number, "description": order.document_number, "comment": order.comment,
        "bf_external_id": order.external_id, "lines": [["create", invoice_lines(order, found, suspense)]],
        **supplier_payment_reference(order),  # bank lines find the invoice by it (issue 17)
    }
    return values


async def company_currency(rpc: TrytonRpc) -> int:
    return (await rpc.search_read("company.company", [("id", "=", rpc.context["company"])], ["currency"]))[0]["currency"]


async def default_account(rpc: TrytonRpc, field: str) -> int:
    """The company's default payable/receivable account (account.configuration)."""
    config = await rpc.model("account.configuration", "read", [1], [f"default_{field}"])
    if not config or not config[0].get(f"default_{field}"):
        raise SoftwareRejected(f"no default {field.replace('_', ' ')} in Tryton's accounting configuration",
                               kind="UnknownAccount")
    return config[0][f"default_{field}"]


def numbering_refusal(exc: SoftwareRejected) -> SoftwareRejected | None:
    """Tryton's refusal to number a sales document dated before one it already numbered, as an instruction
    (a document with the client's own number keeps it: deploy/tryton/modules/bf_external_id)."""
    found = _NUMBER_AFTER.search(exc.reason)
    return sales_number_order(**found.groupdict()) if found else None
