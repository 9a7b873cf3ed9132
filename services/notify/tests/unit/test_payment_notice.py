"""Issue 17 item 1: an approved payment is told to the dossier's users the permission matrix lets execute payments
(PAY-3), each in their language, once per payment."""
from __future__ import annotations

import uuid

import pytest
from runtime.auth.matrix import MATRIX
from runtime.auth.principal import ClientProfile

from notify.domain.audience import Dossier, DossierUser, allowed_to
from notify.domain.errors import NoRecipients
from notify.domain.payment_notice import approved_request
from notify.handlers.compose import compose
from notify_testkit import OFFICE, PORTAL, StandardOnly, payment_approved

D = uuid.uuid4()


def _u(email, language="nl", profile="full_access", active=True):
    return DossierUser(uuid.uuid4(), email, email.split("@")[0].title(), language, profile, active)


def _dossier(*users: DossierUser) -> Dossier:
    return Dossier(D, OFFICE, "Bakkerij Janssens BV", users)


async def test_an_approved_payment_goes_to_those_who_may_execute_it_in_their_language():
    """PAY-3: administrator and full-access users (payment.execute) get it, each in their language; users of other
    profiles, inactive ones and the office are not told."""
    users = (_u("admin@x.be", "fr", "administrator"), _u("full@x.be", "de"), _u("gone@x.be", "nl", active=False),
             _u("docs@x.be", "en", "document_processing"), _u("feedback@x.be", "en", "full_feedback"),
             _u("delivery@x.be", "en", "document_delivery"))
    event = payment_approved(D)
    plan = await compose(approved_request(event), _dossier(*users), StandardOnly(), PORTAL)
    got = {m.person.email: m for m in plan.mails}
    assert set(got) == {"admin@x.be", "full@x.be"}
    fr, de = got["admin@x.be"].rendered, got["full@x.be"].rendered
    assert fr.subject == "Bakkerij Janssens BV : paiement à Proximus NV approuvé, à exécuter"
    assert "1234,50 EUR" in fr.body and "+++090/9337/55493+++" in fr.body and "2026-02-02" in fr.body
    assert "Zahlung an Proximus NV genehmigt" in de.subject and "SEPA-Datei" in de.body
    assert f"{PORTAL}/dossiers/{D}/payments/{event.payment_id}" in fr.body
    assert plan.message_text is None  # a mail, not a conversation


async def test_an_epc_qr_payment_asks_to_scan_its_code():
    """PAY-4: an approved QR payment is executed by scanning its code, not in a SEPA file; no date to name."""
    plan = await compose(approved_request(payment_approved(D, method="epc_qr")), _dossier(_u("a@x.be", "en")),
                         StandardOnly(), PORTAL)
    [mail] = plan.mails
    assert "scan its QR code" in mail.rendered.body and "SEPA" not in mail.rendered.body
    assert "waits to be executed." in mail.rendered.body


def test_the_audience_is_read_from_the_permission_matrix():
    """Whoever the matrix grants payment.execute is told, and nobody else: the notice follows the matrix."""
    users = [_u(f"{p.value.lower()}@x.be", profile=p.value.lower()) for p in ClientProfile]
    told = {p.email for p in allowed_to("payment.execute", users)}
    granted = {f"{p.value.lower()}@x.be" for p in ClientProfile if MATRIX["payment.execute"].conditions_for(p) is not None}
    assert told == granted and told  # administrator and full_access today


def test_no_one_to_tell_is_a_final_error():
    """A dossier without an active user allowed to execute payments: the request fails with the reason."""
    with pytest.raises(NoRecipients, match="SEPA"):
        allowed_to("payment.execute", [_u("docs@x.be", profile="document_processing")])


def test_one_request_per_payment_whatever_the_event():
    """A payment.approved published again (another event id) makes the same request: the mail is queued once."""
    payment = uuid.uuid4()
    first, again = approved_request(payment_approved(D, payment)), approved_request(payment_approved(D, payment))
    assert first.event_id == again.event_id != approved_request(payment_approved(D)).event_id


def _by(event, initiator, *, rule=True, approvers=()):
    from datetime import datetime, timezone

    from contracts.events.payments import Approval
    at = datetime(2026, 2, 1, tzinfo=timezone.utc)
    return event.model_copy(update={"initiated_by": initiator, "approval_rule_id": uuid.uuid4() if rule else None,
                                    "approvers": tuple(Approval(user_id=u, approved_at=at) for u in approvers)})


async def test_the_initiator_who_approved_is_not_told_the_others_who_may_execute_are():
    """Issue 17 item 4: the notice is for whoever must execute; the initiator whose request was their approval
    (PAY-9) or made it executable (approval off) did that themselves and gets no mail."""
    anna, bob = _u("anna@x.be", "en"), _u("bob@x.be", "nl", "administrator")
    dossier = _dossier(anna, bob)
    for event in (_by(payment_approved(D), anna.user_id, approvers=(anna.user_id,)),
                  _by(payment_approved(D), anna.user_id, rule=False)):
        plan = await compose(approved_request(event), dossier, StandardOnly(), PORTAL)
        assert [m.person.email for m in plan.mails] == ["bob@x.be"]
    other = _by(payment_approved(D), anna.user_id, approvers=(bob.user_id,))  # Bob's rule: Anna did not approve
    told = await compose(approved_request(other), dossier, StandardOnly(), PORTAL)
    assert sorted(m.person.email for m in told.mails) == ["anna@x.be", "bob@x.be"]


async def test_a_dossier_whose_only_payer_approved_their_own_payment_sends_nothing_and_fails_nothing():
    anna = _u("anna@x.be", "en")
    plan = await compose(approved_request(_by(payment_approved(D), anna.user_id, rule=False)), _dossier(anna),
                         StandardOnly(), PORTAL)
    assert plan.mails == ()


async def test_the_link_names_the_offices_portal_like_the_offices_own_mails():
    """Issue 17 item 4: '?office=<slug>' (the portal's login reads it), when notify knows the office's slug."""
    event = payment_approved(D)
    [mail] = (await compose(approved_request(event, "demo"), _dossier(_u("a@x.be", "en")), StandardOnly(),
                            PORTAL)).mails
    assert f"{PORTAL}/dossiers/{D}/payments/{event.payment_id}?office=demo" in mail.rendered.body
    [bare] = (await compose(approved_request(event), _dossier(_u("a@x.be", "en")), StandardOnly(), PORTAL)).mails
    assert "office=" not in bare.rendered.body
