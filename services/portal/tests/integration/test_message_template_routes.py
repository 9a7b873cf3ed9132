"""COM-5 through the portal against the fake office and the fake notify: an office user picks a template for a
recipient, the new conversation's subject and text are filled in the recipient's language and stay editable (the
edited text is what is sent); a client sees no picker."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration


async def test_the_office_starts_from_a_template_and_edits_it(fake, notify, notify_app):
    bakery = bakery_of(fake)
    full = fake.user_by_email("full_access@client.test")
    full.language = "fr"
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "collab@demo.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages")
        assert 'id="template-picker"' in page.text and "Ontbrekende documenten" in page.text  # all full access: nl
        picked = await client.get(f"/dossiers/{bakery}/messages",
                                  params={"template": "standard:documents_missing", "recipient": full.id})
        assert 'value="Documents manquants – Bakery Janssens"' in picked.text
        assert f"Bonjour {full.name}," in picked.text and f'<option value="{full.id}" selected>' in picked.text
        sent = await client.post(f"/dossiers/{bakery}/messages", data={
            "subject": "Documents manquants – Bakery Janssens", "text": f"Bonjour {full.name}, il manque 2 factures.",
            "recipient_user_id": full.id, "csrf_token": csrf_of(picked.text)})
        assert sent.status_code == 303
    [thread] = notify.threads.values()
    assert thread["recipient_user_id"] == full.id and notify.messages[-1]["text"].endswith("il manque 2 factures.")


async def test_a_client_has_no_template_picker(fake, notify, notify_app):
    bakery = bakery_of(fake)
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "full_access@client.test", PASSWORD)
        page = await client.get(f"/dossiers/{bakery}/messages", params={"template": "standard:documents_missing"})
        assert page.status_code == 200 and 'id="template-picker"' not in page.text and "Missing documents" not in page.text
