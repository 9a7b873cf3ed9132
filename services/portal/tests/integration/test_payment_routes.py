"""The payment screens through the portal against the fake office and the fake payments service (PAY-1..4, PAY-6,
PAY-8..10): the tab by the dossier's payment module and the profile, the prefilled form, approval and cancel, the
SEPA file from the to-execute selection with its XML download, field errors next to the fields, foreign dossiers."""
from __future__ import annotations

import re

import pytest
from stdnum.be import ogm_vcs

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app, garage_of

pytestmark = pytest.mark.integration
FULL, ADMIN, PROCESSING = "full_access@client.test", "administrator@client.test", "document_processing@client.test"
IBAN = "BE71096123456769"


def payments_tab(html: str) -> bool:
    return bool(re.search(r'<nav class="tabs".*href="/dossiers/[^"]+/payments"', html, re.S))


def field_error(html: str, name: str) -> str | None:
    found = re.search(rf'<span class="field-error" id="{name}-error">([^<]*)</span>', html)
    return found.group(1) if found else None


def module_on(fake, dossier: str) -> None:
    fake.overrides[dossier]["payment_module"] = True


async def test_the_tab_follows_the_payment_module_and_the_profile(fake, payments_app, notify_app):
    """PAY-10: no Payments tab and a 403 saying so while the module is off; on, full access sees the tab and the
    home tile, document processing neither (403)."""
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), payments_app=payments_app, notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        assert not payments_tab((await client.get(f"/dossiers/{bakery}/messages")).text)
        off = await client.get(f"/dossiers/{bakery}/payments")
        assert off.status_code == 403 and "payment module is not switched on" in off.text
        module_on(fake, bakery)
        assert payments_tab((await client.get(f"/dossiers/{bakery}/messages")).text)
        assert 'data-area="payments"' in (await client.get(f"/client/{bakery}")).text
        assert (await client.get(f"/dossiers/{bakery}/payments")).status_code == 200
    async with portal_client(fake_office_app(fake), payments_app=payments_app, notify_app=notify_app) as client:
        await login(client, PROCESSING, PASSWORD)
        assert not payments_tab((await client.get(f"/dossiers/{bakery}/messages")).text)
        assert (await client.get(f"/dossiers/{bakery}/payments")).status_code == 403


async def test_pay_prefills_a_draft_and_a_bad_iban_is_shown_next_to_the_field(fake, payments, payments_app):
    """PAY-1, PAY-2: the Pay button's POST carries only the document; the draft shows the invoice's creditor and
    amount; a changed IBAN the service refuses comes back next to the IBAN field (422); corrected, it replaces the draft (the service has no edit call)."""
    bakery, doc = bakery_of(fake), "5f0c3a52-9a4b-4c1e-8d2f-0a1b2c3d4e5f"
    module_on(fake, bakery)
    payments.invoice(doc, amount="121.00", creditor={"name": "Proximus", "iban": IBAN},
                     communication={"kind": "structured", "text": "+++010/8068/17183+++"})
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/payments")
        made = await client.post(f"/dossiers/{bakery}/payments/new",
                                 data={"document_id": doc, "csrf_token": csrf_of(page.text)})
        assert made.status_code == 303
        assert payments.calls[-1] == (f"/dossiers/{bakery}/payments", {"document_id": doc})
        [draft] = payments.payments.values()
        shown = await client.get(made.headers["location"])
        assert f'value="{IBAN}"' in shown.text and 'value="121.00"' in shown.text
        assert "+++010/8068/17183+++" in shown.text
        values = {"amount": "121.00", "creditor_name": "Proximus", "creditor_iban": "BE00 1234", "method": "sepa",
                  "communication_kind": "none", "csrf_token": csrf_of(shown.text)}
        refused = await client.post(f"/dossiers/{bakery}/payments/{draft['id']}/edit", data=values)
        assert refused.status_code == 422
        assert field_error(refused.text, "creditor_iban") == "This is not a valid IBAN (country, check digits and bank code)."
        assert field_error(refused.text, "amount") is None and 'value="BE00 1234"' in refused.text
        fixed = await client.post(f"/dossiers/{bakery}/payments/{draft['id']}/edit",
                                  data={**values, "amount": "100.00", "creditor_iban": IBAN})
        assert fixed.status_code == 303
    [old, new] = payments.payments.values()
    assert old["state"] == "cancelled" and (new["document_id"], new["amount"], new["state"]) == (doc, "100.00", "draft")


