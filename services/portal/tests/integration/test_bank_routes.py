"""Bank statement pages (issue 17 item 4; FEATURES REP-5) through the portal against the fake office and a fake
sync-connector: the files with their state and refusal reason, a file's lines matched (rule, invoices) or to
match (suggestions), who may see them (financial.view: office, client Administrator / Full access / Full feedback,
not Documents-only profiles), text from the file shown as text, the four languages; the office matching by hand a
line the rules left (bank.match): suggestions first, the sync-connector's refusals said on the page."""
from __future__ import annotations

import pytest

from portal_testkit.bank_fake import FakeBank, attach_bank, build_fake_bank
from portal_testkit.harness import csrf_of, login, portal_client
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
    bank.open_items[bakery_of(fake)] = [
        {"reference": "19", "kind": "payable", "invoice_number": "F-4", "party": "Proximus", "amount_open": "40.00",
         "due_date": "2026-04-30"},
        {"reference": "18", "kind": "payable", "invoice_number": "F-3", "party": "X", "amount_open": "60.50",
         "due_date": "2026-04-12"},
        {"reference": "20", "kind": "payable", "invoice_number": "F-5", "party": "Proximus", "amount_open": "20.50",
         "due_date": None},
        {"reference": "90", "kind": "receivable", "invoice_number": "V-1", "party": "Klant", "amount_open": "60.50",
         "due_date": None}]
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


MATCH = f"/bank/{FILE}/lines/0002/match"


async def _match(fake, bank: FakeBank, email: str, references: list[str], language: str = "en"):
    """Open the line's match page, tick ``references`` and send; (page shown, answer, statement page after)."""
    bakery = bakery_of(fake)
    fake.user_by_email(email).language = language
    async with portal_client(fake_office_app(fake)) as client:
        attach_bank(client, build_fake_bank(bank))
        await login(client, email, PASSWORD)
        shown = await client.get(f"/dossiers/{bakery}{MATCH}")
        answer = await client.post(f"/dossiers/{bakery}{MATCH}",
                                   data={"reference": references, "csrf_token": csrf_of(shown.text)})
        after = await client.get(f"/dossiers/{bakery}/bank/{FILE}")
        return shown, answer, after


async def test_the_office_matches_a_line_by_hand_suggestions_first(fake):
    """Issue 17 item 3: an unmatched line has a Match link; its page lists the open payables (money out), the
    rules' suggestion first and marked, no receivable; ticking two invoices that make the amount matches the line
    by hand in the sync-connector, and the statement shows it matched (Matched by hand) with both invoices."""
    bank, bakery = _seed(fake), bakery_of(fake)
    statement = await _page(fake, bank, "collab@demo.test", f"/dossiers/{bakery}/bank/{FILE}")
    assert f'href="/dossiers/{bakery}{MATCH}"' in statement.text
    assert statement.text.count("/match\"") == 1  # the matched line has no link
    shown, answer, after = await _match(fake, bank, "collab@demo.test", ["19", "20"])
    assert shown.status_code == 200, shown.text
    order = [shown.text.index(f'data-candidate="{r}"') for r in ("18", "19", "20")]
    assert order == sorted(order) and 'data-candidate="18" data-suggested="1"' in shown.text
    assert 'data-candidate="90"' not in shown.text
    assert answer.status_code == 303 and answer.headers["location"] == f"/dossiers/{bakery}/bank/{FILE}#line-0002"
    assert bank.matches == [(FILE, "0002", ["19", "20"])]
    assert 'data-line="0002" data-match="matched"' in after.text and "Matched by hand" in after.text
    assert 'data-invoice="19"' in after.text and 'data-invoice="20"' in after.text


@pytest.mark.parametrize("language, text", [
    ("en", "The invoices ticked are open for €40.00 and the bank line is €60.50"),
    ("nl", "De aangevinkte facturen staan open voor € 40,00 en de bankverrichting bedraagt € 60,50"),
    ("fr", "Les factures cochées sont ouvertes pour 40,00 € et la ligne bancaire est de 60,50 €"),
    ("de", "Die angekreuzten Rechnungen sind mit 40,00 € offen und die Bankbuchung beträgt 60,50 €")])
async def test_amounts_that_do_not_fit_are_refused_in_the_users_language(fake, language, text):
    """A tick that does not make the line's amount (and pays no single invoice in part) is the service's 422,
    said in the user's language with both amounts, the tick kept; nothing is matched."""
    bank = _seed(fake)
    _, answer, after = await _match(fake, bank, "collab@demo.test", ["19"], language)
    assert answer.status_code == 422
    assert _squeezed(text) in _squeezed(answer.text), answer.text
    assert 'value="19" id="pick-2" checked' in answer.text and bank.matches == []
    assert 'data-line="0002" data-match="unmatched"' in after.text


def _squeezed(text: str) -> str:
    """The text without its spaces (the languages put plain or no-break spaces around the euro sign)."""
    return "".join(text.replace("&nbsp;", " ").replace("&#39;", "'").split()).replace("\u202f", "").replace("\xa0", "")


async def test_a_line_matched_meanwhile_is_a_conflict_and_the_same_match_again_is_no_error(fake):
    """Idempotent: sending the same match twice matches once; another match of a matched line is the 409."""
    bank = _seed(fake)
    _, first, _ = await _match(fake, bank, "collab@demo.test", ["18"])
    _, again, _ = await _match(fake, bank, "collab@demo.test", ["18"])
    _, other, _ = await _match(fake, bank, "collab@demo.test", ["19", "20"])
    assert first.status_code == again.status_code == 303 and len(bank.matches) == 1
    assert other.status_code == 409 and "This bank line is already matched" in other.text


async def test_nothing_ticked_says_so(fake):
    bank = _seed(fake)
    _, answer, _ = await _match(fake, bank, "collab@demo.test", [])
    assert answer.status_code == 422 and "Tick at least one invoice." in answer.text


@pytest.mark.parametrize("email", ["administrator@client.test", "full_access@client.test"])
async def test_clients_see_the_lines_but_do_not_match_them(fake, email):
    """bank.match is the office's (ADMIN, COLLABORATOR): a client who sees the statement gets no Match link and a
    403 on the match page and its form."""
    bank, bakery = _seed(fake), bakery_of(fake)
    if fake.user_by_email(email) is None:
        pytest.skip(f"no {email} in the fake office")
    statement = await _page(fake, bank, email, f"/dossiers/{bakery}/bank/{FILE}")
    assert statement.status_code == 200 and "/match" not in statement.text
    assert (await _page(fake, bank, email, f"/dossiers/{bakery}{MATCH}")).status_code == 403
