"""Office contract, news and help marks (PLT-3, issue 16): the portal's office client against the fake office and
the real one (portal_testkit.office_contract), so the fake the news and help route tests use cannot drift."""
from portal_testkit.office_contract import (  # noqa: F401
    field_codes, office, office_template, portal_office, refused)

ITEM_KEYS = {"id", "audience", "texts", "link", "published_at", "updated_at", "withdrawn_at"}
ITEM = {"audience": "both", "texts": {"nl": {"title": "Gesloten", "text": "Vrijdag gesloten."}}, "link": None}


async def test_published_news_reaches_the_audience_with_an_unread_mark_until_seen(office, portal_office):
    admin, client = await portal_office.as_("ADMIN"), await portal_office.as_("FULL_ACCESS")
    item = await admin.publish_news({**ITEM, "link": "https://acme.example/x"})
    assert set(item) == ITEM_KEYS and item["texts"] == ITEM["texts"] and item["withdrawn_at"] is None
    await admin.publish_news({**ITEM, "audience": "office"})
    news = await client.news()
    assert [i["id"] for i in news["items"]] == [item["id"]] and news["unread"] == 1
    assert set(news["items"][0]) == ITEM_KEYS | {"unread"} and news["items"][0]["unread"] is True
    await client.news_seen()
    assert (await client.news())["unread"] == 0
    assert len((await admin.news())["items"]) == 2


async def test_editing_and_withdrawing_are_the_admins(office, portal_office):
    admin, collab = await portal_office.as_("ADMIN"), await portal_office.as_("COLLABORATOR")
    item = await admin.publish_news(ITEM)
    await refused(collab.publish_news(ITEM), 403, "forbidden")
    await refused(collab.withdraw_news(item["id"]), 403, "forbidden")
    await refused((await portal_office.as_("ADMINISTRATOR")).edit_news(item["id"], ITEM), 403, "forbidden")
    edited = await admin.edit_news(item["id"], {**ITEM, "texts": {"all": {"title": "T", "text": "X"}}})
    assert edited["texts"] == {"all": {"title": "T", "text": "X"}} and edited["published_at"] == item["published_at"]
    assert (await admin.news_item(item["id"]))["texts"] == edited["texts"]
    gone = await admin.withdraw_news(item["id"])
    assert gone["withdrawn_at"] and (await collab.news())["items"] == []
    assert [i["id"] for i in await admin.all_news()] == [item["id"]]
    await refused(admin.withdraw_news(item["id"]), 409)
    await refused(admin.edit_news(item["id"], ITEM), 409)
    await refused(admin.news_item("6a1f0d4e-0000-4000-8000-000000000001"), 404, "not_found")


async def test_bad_items_name_the_field_and_code(office, portal_office):
    admin = await portal_office.as_("ADMIN")
    both = await refused(admin.publish_news({**ITEM, "texts": {"all": {"title": "a", "text": "b"},
                                                               "nl": {"title": "a", "text": "b"}}}), 422)
    assert field_codes(both) == {"texts": "all_and_languages"}
    empty = await refused(admin.publish_news({**ITEM, "texts": {"fr": {"title": "", "text": "b"}}}), 422)
    assert field_codes(empty) == {"texts.fr.title": "too_short"}
    link = await refused(admin.publish_news({**ITEM, "link": "javascript:alert(1)"}), 422)
    assert field_codes(link) == {"link": "url"}
    assert field_codes(await refused(admin.publish_news({**ITEM, "audience": "all"}), 422)) == {"audience": "choice"}
    assert (await admin.all_news()) == []


async def test_the_quick_start_mark_is_the_users_own(office, portal_office):
    client, other = await portal_office.as_("FULL_ACCESS"), await portal_office.as_("DOCUMENT_DELIVERY")
    assert (await client.help_marks())["quick_start_dismissed"] is False
    await client.dismiss_quick_start()
    assert (await client.help_marks())["quick_start_dismissed"] is True
    assert (await other.help_marks())["quick_start_dismissed"] is False