async def test_approve_and_cancel_post_to_their_routes_and_mine_come_first(fake, payments, payments_app):
    """PAY-8, PAY-9: the to-approve list puts the user's own payment above the others'; the rule's user approves
    (POST …/approve), the initiator cancels (POST …/cancel); a wrong state's 409 is shown on the page."""
    bakery = bakery_of(fake)
    module_on(fake, bakery)
    full, admin = fake.user_by_email(FULL).id, fake.user_by_email(ADMIN).id
    rule = payments.rule("Two signatures", [full, admin])
    mine = payments.add(bakery, state="to_approve", name="Mine Ltd", initiated_by=full, rule_id=rule["id"])
    others = payments.add(bakery, state="to_approve", name="Others Ltd", initiated_by=admin, rule_id=rule["id"])
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)
        listing = (await client.get(f"/dossiers/{bakery}/payments")).text
        to_approve = listing[listing.index('id="to-approve"'):listing.index('id="to-execute"')]
        mine_part, others_part = to_approve.split("<h3>Others'</h3>")  # the service lists newest (others') first
        assert "Mine Ltd" in mine_part and "Others Ltd" not in mine_part and "Others Ltd" in others_part
        page = await client.get(f"/dossiers/{bakery}/payments/{others['id']}")
        assert 'id="approve"' in page.text
        approved = await client.post(f"/dossiers/{bakery}/payments/{others['id']}/approve",
                                     data={"csrf_token": csrf_of(page.text)})
        assert approved.status_code == 303 and payments.calls[-1][0].endswith(f"/payments/{others['id']}/approve")
        assert others["state"] == "to_execute"
        cancelled = await client.post(f"/dossiers/{bakery}/payments/{mine['id']}/cancel",
                                      data={"csrf_token": csrf_of(page.text)})
        assert cancelled.status_code == 303 and payments.calls[-1][0].endswith(f"/payments/{mine['id']}/cancel")
        assert mine["state"] == "cancelled"
        again = await client.post(f"/dossiers/{bakery}/payments/{mine['id']}/cancel",
                                  data={"csrf_token": csrf_of(page.text)})
        # the service's reason (wrong_state) said in the reader's words, not its English message
        assert again.status_code == 409 and "This payment cannot do that any more" in again.text
        assert "cannot cancel a payment in state cancelled" not in again.text


async def test_execute_the_selection_in_a_sepa_file_and_download_it(fake, payments, payments_app):
    """PAY-3, PAY-6: the selected ids go to the preview ("Execute 2 payments for €350.50"), then with the debtor and
    date to the file; a bad debtor IBAN is shown next to its field; the list offers the XML, proxied byte for byte
    with its content type and file name."""
    bakery = bakery_of(fake)
    module_on(fake, bakery)
    one, two = payments.add(bakery, state="to_execute", amount="100.00"), \
        payments.add(bakery, state="to_execute", amount="250.50")
    payments.add(bakery, state="to_execute", amount="999.00", name="Not selected")
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)
        listing = await client.get(f"/dossiers/{bakery}/payments")
        assert listing.text.count('name="payment_ids"') == 3
        token, ids = csrf_of(listing.text), [one["id"], two["id"]]
        confirm = await client.post(f"/dossiers/{bakery}/payments/execute/preview",
                                    data={"payment_ids": ids, "csrf_token": token})
        assert confirm.status_code == 200 and "Execute 2 payments for €350.50" in confirm.text
        debtor = {"payment_ids": ids, "debtor_name": "Bakery Janssens", "debtor_iban": "BE00", "debtor_bic": "",
                  "execution_date": "2026-03-15", "csrf_token": token}
        bad = await client.post(f"/dossiers/{bakery}/payments/execute", data=debtor)
        assert bad.status_code == 422 and field_error(bad.text, "debtor_iban")
        assert field_error(bad.text, "debtor_name") is None and not payments.files
        made = await client.post(f"/dossiers/{bakery}/payments/execute", data={**debtor, "debtor_iban": IBAN})
        assert made.status_code == 303
        assert payments.calls[-1] == (f"/dossiers/{bakery}/sepa-files", {
            "payment_ids": ids, "debtor": {"name": "Bakery Janssens", "iban": IBAN, "bic": None},
            "execution_date": "2026-03-15"})
        [record] = payments.files.values()
        back = await client.get(made.headers["location"])
        assert f'href="/dossiers/{bakery}/sepa-files/{record["id"]}/xml"' in back.text
        assert "Download the XML file" in back.text
        xml = await client.get(f"/dossiers/{bakery}/sepa-files/{record['id']}/xml")
        assert xml.status_code == 200 and xml.content == record["xml"]
        assert xml.headers["content-type"].startswith("application/xml")
        assert xml.headers["content-disposition"] == f'attachment; filename="sepa-{record["id"][:8]}.xml"'
    assert one["state"] == two["state"] == "executed"


