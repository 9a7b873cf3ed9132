"""The worklist, the annotation screen and the payment pages write amounts, rates and dates in the reader's language (issue 15 item 2):
no raw "17.35587837931947017284844771" and no "€4,904.94" in every language."""
from __future__ import annotations

import re

import pytest

from portal_testkit.harness import login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
COLLAB = "collab@demo.test"
RATE = "17.35587837931947017284844771"
LINE = {"line_no": 1, "account": "604000", "vat_code": "21", "vat_rate": RATE, "net_amount": "4179.58",
        "vat_amount": "725.36", "description": None, "note": None, "suspense": False}
EXPECTED = {  # language: (total, rate, invoice date)
    "nl": ("€\xa04.904,94", "17,36%", "7 mrt 2026"), "fr": ("4\u202f904,94\xa0€", "17,36\xa0%", "7 mars 2026"),
    "de": ("4.904,94\xa0€", "17,36\xa0%", "07.03.2026"), "en": ("€4,904.94", "17.36%", "7 Mar 2026")}


def row_cells(html: str, proposal_id: str) -> list[str]:
    row = re.search(rf'<tr data-proposal="{proposal_id}".*?</tr>', html, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


@pytest.mark.parametrize("language", sorted(EXPECTED))
async def test_the_worklist_row_shows_total_rate_and_date_in_the_readers_language(fake, worklist, worklist_app,
                                                                                  language):
    bakery = bakery_of(fake)
    proposal = worklist.add(bakery, invoice_date="2026-03-07", lines=[LINE],
                            totals={"net": "4179.58", "vat": "725.36", "gross": "4904.94"})
    fake.user_by_email(COLLAB).language = language
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, COLLAB, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist")
    assert page.status_code == 200, page.text
    total, rate, day = EXPECTED[language]
    cells = row_cells(page.text, proposal["id"])
    assert total in cells and rate in cells and day in cells, cells
    assert RATE not in page.text and "4904.94" not in page.text


async def test_the_annotation_screen_writes_a_foreign_amount_and_its_rate_in_the_readers_language(
        fake, worklist, worklist_app):
    bakery = bakery_of(fake)
    proposal = worklist.add(bakery, currency="USD", foreign={"currency": "USD", "gross": "5300.00",
                                                           "exchange_rate": "0.92546037", "rate_date": "2026-03-06"})
    fake.user_by_email(COLLAB).language = "de"
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app) as client:
        await login(client, COLLAB, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/worklist/{proposal['id']}")
    assert page.status_code == 200, page.text
    assert "5.300,00\xa0$" in page.text and "0,92546" in page.text and "0.92546037" not in page.text


async def test_payment_amounts_are_written_in_the_readers_language(fake, payments, payments_app):
    """The payment pages wrote "€4,904.94" in every language; a German reader gets "4.904,94 €"."""
    bakery = bakery_of(fake)
    fake.overrides[bakery]["payment_module"] = True
    payments.add(bakery, state="to_approve", amount="4904.94")
    fake.user_by_email("full_access@client.test").language = "de"
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/payments")
    assert page.status_code == 200, page.text
    assert "4.904,94\xa0€" in page.text and "€4,904.94" not in page.text
