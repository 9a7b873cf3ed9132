"""News and help use cases (PLT-3) on the in-memory unit of work: audiences, unread counts, edits and marks."""
import uuid
from datetime import datetime, timedelta, timezone

import pytest

from office.domain.dossier import NewDossier
from office.domain.errors import Conflict, InvalidInput, NotFound
from office.domain.office import Office
from office.domain.principals import Account
from office.handlers import news
from office.handlers.context import Caller, principal_for

ACME = Office(id=str(uuid.uuid4()), slug="acme", name="Acme", portal_name="Acme portal", default_language="nl")
ITEM = {"audience": "clients", "texts": {"all": {"title": "Closed", "text": "We are closed on Friday"}}}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock():
    return Clock()


async def caller(memory, kind, role=None):
    account = memory.dossiers.add_account(Account(str(uuid.uuid4()), ACME.id, kind, f"{uuid.uuid4().hex}@x.test",
                                                  "N", "nl", role, True))
    if kind == "client":  # a client sees help through a dossier of theirs
        dossier_id = await memory.dossiers.create(ACME.id, NewDossier("D", None, None, "nl"))
        await memory.dossiers.set_client_user(dossier_id, account.id, profile="FULL_ACCESS")
    return Caller(await principal_for(memory.dossiers, account), account, ACME)


async def test_clients_see_the_items_for_them_unread_until_they_open_the_news(memory, deps, clock):
    admin, client = await caller(memory, "collaborator", "ADMIN"), await caller(memory, "client")
    first = await news.publish(deps, admin, ITEM)
    clock.now += timedelta(hours=1)
    await news.publish(deps, admin, {**ITEM, "audience": "office"})
    seen = await news.current_news(deps, client)
    assert ([i["id"] for i in seen["items"]], seen["unread"], seen["seen_at"]) == ([first["id"]], 1, None)
    await news.set_mark(deps, client, "news_seen_at")
    clock.now += timedelta(hours=1)
    later = await news.publish(deps, admin, {**ITEM, "audience": "both"})
    seen = await news.current_news(deps, client)
    assert [(i["id"], i["unread"]) for i in seen["items"]] == [(later["id"], True), (first["id"], False)]
    assert seen["unread"] == 1 and (await news.help_marks(deps, client))["quick_start_dismissed"] is False


async def test_an_edit_keeps_the_publication_and_a_withdrawn_item_is_not_edited(memory, deps, clock):
    admin = await caller(memory, "collaborator", "ADMIN")
    item = await news.publish(deps, admin, ITEM)
    clock.now += timedelta(days=1)
    edited = await news.edit(deps, admin, item["id"], {**ITEM, "link": "https://acme.example"})
    assert (edited["published_at"], edited["link"]) == (item["published_at"], "https://acme.example")
    assert edited["updated_at"] == clock.now.isoformat()
    assert (await news.withdraw(deps, admin, item["id"]))["withdrawn_at"] == clock.now.isoformat()
    with pytest.raises(Conflict):
        await news.edit(deps, admin, item["id"], ITEM)
    with pytest.raises(NotFound):
        await news.get_news(deps, admin, str(uuid.uuid4()))
    with pytest.raises(InvalidInput):
        await news.publish(deps, admin, {"audience": "everyone", "texts": {}})
    assert [i["id"] for i in (await news.all_news(deps, admin))["items"]] == [item["id"]]
