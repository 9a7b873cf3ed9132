"""The office's Templates page (issue 16, COM-5, COM-6) through the portal against the fake office and the fake
notify: the ADMIN sees the standard mails per language and which the office changed, edits one (the placeholders
listed, notify's preview shown, its refusal said in the reader's language), goes back to the standard text only
after confirming; adds and deletes (after confirming) conversation templates; bad input is a 422 naming the field;
texts are escaped; a collaborator and a client get 403 (template.manage is the ADMIN's) and no link."""
from __future__ import annotations

import pytest

from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD

pytestmark = pytest.mark.integration
ADMIN, COLLAB, CLIENT = "admin@demo.test", "collab@demo.test", "full_access@client.test"
MAIL = "/office/templates/mail/worklist.question/fr"


async def test_the_admin_sees_every_standard_mail_per_language(fake, office_app, notify, notify_app):
    notify.mail_overrides[("user.welcome", "nl")] = {"key": "user.welcome", "language": "nl", "subject": "Welkom",
                                                     "body": "Dag", "html": None, "updated_at": "2026-03-01T09:00:00"}
    async with portal_client(office_app, notify_app=notify_app) as client:
        await login(client, ADMIN, PASSWORD)
        home = await client.get("/news")
        page = await client.get("/office/templates")
    assert 'href="/office/templates"' in home.text
    assert page.status_code == 200
    for key in ("user.welcome", "user.password_reset", "worklist.question", "payment.approved", "sync.needs_support"):
        assert f'data-template="{key}"' in page.text
        for language in ("nl", "fr", "de", "en"):
            assert f'href="/office/templates/mail/{key}/{language}"' in page.text
    welcome = page.text.split('data-template="user.welcome"')[1].split("</tr>")[0]
    assert welcome.count("Changed") == 1 and welcome.count("Standard") == 3
    before_changed = welcome.split("Changed")[0]
    assert 'data-language="nl"' in before_changed and 'data-language="fr"' not in before_changed


async def test_editing_a_mail_lists_its_placeholders_and_shows_the_preview(fake, office_app, notify, notify_app):
    async with portal_client(office_app, notify_app=notify_app) as client:
        await login(client, ADMIN, PASSWORD)
        form = await client.get(MAIL)
        assert form.status_code == 200 and "[fr] worklist.question" in form.text
        for name in ("question", "invoice_number", "recipient_name", "portal_link"):
            assert f"<code>{{{{ {name} }}}}</code>" in form.text
        assert "/reset" not in form.text  # nothing to go back from yet
        saved = await client.post(MAIL, data={"subject": "Question: {{ invoice_number }}",
                                              "body": "Bonjour {{ recipient_name }}, {{ question }} <b>x</b>",
                                              "csrf_token": csrf_of(form.text)})
    assert saved.status_code == 200 and "The template is saved." in saved.text
    assert "Question: INVOICE_NUMBER" in saved.text
    assert "Bonjour RECIPIENT_NAME, QUESTION &lt;b&gt;x&lt;/b&gt;" in saved.text
    assert "<b>x</b>" not in saved.text and f'href="{MAIL}/reset"' in saved.text
    assert notify.mail_overrides[("worklist.question", "fr")]["subject"] == "Question: {{ invoice_number }}"


async def test_notifys_refusal_is_said_in_the_readers_language_and_keeps_the_text(fake, office_app, notify,
                                                                                 notify_app):
    fake.user_by_email(ADMIN).language = "fr"
    async with portal_client(office_app, notify_app=notify_app) as client:
        await login(client, ADMIN, PASSWORD)
        form = await client.get(MAIL)
        refused = await client.post(MAIL, data={"subject": "Question", "body": "Bonjour {{ nom_inconnu }}",
                                                "csrf_token": csrf_of(form.text)})
    assert refused.status_code == 422
    assert "Le modèle ne peut pas être généré : vérifiez ses variables et sa syntaxe." in refused.text
    assert "nom_inconnu" in refused.text and "Bonjour {{ nom_inconnu }}</textarea>" in refused.text
    assert notify.mail_overrides == {}


@pytest.mark.parametrize("blank", ["subject", "body"])
async def test_a_blank_subject_or_text_is_a_422_naming_it(fake, office_app, notify, notify_app, blank):
    async with portal_client(office_app, notify_app=notify_app) as client:
        await login(client, ADMIN, PASSWORD)
        form = await client.get(MAIL)
        data = {"subject": "S", "body": "B", blank: "  ", "csrf_token": csrf_of(form.text)}
        answer = await client.post(MAIL, data=data)
    assert answer.status_code == 422
    assert f'<span class="field-error" id="{blank}-error">Fill in this field.' in answer.text
    assert notify.mail_overrides == {}