async def test_the_qr_code_inline_and_paid_with_the_banking_app(fake, payments, payments_app):
    """PAY-4: an EPC payment to execute shows its QR code inline; "I paid with my banking app" executes it."""
    bakery = bakery_of(fake)
    module_on(fake, bakery)
    qr = payments.add(bakery, state="to_execute", method="epc_qr")
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/payments/{qr['id']}")
        assert 'src="data:image/svg+xml;base64,' in page.text
        paid = await client.post(f"/dossiers/{bakery}/payments/{qr['id']}/paid-by-qr",
                                 data={"csrf_token": csrf_of(page.text)})
        assert paid.status_code == 303 and qr["state"] == "executed"


async def test_a_user_of_another_dossier_is_refused(fake, payments, payments_app):
    """DESIGN security: the garage's payments are 403 for a bakery user; a garage payment id under the bakery is
    the service's 404; no state changed."""
    bakery, garage = bakery_of(fake), garage_of(fake)
    module_on(fake, bakery)
    module_on(fake, garage)
    foreign = payments.add(garage, state="to_execute")
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)
        assert (await client.get(f"/dossiers/{garage}/payments")).status_code == 403
        assert (await client.get(f"/dossiers/{bakery}/payments/{foreign['id']}")).status_code == 404
        page = await client.get(f"/dossiers/{bakery}/payments")
        refused = await client.post(f"/dossiers/{garage}/payments/{foreign['id']}/cancel",
                                    data={"csrf_token": csrf_of(page.text)})
        assert refused.status_code == 403
    assert foreign["state"] == "to_execute" and not payments.calls


async def test_a_reviewed_invoice_is_listed_to_pay_and_an_unreviewed_one_opens_the_form_saying_why(
        fake, payments, payments_app):
    """Issue 15 item 11 (PAY-1, PAY-2): the reviewed invoice is in "Invoices to pay" with a Pay button; Pay on one not
    reviewed yet (e.g. from the mailbox) opens the empty form with a note in the reader's language, no raw error."""
    bakery = bakery_of(fake)
    reviewed, fresh = "5f0c3a52-9a4b-4c1e-8d2f-0a1b2c3d4e5f", "6a1d4b63-0b5c-4d2f-9e3a-1b2c3d4e5f60"
    module_on(fake, bakery)
    fake.user_by_email(FULL).language = "nl"
    payments.invoice(reviewed, amount="4904.94", creditor={"name": "AWS EMEA", "iban": IBAN}, invoice_number="F-77")
    payments.invoice(fresh, reviewed=False, amount="5756.21", creditor={"name": "AWS EMEA", "iban": IBAN})
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/payments")
        assert f'<tr data-document="{reviewed}">' in page.text and f'data-document="{fresh}"' not in page.text
        assert "€\xa04.904,94" in page.text and "F-77" in page.text
        opened = await client.post(f"/dossiers/{bakery}/payments/new",
                                   data={"document_id": fresh, "csrf_token": csrf_of(page.text)})
    assert opened.status_code == 200 and not payments.payments
    assert 'id="payment-note"' in opened.text and "nog niet nagekeken" in opened.text
    assert "5756" not in opened.text and f'name="document_id" value="{fresh}"' in opened.text


@pytest.mark.parametrize("language, typed, sent", [("nl", "49,99", "49.99"), ("fr", "1.234,56", "1234.56"),
                                                   ("de", "1.234,56", "1234.56"), ("en", "1,234.56", "1234.56"),
                                                   ("en", "49,99", "49.99")])
