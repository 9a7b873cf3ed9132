"""Bank statement pages (issue 17 item 4; FEATURES REP-5) through the portal against the fake office and a fake
sync-connector: the files with their state and refusal reason, a file's lines matched (rule, invoices) or to
match (suggestions), who may see them (financial.view: office, client Administrator / Full access / Full feedback,
not Documents-only profiles), text from the file shown as text, the four languages."""
from __future__ import annotations

import pytest

from portal_testkit.bank_fake import FakeBank, attach_bank, build_fake_bank
from portal_testkit.harness import login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
FILE, REFUSED = "5f0c2f9e-1111-4000-8000-000000000001", "5f0c2f9e-1111-4000-8000-000000000002"


def _seed(fake) -> FakeBank:
    bank = FakeBank(fake)
    line_ok = {"sequence": "0001", "booking_date": "2026-04-09", "amount": "-121.00", "counterparty_name": "Brouwerij",
               "counterparty_iban": "BE62510007547061", "communication": "+++090/9337/55493+++", "state": "matched",
               "rule": "structured_reference", "suggestions": [],
               "matched": [{"kind": "payable", "reference": "17", "invoice_number": "F-1", "external_id": None,
                            "amount": "121.00", "paid_in_full": True}]}
    line_open = {"sequence": "0002", "booking_date": "2026-04-09", "amount": "-60.50", "counterparty_name": "<b>X</b>",
                 "counterparty_iban": None, "communication": "<script>alert(1)</script>", "state": "unmatched",
                 "rule": None, "matched": [],
                 "suggestions": [{"reference": "18", "kind": "payable", "invoice_number": "F-3", "amount_open": "60.50",
                                  "due_date": "2026-04-12"}]}
    common = {"format": "coda", "source": "portal", "duplicate_of": None, "statement_reference": "5",
              "received_at": "2026-04-10T08:00:00+00:00", "imported_at": "2026-04-10T08:00:05+00:00"}
    bank.statements[bakery_of(fake)] = [
        {**common, "statement_file_id": FILE, "filename": "april.cod", "state": "imported", "error_code": None,
         "error_reason": None, "account": "BE48001123456727", "statement_date": "2026-04-10",
         "opening_balance": "5000.00", "closing_balance": "4818.50", "lines": 2, "matched": 1,
         "lines_detail": [line_ok, line_open]},
        {**common, "statement_file_id": REFUSED, "filename": "coda.cod", "state": "refused",
         "error_code": "unbalanced_statement", "error_reason": "opening 57900 + movements 700.86 ...",
         "account": None, "statement_date": None, "opening_balance": None, "closing_balance": None, "lines": 0,
         "matched": 0}]
    return bank


async def _page(fake, bank: FakeBank, email: str, path: str):
    async with portal_client(fake_office_app(fake)) as client:
        attach_bank(client, build_fake_bank(bank))
        await login(client, email, PASSWORD)
        return await client.get(path)


async def test_the_statements_and_a_statements_lines_with_their_match(fake):
    bank, bakery = _seed(fake), bakery_of(fake)
    listing = await _page(fake, bank, "collab@demo.test", f"/dossiers/{bakery}/bank")
    assert listing.status_code == 200, listing.text
    html = listing.text
    assert f'href="/dossiers/{bakery}/bank" aria-current="page"' in html
    assert f'data-statement="{FILE}" data-state="imported"' in html and "1 / 2" in html
    assert f'data-statement="{REFUSED}" data-state="refused"' in html and "The balances do not add up" in html
    detail = await _page(fake, bank, "collab@demo.test", f"/dossiers/{bakery}/bank/{FILE}")
    assert detail.status_code == 200, detail.text
    page = detail.text
    assert 'data-line="0001" data-match="matched"' in page and "Structured communication" in page
    assert 'data-invoice="17"' in page and 'data-line="0002" data-match="unmatched"' in page
    assert 'data-suggestion="18"' in page
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page and "<b>X</b>" not in page


@pytest.mark.parametrize("email, status", [("administrator@client.test", 200), ("full_access@client.test", 200),
                                           ("document_processing@client.test", 403), ("support@demo.test", 403)])
async def test_who_sees_the_bank_statements(fake, email, status):
    bank, bakery = _seed(fake), bakery_of(fake)
    if fake.user_by_email(email) is None:
        pytest.skip(f"no {email} in the fake office")
    assert (await _page(fake, bank, email, f"/dossiers/{bakery}/bank")).status_code == status


@pytest.mark.parametrize("language, text", [("nl", "Bankuittreksels"), ("fr", "Extraits bancaires"),
                                            ("de", "Kontoauszüge"), ("en", "Bank statements")])
async def test_the_page_speaks_the_users_language(fake, language, text):
    bank, bakery = _seed(fake), bakery_of(fake)
    fake.user_by_email("collab@demo.test").language = language
    page = await _page(fake, bank, "collab@demo.test", f"/dossiers/{bakery}/bank/{REFUSED}")
    assert page.status_code == 200 and text in page.text
