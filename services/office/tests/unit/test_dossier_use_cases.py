"""The dossier use cases (DOS-1..3, DOS-5) on the in-memory unit of work: what they store and publish."""
import uuid

import pytest
from runtime.auth.policy import Forbidden

from office.domain.errors import Conflict, InvalidInput
from office.domain.office import Office
from office.domain.principals import Account
from office.handlers import dossiers
from office.handlers.context import Caller, principal_for


def office(**settings):
    return Office(id=str(uuid.uuid4()), slug="acme", name="Acme", portal_name="Acme portal", default_language="nl",
                  **settings)


@pytest.fixture
def acme():
    return office()


async def caller(memory, at, role="COLLABORATOR"):
    """A collaborator of the office, as authenticate would make them now (reach re-read from the store)."""
    account = memory.dossiers.add_account(Account(str(uuid.uuid4()), at.id, "collaborator",
                                                  f"{role.lower()}@acme.test", role.title(), "nl", role, True))
    return Caller(await principal_for(memory.dossiers, account), account, at)


def published(memory):
    return [(str(e.dossier_id), e.change, e.dossier.name) for e in memory.published]


async def test_a_collaborator_creates_a_draft_dossier_assigned_to_them_with_its_mailboxes(memory, deps, acme):
    me = await caller(memory, acme)
    made = await dossiers.create_dossier(deps, me, {"name": "Dupont", "code": "dup", "language": "fr"})
    assert (made["status"], made["access"], made["language"]) == ("draft", "assigned", "fr")
    assert sorted(made["mailboxes"]) == ["misc", "purchases", "sales"]
    assert published(memory) == [(made["id"], "created", "Dupont")]
    assert [str(a.collaborator_id) for a in memory.published[0].dossier.assignments] == [me.principal.subject]


async def test_an_admin_is_not_assigned_and_a_taken_code_is_refused_without_an_event(memory, deps, acme):
    admin = await caller(memory, acme, "ADMIN")
    made = await dossiers.create_dossier(deps, admin, {"name": "Dupont", "code": "DUP"})
    assert made["access"] == "all" and memory.published[0].dossier.assignments == ()
    with pytest.raises(Conflict) as taken:
        await dossiers.create_dossier(deps, admin, {"name": "Other", "code": "dup"})
    assert taken.value.reason == "code_taken"
    assert len(memory.published) == 1 and len(memory.dossiers.rows) == 1


async def test_a_client_group_must_be_the_offices_own(memory, deps, acme):
    admin = await caller(memory, acme, "ADMIN")
    foreign = memory.dossiers.add_client_group(str(uuid.uuid4()), "Theirs")
    with pytest.raises(InvalidInput) as bad:
        await dossiers.create_dossier(deps, admin, {"name": "D", "client_group_id": foreign})
    assert bad.value.fields[0]["field"] == "client_group_id" and memory.dossiers.rows == {}
    ours = memory.dossiers.add_client_group(acme.id, "Ours")
    made = await dossiers.create_dossier(deps, admin, {"name": "D", "client_group_id": ours})
    assert (made["client_group_id"], made["client_group_name"]) == (ours, "Ours")


async def test_activation_links_the_software_and_creates_journals_once(memory, deps, acme):
    admin = await caller(memory, acme, "ADMIN")
    made = await dossiers.create_dossier(deps, admin, {"name": "Dupont"})
    link = {"software": "exact", "installation": "i1", "dossier_code": "77"}
    active = await dossiers.activate_dossier(deps, admin, made["id"], {"accounting": link,
                                                                       "accounting_updated_up_to": "2025-12-31"})
    assert (active["status"], active["accounting"], active["accounting_updated_up_to"]) == (
        "active", link, "2025-12-31")
    assert [j["alias"] for j in active["journals"]] == ["ACH", "VEN"]
    assert published(memory)[-1] == (made["id"], "activated", "Dupont")
    with pytest.raises(Conflict):
        await dossiers.activate_dossier(deps, admin, made["id"], {"accounting": link})
    assert len(memory.published) == 2


async def test_an_office_of_admin_activations_refuses_a_collaborator(memory, deps):
    acme = office(dossier_activation="admins")
    me = await caller(memory, acme)
    made = await dossiers.create_dossier(deps, me, {"name": "Dupont"})
    link = {"software": "exact", "installation": "i1", "dossier_code": "77"}
    with pytest.raises(Forbidden):
        await dossiers.activate_dossier(deps, me, made["id"], {"accounting": link})
    assert memory.dossiers.rows[made["id"]].status == "draft" and len(memory.published) == 1


async def test_a_patch_publishes_only_a_real_change(memory, deps, acme):
    admin = await caller(memory, acme, "ADMIN")
    made = await dossiers.create_dossier(deps, admin, {"name": "Dupont"})
    with pytest.raises(InvalidInput):
        await dossiers.patch_dossier(deps, admin, made["id"], {"status": "active"})
    changed = await dossiers.patch_dossier(deps, admin, made["id"], {"name": "Durand", "vat_number": "BE0403170701"})
    assert (changed["name"], changed["vat_number"]) == ("Durand", "BE0403170701")
    await dossiers.patch_settings(deps, admin, made["id"], {"vat_exempt": True})
    await dossiers.patch_settings(deps, admin, made["id"], {"vat_exempt": True})  # no change: no event
    assert [c for _, c, _ in published(memory)] == ["created", "updated", "settings"]
    assert (await dossiers.get_settings(deps, admin, made["id"]))["overrides"] == {"vat_exempt": True}


async def test_another_offices_or_an_unknown_dossier_is_forbidden_alike(memory, deps, acme):
    admin = await caller(memory, acme, "ADMIN")
    theirs = await dossiers.create_dossier(deps, await caller(memory, office(), "ADMIN"), {"name": "Theirs"})
    for dossier_id in (theirs["id"], str(uuid.uuid4()), "not-an-id"):
        with pytest.raises(Forbidden):
            await dossiers.get_dossier(deps, admin, dossier_id)


async def test_the_list_keeps_what_the_caller_sees_and_mine_their_own(memory, deps, acme):
    admin = await caller(memory, acme, "ADMIN")
    other = await dossiers.create_dossier(deps, admin, {"name": "Beta"})
    me = await caller(memory, acme)
    mine = await dossiers.create_dossier(deps, me, {"name": "Alpha"})
    me = Caller(await principal_for(memory.dossiers, me.account), me.account, acme)  # re-read: now assigned
    assert [d["name"] for d in (await dossiers.list_dossiers(deps, admin))["items"]] == ["Alpha", "Beta"]
    assert [d["id"] for d in (await dossiers.list_dossiers(deps, admin, mine=True))["items"]] == []
    assert [d["id"] for d in (await dossiers.list_dossiers(deps, me))["items"]] == [mine["id"]]
    assert other["id"] not in [d["id"] for d in (await dossiers.list_dossiers(deps, me, mine=True))["items"]]


async def test_a_rotated_mailbox_gets_a_new_address(memory, deps, acme):
    admin = await caller(memory, acme, "ADMIN")
    made = await dossiers.create_dossier(deps, admin, {"name": "Dupont", "code": "DUP"})
    rotated = await dossiers.rotate_mailbox(deps, admin, made["id"], "purchases")
    assert rotated["mailboxes"]["purchases"] != made["mailboxes"]["purchases"]
    assert rotated["mailboxes"]["sales"] == made["mailboxes"]["sales"]
    with pytest.raises(InvalidInput):
        await dossiers.rotate_mailbox(deps, admin, made["id"], "spam")
