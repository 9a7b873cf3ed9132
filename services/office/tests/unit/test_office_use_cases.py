"""The office settings use cases on the in-memory unit of work: the answer of GET and PATCH /office (OFF-1, OFF-3)."""
import json
import uuid

from office.domain.office import DEFAULT_SETTINGS, Office
from office.domain.principals import Account
from office.handlers import office_settings
from office.handlers.context import Caller, principal_for

ACME = Office(id=str(uuid.uuid4()), slug="acme", name="Acme", portal_name="Acme portal", default_language="nl")


async def admin_of(memory):
    memory.offices.add(ACME)
    account = memory.dossiers.add_account(Account(str(uuid.uuid4()), ACME.id, "collaborator", "ada@acme.test", "Ada",
                                                  "nl", "ADMIN", True))
    return Caller(await principal_for(memory.dossiers, account), account, ACME)


async def test_a_patch_answers_and_stores_the_office_as_get_shows_it(memory, deps):
    admin = await admin_of(memory)
    answer = await office_settings.patch_office(deps, admin, {"portal_name": "Portal", "payment_module": True})
    expected = {"id": ACME.id, "slug": "acme", "name": "Acme", "portal_name": "Portal", "default_language": "nl",
                **DEFAULT_SETTINGS, "payment_module": True}
    assert json.dumps(answer) == json.dumps(expected)  # same keys in the same order
    stored = await memory.offices.get(ACME.id)
    assert stored is not None and json.dumps(await office_settings.get_office(Caller(admin.principal, admin.account,
                                                                                     stored))) == json.dumps(expected)
    assert await office_settings.public_office(deps, "acme") == {
        "slug": "acme", "name": "Acme", "portal_name": "Portal", "default_language": "nl"}