async def test_back_to_the_standard_text_only_after_confirming(fake, office_app, notify, notify_app):
    notify.mail_overrides[("worklist.question", "fr")] = {
        "key": "worklist.question", "language": "fr", "subject": "Mien", "body": "Mon texte", "html": None,
        "updated_at": "2026-03-01T09:00:00"}
    async with portal_client(office_app, notify_app=notify_app) as client:
        await login(client, ADMIN, PASSWORD)
        confirm = await client.get(f"{MAIL}/reset")
        assert confirm.status_code == 200 and 'name="confirm" value="yes"' in confirm.text
        unconfirmed = await client.post(f"{MAIL}/reset", data={"csrf_token": csrf_of(confirm.text)})
        assert unconfirmed.status_code == 303 and unconfirmed.headers["location"] == f"{MAIL}/reset"
        assert ("worklist.question", "fr") in notify.mail_overrides
        done = await client.post(f"{MAIL}/reset", data={"confirm": "yes", "csrf_token": csrf_of(confirm.text)})
        assert done.status_code == 303 and done.headers["location"] == "/office/templates?notice=reset"
        assert notify.mail_overrides == {}
        assert "[fr] worklist.question" in (await client.get(MAIL)).text


async def test_unknown_template_or_language_is_a_404_page(fake, office_app, notify_app):
    async with portal_client(office_app, notify_app=notify_app) as client:
        await login(client, ADMIN, PASSWORD)
        assert (await client.get("/office/templates/mail/worklist.question/es")).status_code == 404
        assert (await client.get("/office/templates/mail/no.such/nl")).status_code == 404
        assert (await client.get("/office/templates/conversation/not-an-id/delete")).status_code == 404


async def test_the_admin_adds_and_deletes_a_conversation_template(fake, office_app, notify, notify_app):
    async with portal_client(office_app, notify_app=notify_app) as client:
        await login(client, ADMIN, PASSWORD)
        page = await client.get("/office/templates")
        assert "<code>{{ previous_quarter }}</code>" in page.text
        added = await client.post("/office/templates/conversation", data={
            "name": "<i>Rappel</i>", "language": "fr", "subject": "Documents {{ previous_quarter }}",
            "body": "Bonjour {{ recipient_name }}", "csrf_token": csrf_of(page.text)})
        assert added.status_code == 303 and added.headers["location"] == "/office/templates?notice=added"
        [template] = notify.conversation_templates.values()
        assert (template["name"], template["language"], template["body"]) == (
            "<i>Rappel</i>", "fr", "Bonjour {{ recipient_name }}")
        listed = await client.get("/office/templates?notice=added")
        assert "&lt;i&gt;Rappel&lt;/i&gt;" in listed.text and "<i>Rappel</i>" not in listed.text
        assert "The conversation template is added." in listed.text
        url = f"/office/templates/conversation/{template['id']}/delete"
        confirm = await client.get(url)
        assert confirm.status_code == 200 and "&lt;i&gt;Rappel&lt;/i&gt;" in confirm.text
        kept = await client.post(url, data={"csrf_token": csrf_of(confirm.text)})
        assert kept.status_code == 303 and notify.conversation_templates
        done = await client.post(url, data={"confirm": "yes", "csrf_token": csrf_of(confirm.text)})
        assert done.status_code == 303 and done.headers["location"] == "/office/templates?notice=deleted"
        assert notify.conversation_templates == {}
        assert (await client.get(url)).status_code == 404


@pytest.mark.parametrize(("values", "field", "shown"), [
    ({"name": " "}, "name", "Fill in this field."),
    ({"body": ""}, "body", "Fill in this field."),
    ({"subject": "x" * 201}, "subject", "This is too long. (max. 200)"),
    ({"language": "es"}, "language", "Choose one of the offered values."),
])
async def test_a_bad_conversation_template_is_a_422_naming_the_field(fake, office_app, notify, notify_app, values,
                                                                     field, shown):
    async with portal_client(office_app, notify_app=notify_app) as client:
        await login(client, ADMIN, PASSWORD)
        page = await client.get("/office/templates")
        answer = await client.post("/office/templates/conversation", data={
            "name": "Rappel", "language": "nl", "subject": "S", "body": "B", **values,
            "csrf_token": csrf_of(page.text)})
    assert answer.status_code == 422
    assert f'<span class="field-error" id="{field}-error">{shown}' in answer.text
    assert notify.conversation_templates == {}


@pytest.mark.parametrize("who", [COLLAB, CLIENT, "support@demo.test"])
async def test_only_who_may_manage_templates_gets_the_page(fake, office_app, notify, notify_app, who):
    notify.conversation_templates["00000000-0000-0000-0000-000000000001"] = {
        "id": "00000000-0000-0000-0000-000000000001", "name": "N", "language": "nl", "subject": "S", "body": "B",
        "updated_at": "2026-03-01T09:00:00"}
    async with portal_client(office_app, notify_app=notify_app) as client:
        await login(client, who, PASSWORD)
        home = await client.get("/news")
        token = csrf_of(home.text)
        assert 'href="/office/templates"' not in home.text
        assert (await client.get("/office/templates")).status_code == 403
        assert (await client.get(MAIL)).status_code == 403
        assert (await client.post(MAIL, data={"subject": "S", "body": "B", "csrf_token": token})).status_code == 403
        assert (await client.post(f"{MAIL}/reset", data={"confirm": "yes", "csrf_token": token})).status_code == 403
        assert (await client.post("/office/templates/conversation", data={
            "name": "N", "language": "nl", "subject": "S", "body": "B", "csrf_token": token})).status_code == 403
        delete = "/office/templates/conversation/00000000-0000-0000-0000-000000000001/delete"
        assert (await client.post(delete, data={"confirm": "yes", "csrf_token": token})).status_code == 403
    assert notify.mail_overrides == {} and len(notify.conversation_templates) == 1
