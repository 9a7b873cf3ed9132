"""Issue 15 item 13 (REC-2 "type manual") through the running stack: a collaborator enters a purchase without any
document in the Dupont worklist (a known supplier found by its VAT number, one line 604000 at 21 %), reviews and
sends it; sync-connector books it in Tryton for exactly what was entered (untaxed, tax, total) and the worklist
shows it booked, as any recognised invoice."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from e2e_stack import Platform
from test_booking_flow import (  # noqa: F401  (fixtures platform, tryton)
    DOSSIER, KNOWN_SUPPLIER, TRYTON_CODE, _run_id, assert_books_hold_what_was_validated, platform,
    send_and_wait_booked, tryton)

pytestmark = [pytest.mark.e2e, pytest.mark.slow]


async def _choices(platform: Platform, dossier: str) -> tuple[str, str]:
    """The dossier's purchases journal and its 21 % purchase VAT code, from the worklist's replica of the books."""
    choices = await platform.call("GET", "worklist", f"/dossiers/{dossier}/choices")
    journal = next(j["code"] for j in choices["journals"] if j["type"] == "purchases")
    vat21 = next(c["code"] for c in choices["vat_codes"]
                 if c["direction"] == "purchase" and c["rate"] is not None and Decimal(c["rate"]) == 21)
    return journal, vat21


async def test_a_manual_purchase_is_booked_in_tryton_for_what_was_entered(platform, tryton):
    dossier, today = await platform.dossier(DOSSIER), date.today()
    number = f"MAN-{_run_id()}"
    found = await platform.call("GET", "worklist", f"/dossiers/{dossier}/counterparties",
                                params={"q": KNOWN_SUPPLIER[1]})
    supplier = next(c for c in found["items"] if c["vat_number"] == KNOWN_SUPPLIER[1])
    journal, vat21 = await _choices(platform, dossier)
    made = await platform.call("POST", "worklist", f"/dossiers/{dossier}/proposals", expect=201, json={
        "mailbox": "purchases", "journal": journal, "period": today.strftime("%Y-%m"),
        "invoice_date": today.isoformat(), "invoice_number": number,
        "counterparty": {"reference": supplier["reference"]}, "comment": "manual entry, no document",
        "lines": [{"account": "604000", "vat_code": vat21, "vat_rate": "21", "net_amount": "41,32",
                   "vat_amount": "8,68", "description": "cash ticket"}]})
    assert made["origin"] == "manual" and made["totals"] == {"net": "41.32", "vat": "8.68", "gross": "50.00"}
    reviewed = await platform.call("PATCH", "worklist", f"/dossiers/{dossier}/proposals/{made['id']}",
                                   json={"review": True})
    assert reviewed["proposal"]["status"] == "validated", reviewed["proposal"]
    [booked] = await send_and_wait_booked(platform, dossier, [made], timeout=120)
    assert booked["booking_reference"] and booked["origin"] == "manual"
    await assert_books_hold_what_was_validated(platform, tryton, dossier, [made])
    [invoice] = await tryton.invoices(TRYTON_CODE, number)
    assert invoice["state"] == "posted" and invoice["type"] == "in" and invoice["party_vat"] == KNOWN_SUPPLIER[1]
