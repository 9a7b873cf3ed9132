"""COM-5 audience and COM-6 language: who gets which mail, and requests that can never be sent (OFF-2 links)."""
from __future__ import annotations

import uuid

import pytest

from notify.adapters.standard import standard
from notify.domain.audience import Dossier, DossierUser
from notify.domain.errors import TemplateProblem, UnknownRecipient, UnknownTemplate
from notify.domain.params import portal_link
from notify.handlers.compose import compose
from notify_testkit import OFFICE, PORTAL, StandardOnly, dossier_updated, question, welcome

D = uuid.uuid4()


def _dossier(*users: DossierUser) -> Dossier:
    return Dossier(D, OFFICE, "Bakkerij Janssens BV", users)


def _u(email, language="nl", profile="full_access", active=True, user_id=None):
    return DossierUser(user_id or uuid.uuid4(), email, email.split("@")[0].title(), language, profile, active)


async def test_the_welcome_mail_has_the_absolute_set_password_link_of_the_office():
    """OFF-2, DOS-4: the new user gets an absolute link to the portal's set-password page, office named."""
    request = welcome(token="tok123", language="en")
    plan = await compose(request, None, StandardOnly(), PORTAL)
    [mail] = plan.mails
    assert mail.person.email == "anna@example.be" and mail.person.language == "en"
    assert f"{PORTAL}/reset-password?token=tok123&office=demo" in mail.rendered.body
    assert plan.message_text is None


def test_portal_link_joins_the_path_and_names_the_office():
    assert portal_link("http://p:8100/", "/reset-password?token=a b") == "http://p:8100/reset-password?token=a b"
    assert portal_link("http://p", "/x", "my office") == "http://p/x?office=my%20office"


async def test_full_access_audience_is_each_active_full_access_user_in_their_language():
    """COM-5: all full-access users (administrator, full_access), inactive and other profiles skipped; COM-6 language."""
    users = (_u("admin@x.be", "fr", "administrator"), _u("full@x.be", "de", "full_access"),
             _u("gone@x.be", "nl", "full_access", active=False), _u("upload@x.be", "en", "document_delivery"),
             _u("feedback@x.be", "en", "full_feedback"))
    plan = await compose(dossier_updated(D), _dossier(*users), StandardOnly(), PORTAL)
    got = {m.person.email: (m.person.language, m.rendered.subject) for m in plan.mails}
    assert set(got) == {"admin@x.be", "full@x.be"}
    assert got["admin@x.be"][0] == "fr" and "comptabilité" in got["admin@x.be"][1]
    assert got["full@x.be"][0] == "de" and "Buchhaltung" in got["full@x.be"][1]


async def test_a_recipient_without_email_is_found_by_user_id_in_the_dossier():
    """WL-6: the question to one user reaches their address from the replica; an unknown user fails."""
    anna = _u("anna@x.be", "fr")
    plan = await compose(question(D, "k", recipient=anna.user_id), _dossier(anna), StandardOnly(), PORTAL)
    assert [m.person.email for m in plan.mails] == ["anna@x.be"]
    assert plan.message_text == "Is this a private expense?"
    with pytest.raises(UnknownRecipient):
        await compose(question(D, "k", recipient=uuid.uuid4()), _dossier(anna), StandardOnly(), PORTAL)
    with pytest.raises(UnknownRecipient):
        await compose(question(D, "k", recipient=anna.user_id), _dossier(anna.__class__(
            anna.user_id, anna.email, anna.name, "fr", "full_access", False)), StandardOnly(), PORTAL)


async def test_unknown_template_and_missing_placeholder_are_final_errors():
    """COM-5: an unknown key, or params missing a placeholder, fail the request with the reason."""
    with pytest.raises(UnknownTemplate, match="user.nope"):
        await compose(welcome(template="user.nope"), None, StandardOnly(), PORTAL)
    broken = welcome()
    broken = broken.model_copy(update={"params": {k: v for k, v in broken.params.items() if k != "office_name"}})
    with pytest.raises(TemplateProblem, match="office_name"):
        await compose(broken, None, StandardOnly(), PORTAL)


async def test_a_dossier_audience_without_a_dossier_fails():
    request = dossier_updated(D).model_copy(update={"dossier_id": None})
    with pytest.raises(UnknownRecipient):
        await compose(request, None, StandardOnly(), PORTAL)


def test_standard_only_source_is_the_package_templates():
    assert standard("user.welcome", "fr") is not None
