"""Issue 17 items 1 and 2 through the portal against the fake office, worklist and payments services: the office
prepares a payment from the annotation screen (PAY-10) — the form prefilled from the purchase proposal as it is now,
saved as a draft with the document — and the dossier's own accounts are offered as the from-account on the payment
form and as the SEPA file's debtor, the default preselected (PAY-3)."""
from __future__ import annotations

import re

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
COLLAB, FULL, PROCESSING = "collab@demo.test", "full_access@client.test", "document_processing@client.test"
CREDITOR, KBC, ING = "BE71096123456769", "BE74734019254307", "BE42310178961854"


def _on(fake, dossier: str, preparation: bool = True) -> None:
    fake.overrides[dossier]["payment_module"] = True
    fake.overrides[dossier]["payment_preparation"] = preparation


def _input(html: str, name: str) -> str | None:
    found = re.search(rf'<input id="f-{name}" name="{name}" type="[a-z]+" value="([^"]*)"', html)
    return found.group(1) if found else None


async def test_the_office_prepares_a_payment_from_the_annotation_screen(fake, worklist, worklist_app, payments,
                                                                        payments_app):
    """PAY-10: 'Prepare payment' on a purchase proposal opens the form with its total, IBAN and structured
    communication; saved, the draft pays that document; asked again, the same payment opens (no second one)."""
    bakery = bakery_of(fake)
    _on(fake, bakery)
    payments.accounts = [{"iban": KBC, "bic": "KREDBEBB", "name": "Bakery Janssens"}]
    p = worklist.add(bakery, counterparty={"name": "Proximus NV", "status": "known", "iban": CREDITOR},
                     totals={"net": "1000.00", "vat": "210.00", "gross": "1210.00"}, due_date="2027-06-30",
                     payment_reference="+++010/8068/17183+++")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app, payments_app=payments_app) as client:
        await login(client, COLLAB, PASSWORD)
        screen = await client.get(f"/dossiers/{bakery}/worklist/{p['id']}")
        assert f'href="/dossiers/{bakery}/worklist/{p["id"]}/payment"' in screen.text
        form = await client.get(f"/dossiers/{bakery}/worklist/{p['id']}/payment")
        assert form.status_code == 200, form.text
        assert (_input(form.text, "amount"), _input(form.text, "creditor_iban")) == ("1210.00", CREDITOR)
        assert _input(form.text, "communication_text") == "+++010/8068/17183+++"
        assert _input(form.text, "execution_date") == "2027-06-30"
        assert f'<option value="{KBC}" selected>' in form.text  # the dossier's default account to pay from
        assert f'name="document_id" value="{p["document_id"]}"' in form.text
        values = {"document_id": p["document_id"], "amount": "1210.00", "method": "sepa",
                  "creditor_name": "Proximus NV", "creditor_iban": CREDITOR, "communication_kind": "structured",
                  "communication_text": "+++010/8068/17183+++", "execution_date": "2027-06-30",
                  "debtor_iban": KBC, "csrf_token": csrf_of(form.text)}
        made = await client.post(f"/dossiers/{bakery}/payments/new", data=values)
        assert made.status_code == 303, made.text
        path, body = payments.calls[-1]
        assert path == f"/dossiers/{bakery}/payments" and body["document_id"] == p["document_id"]
        assert (body["amount"], body["debtor"], body["communication"]["kind"]) == ("1210.00", {"iban": KBC},
                                                                                   "structured")
        [draft] = payments.payments.values()
        assert draft["state"] == "draft" and made.headers["location"].endswith(f"/payments/{draft['id']}")
        again = await client.get(f"/dossiers/{bakery}/worklist/{p['id']}/payment")
        assert again.status_code == 303 and again.headers["location"].endswith(f"/payments/{draft['id']}")


async def test_preparation_off_or_no_payment_right_shows_no_action(fake, worklist, worklist_app, payments,
                                                                   payments_app):
    """PAY-10: with payment preparation off the office is told so (403), not offered a form; a sales invoice has no
    'Prepare payment'."""
    bakery = bakery_of(fake)
    _on(fake, bakery, preparation=False)
    purchase, sale = worklist.add(bakery), worklist.add(bakery, mailbox="sales")
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app, payments_app=payments_app) as client:
        await login(client, COLLAB, PASSWORD)
        off = await client.get(f"/dossiers/{bakery}/worklist/{purchase['id']}/payment")
        assert off.status_code == 403 and "payment preparation" in off.text.lower()
        screen = await client.get(f"/dossiers/{bakery}/worklist/{sale['id']}")
        assert 'id="prepare-payment"' not in screen.text
        _on(fake, bakery)
        not_purchase = await client.get(f"/dossiers/{bakery}/worklist/{sale['id']}/payment")
        assert not_purchase.status_code == 409
    async with portal_client(fake_office_app(fake), worklist_app=worklist_app, payments_app=payments_app) as client:
        await login(client, PROCESSING, PASSWORD)  # a client without payment rights: neither action nor form
        refused = await client.get(f"/dossiers/{bakery}/worklist/{purchase['id']}/payment")
        assert refused.status_code == 403
    assert not payments.payments


async def test_the_sepa_file_is_made_from_the_account_picked_among_the_dossiers(fake, payments, payments_app):
    """PAY-3: the selection's shared from-account is preselected among the dossier's accounts; the file is made
    from the picked account's IBAN alone (the service knows its holder and BIC); typed, another account wins."""
    bakery = bakery_of(fake)
    _on(fake, bakery)
    payments.accounts = [{"iban": KBC, "bic": "KREDBEBB", "name": "Bakery Janssens"},
                         {"iban": ING, "bic": "BBRUBEBB", "name": "Bakery Janssens"}]
    one, two = payments.add(bakery, state="to_execute"), payments.add(bakery, state="to_execute")
    one["debtor"] = two["debtor"] = {"iban": ING, "name": "Bakery Janssens", "bic": None}
    async with portal_client(fake_office_app(fake), payments_app=payments_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/payments")
        ids = [one["id"], two["id"]]
        confirm = await client.post(f"/dossiers/{bakery}/payments/execute/preview",
                                    data={"payment_ids": ids, "csrf_token": csrf_of(page.text)})
        assert re.search(rf'value="{ING}" checked', confirm.text) and not re.search(rf'value="{KBC}" checked',
                                                                                   confirm.text)
        made = await client.post(f"/dossiers/{bakery}/payments/execute", data={
            "payment_ids": ids, "debtor_account": ING, "debtor_name": "", "debtor_iban": "", "debtor_bic": "",
            "execution_date": "", "csrf_token": csrf_of(confirm.text)})
        assert made.status_code == 303, made.text
        assert payments.calls[-1][1]["debtor"] == {"name": None, "iban": ING, "bic": None}
        [record] = payments.files.values()
        assert record["debtor_iban"] == ING