async def test_an_amount_is_taken_as_the_reader_writes_it(fake, payments, payments_app, language, typed, sent):
    """Issue 15 item 11: "49,99" everywhere, "1.234,56" in NL/FR/DE, "1,234.56" in English reach payments as plain
    decimals."""
    bakery = bakery_of(fake)
    module_on(fake, bakery)
    fake.user_by_email(FULL).language = language
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/payments/new")
        made = await client.post(f"/dossiers/{bakery}/payments/new", data={
            "amount": typed, "creditor_name": "Proximus", "creditor_iban": IBAN, "method": "sepa",
            "communication_kind": "none", "csrf_token": csrf_of(page.text)})
    assert made.status_code == 303 and payments.calls[-1][1]["amount"] == sent


async def test_a_date_out_of_range_is_said_next_to_the_field_and_the_example_communication_checks(
        fake, payments, payments_app):
    """Issue 15 item 11: the service's date_in_past comes back translated beside the date; the form's own example
    of a structured communication passes the mod-97 check."""
    bakery = bakery_of(fake)
    module_on(fake, bakery)
    fake.user_by_email(FULL).language = "fr"
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/payments/new")
        refused = await client.post(f"/dossiers/{bakery}/payments/new", data={
            "amount": "10", "execution_date": "0001-01-01", "creditor_name": "Proximus", "creditor_iban": IBAN,
            "method": "sepa", "communication_kind": "none", "csrf_token": csrf_of(page.text)})
    assert refused.status_code == 422 and not payments.payments
    assert field_error(refused.text, "execution_date") == \
        "La date d&#39;exécution ne peut pas être antérieure à aujourd&#39;hui (1 janv. 2026)."
    (example,) = re.findall(r"\+\+\+[\d/]+\+\+\+", page.text)
    assert ogm_vcs.is_valid(example.strip("+"))


async def test_each_payment_to_approve_says_who_still_has_to_approve_it(fake, payments, payments_app):
    """PAY-8: under a rule every user must approve; the list and the payment name who has not yet — the reader as
    "you", the others by name when the reader may list the client's users (administrator, office), else as
    "another approver"; one who approved is no longer named; a payment without a rule names nobody."""
    bakery = bakery_of(fake)
    module_on(fake, bakery)
    full, admin = fake.user_by_email(FULL), fake.user_by_email(ADMIN)
    rule = payments.rule("Two signatures", [full.id, admin.id])
    waiting = payments.add(bakery, state="to_approve", name="Waiting Ltd", initiated_by=full.id, rule_id=rule["id"])
    half = payments.add(bakery, state="to_approve", name="Half Ltd", initiated_by=admin.id, rule_id=rule["id"])
    half["approvals"].append({"user_id": full.id, "approved_at": "2026-03-01T10:00:00Z"})

    def cell(html: str, payment: dict) -> str:
        row = html[html.index(f'data-payment="{payment["id"]}"'):]
        return row[:row.index("</tr>")]

    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, ADMIN, PASSWORD)
        listing = (await client.get(f"/dossiers/{bakery}/payments")).text
        assert "Still to approve" in listing
        assert f'data-approver="{admin.id}" class="me">you<' in cell(listing, waiting)
        assert f'data-approver="{full.id}">{full.name}<' in cell(listing, waiting)
        assert f'data-approver="{full.id}"' not in cell(listing, half)  # approved already
        page = (await client.get(f"/dossiers/{bakery}/payments/{waiting['id']}")).text
        assert 'id="still-to-approve"' in page and f">{full.name}<" in page
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)  # full access may not list the client's users: the other is unnamed
        listing = (await client.get(f"/dossiers/{bakery}/payments")).text
        assert f'data-approver="{admin.id}">another approver<' in cell(listing, waiting)
        assert f'data-approver="{full.id}" class="me">you<' in cell(listing, waiting)
        fake.user_by_email(FULL).language = "nl"
        dutch = (await client.get(f"/dossiers/{bakery}/payments/{half['id']}")).text
        assert "Nog goed te keuren door" in dutch and f'data-approver="{admin.id}">een andere goedkeurder<' in dutch
