"""ACT-3: a sync that needs support reaches the office even when the dossier has nobody allowed to receive the
alert — a request naming nobody goes to the office's administrators, each in their language; a request naming its
person goes to that person only, and a request of another kind naming nobody stays an unknown recipient."""
from __future__ import annotations

import uuid

import pytest

from notify.domain.audience import Dossier, DossierUser, Person
from notify.domain.errors import NoRecipients, UnknownRecipient
from notify.handlers.compose import compose, for_office_admins
from notify_testkit import OFFICE, PORTAL, StandardOnly, support_alert, welcome

D = uuid.uuid4()
ADA, EVE = Person("ada@office.be", "Ada Admin", "fr", uuid.uuid4()), Person("eve@office.be", "Eve", "de", uuid.uuid4())
CLIENT = DossierUser(uuid.uuid4(), "boss@client.be", "Boss", "nl", "administrator")


def _dossier(*admins: Person) -> Dossier:
    return Dossier(D, OFFICE, "Bakkerij Janssens BV", (CLIENT,), admins)


async def test_an_alert_naming_nobody_goes_to_each_office_admin_in_their_language():
    request = support_alert(D)
    assert for_office_admins(request)
    plan = await compose(request, _dossier(EVE, ADA, Person("ADA@office.be", "Ada twice", "fr")), StandardOnly(),
                         PORTAL)
    got = {m.person.email.lower(): m for m in plan.mails}
    assert sorted(got) == ["ada@office.be", "eve@office.be"]  # once per address, never the client
    assert got["ada@office.be"].rendered.subject == "Bakkerij Janssens BV : la synchronisation a besoin du support"
    assert got["ada@office.be"].rendered.body.startswith("Bonjour Ada Admin,")
    assert got["eve@office.be"].rendered.subject == "Bakkerij Janssens BV: die Synchronisation braucht den Support"
    assert "bad journal" in got["eve@office.be"].rendered.body
    assert f"{PORTAL}/dossiers/{D}/sync" in got["eve@office.be"].rendered.body


async def test_an_alert_naming_its_person_goes_to_that_person_only():
    request = support_alert(D, email="sara@office.be", language="en")
    assert not for_office_admins(request)
    plan = await compose(request, _dossier(ADA, EVE), StandardOnly(), PORTAL)
    assert [(m.person.email, m.person.language) for m in plan.mails] == [("sara@office.be", "en")]


async def test_without_an_admin_whose_address_is_known_the_alert_fails_with_its_reason():
    with pytest.raises(NoRecipients, match="administrator"):
        await compose(support_alert(D), _dossier(Person("", "No address", "nl")), StandardOnly(), PORTAL)


async def test_another_request_naming_nobody_is_still_an_unknown_recipient():
    request = welcome().model_copy(update={"recipient": support_alert(D).recipient, "dossier_id": D})
    assert not for_office_admins(request)
    with pytest.raises(UnknownRecipient):
        await compose(request, _dossier(ADA), StandardOnly(), PORTAL)
