"""COM-1 attachments through the portal against the fake office and the fake notify: the client's reply form sends
text and a PDF (multipart, CSRF token in the form), the office downloads it; a file of another type is refused in
the user's language with the text kept; a client of another dossier and a user the thread is not addressed to get
no file; a multipart post without the CSRF token is refused."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.worklist_pages import bakery_of, fake_office_app

pytestmark = pytest.mark.integration
FULL, COLLAB = "full_access@client.test", "collab@demo.test"
PDF = b"%PDF-1.7\n%%EOF\n"


async def test_the_client_attaches_a_pdf_and_the_office_downloads_it(fake, notify, notify_app):
    bakery = bakery_of(fake)
    thread = notify.ask(bakery, "Send the receipt please")
    path = f"/dossiers/{bakery}/messages/{thread['id']}"
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, FULL, PASSWORD)
        page = await client.get(path)
        assert f'action="{path}/attach"' in page.text and 'enctype="multipart/form-data"' in page.text
        token = csrf_of(page.text)
        no_token = await client.post(f"{path}/attach", data={"text": "x"}, files=[("files", ("r.pdf", PDF, "a"))])
        assert no_token.status_code == 403 and len(notify.messages) == 1
        wrong = await client.post(f"{path}/attach", data={"text": "my notes", "csrf_token": token},
                                  files=[("files", ("notes.docx", b"PK\x03\x04", "application/msword"))])
        assert wrong.status_code == 422 and "Attach a PDF or an image (JPEG, PNG)" in wrong.text
        assert "my notes</textarea>" in wrong.text and len(notify.messages) == 1
        sent = await client.post(f"{path}/attach", data={"text": "Here it is", "csrf_token": token},
                                 files=[("files", ("receipt.pdf", PDF, "application/pdf"))],
                                 headers={"HX-Request": "true"})
        assert sent.status_code == 200 and "receipt.pdf" in sent.text and "<html" not in sent.text
        [attached] = notify.messages[-1]["files"]
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, COLLAB, PASSWORD)
        page = await client.get(path)
        assert f'href="{path}/files/{attached["id"]}"' in page.text
        got = await client.get(f"{path}/files/{attached['id']}")
        assert got.status_code == 200 and got.content == PDF and got.headers["content-type"] == "application/pdf"
        assert "attachment" in got.headers["content-disposition"]
        assert got.headers["x-content-type-options"] == "nosniff"
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "document_processing@client.test", PASSWORD)  # the thread is for full access users
        assert (await client.get(f"{path}/files/{attached['id']}")).status_code == 404


async def test_a_client_of_another_dossier_gets_no_file(fake, notify, notify_app):
    bakery = bakery_of(fake)
    other = next(d for d in fake.dossiers if d != bakery and fake.dossiers[d]["name"] == "Garage Dubois")
    fake.add_user("gert@garage.test", "Gert Garage", profiles={other: "FULL_ACCESS"})
    thread = notify.ask(bakery, "Receipt?")
    message = notify.add(thread, "", "office", None, "Colin")
    message["files"] = [{"id": "f1", "filename": "x.pdf", "content_type": "application/pdf", "size": 15, "data": PDF}]
    async with portal_client(fake_office_app(fake), notify_app=notify_app) as client:
        await login(client, "gert@garage.test", PASSWORD)
        denied = await client.get(f"/dossiers/{bakery}/messages/{thread['id']}/files/f1")
        assert denied.status_code in (403, 404) and PDF not in denied.content
        elsewhere = await client.get(f"/dossiers/{other}/messages/{thread['id']}/files/f1")
        assert elsewhere.status_code in (403, 404) and PDF not in elsewhere.content
