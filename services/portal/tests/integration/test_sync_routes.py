"""The office's synchronisation screen (SYN-4 manual sync, SYN-5 full resync, ACT-2 runs) through the portal against
the fake office and a fake sync-connector: who sees it and which forms (sync.view / sync.run / sync.full), what a
form asks the connector for, the full resync's confirmation, refusals named on the page, the instruction shown as
text, the four languages."""
from __future__ import annotations

import pytest
from fastapi import FastAPI

from portal_testkit.counters_fake import attach_counters, build_fake_counters
from portal_testkit.harness import csrf_of, login, portal_client
from portal_testkit.office_state import PASSWORD
from portal_testkit.sync_fake import FakeSync, attach, build_fake_sync, run_of, status_of
from portal_testkit.worklist_pages import bakery_of, fake_office_app, garage_of

pytestmark = pytest.mark.integration
ADMIN, COLLAB, SUPPORT, CLIENT = ("admin@demo.test", "collab@demo.test", "support@demo.test",
                                  "full_access@client.test")


@pytest.fixture
def sync(fake) -> FakeSync:
    return FakeSync(fake)


async def _as(fake, sync: FakeSync, email: str):
    client_cm = portal_client(fake_office_app(fake))
    client = await client_cm.__aenter__()
    attach(client, build_fake_sync(sync))
    await login(client, email, PASSWORD)
    return client_cm, client


async def test_a_collaborator_runs_a_manual_sync_with_its_options(fake, sync):
    """SYN-4: the page shows the link, status and runs; the form's date, new active period (only later periods
    offered), counter reset and client e-mail go to the connector; back on the page with the notice. No full resync
    for a collaborator (no form, POST 403)."""
    bakery = bakery_of(fake)
    sync.states[bakery] = status_of(bakery, runs=[run_of("nightly", changes=[
        {"kind": "accounts", "created": 2, "updated": 1, "deleted": 0},
        {"kind": "entries", "created": 5, "updated": 0, "deleted": 1}])])
    cm, client = await _as(fake, sync, COLLAB)
    try:
        page = await client.get(f"/dossiers/{bakery}/sync")
        assert page.status_code == 200, page.text
        html = page.text
        assert f'href="/dossiers/{bakery}/sync" aria-current="page"' in html
        assert "<code>bakery</code>" in html and 'data-status="ok"' in html
        assert 'id="manual-sync"' in html and 'id="full-sync"' not in html
        assert '<option value="2026-03">' in html and '<option value="2026-01">' not in html  # after 2026-02 only
        assert 'data-reason="nightly" data-outcome="succeeded"' in html and "7 new, 1 changed, 1 removed" in html
        asked = await client.post(f"/dossiers/{bakery}/sync", data={
            "csrf_token": csrf_of(html), "updated_up_to": "2026-02-28", "new_active_period": "2026-03",
            "reset_sent_counter": "true", "notify_client": "true"})
        assert asked.status_code in (302, 303) and asked.headers["location"].endswith("?notice=sync_requested")
        assert sync.requests == [(bakery, {"reason": "manual", "reset_sent_counter": True, "notify_client": True,
                                           "updated_up_to": "2026-02-28", "new_active_period": "2026-03"})]
        after = (await client.get(asked.headers["location"])).text
        assert "The sync is asked for" in after
        plain = await client.post(f"/dossiers/{bakery}/sync", data={"csrf_token": csrf_of(html)})
        assert plain.status_code in (302, 303)
        assert sync.requests[-1][1] == {"reason": "manual", "reset_sent_counter": False, "notify_client": False}
        full = await client.post(f"/dossiers/{bakery}/sync/full", data={"csrf_token": csrf_of(html), "confirm": "yes"})
        assert full.status_code == 403 and len(sync.requests) == 2
    finally:
        await cm.__aexit__(None, None, None)


async def test_the_full_resync_is_for_admins_and_needs_the_confirmation(fake, sync):
    """SYN-5: without the tick a 422 on the page says so and nothing is asked; with it a full resync (with the
    client e-mail when ticked) is asked for."""
    bakery = bakery_of(fake)
    cm, client = await _as(fake, sync, ADMIN)
    try:
        html = (await client.get(f"/dossiers/{bakery}/sync")).text
        assert 'id="full-sync"' in html and 'action="/dossiers/' + bakery + '/sync/full"' in html
        unconfirmed = await client.post(f"/dossiers/{bakery}/sync/full", data={"csrf_token": csrf_of(html)})
        assert unconfirmed.status_code == 422 and "Tick the box to confirm" in unconfirmed.text
        assert '<details class="card" id="full-sync" open>' in unconfirmed.text and sync.requests == []
        done = await client.post(f"/dossiers/{bakery}/sync/full", data={
            "csrf_token": csrf_of(html), "confirm": "yes", "notify_client": "true"})
        assert done.status_code in (302, 303)
        assert sync.requests == [(bakery, {"reason": "full", "notify_client": True})]
    finally:
        await cm.__aexit__(None, None, None)


async def test_refusals_are_named_and_the_instruction_is_shown_as_text(fake, sync):
    """A period the software does not know is the connector's 422 next to the field (the values kept); a failed run
    says what to do (its instruction, markup as text) rather than only the raw error; a dossier without link offers
    no sync and says why."""
    bakery, garage = bakery_of(fake), garage_of(fake)
    sync.states[bakery] = status_of(bakery, sync_status="needs_collaborator", instruction="Reopen <b>2026-02</b>.",
                                    runs=[run_of("manual", "failed", error_reason="ClosedPeriod raw",
                                                 instruction="Reopen <b>2026-02</b>.")])
    sync.states[garage] = status_of(garage, software=None, installation=None, dossier_code=None, activated=False)
    cm, client = await _as(fake, sync, ADMIN)
    try:
        html = (await client.get(f"/dossiers/{bakery}/sync")).text
        assert "<b>2026-02</b>" not in html and html.count("Reopen &lt;b&gt;2026-02&lt;/b&gt;.") == 2
        assert 'id="instruction"' in html and "ClosedPeriod raw" not in html
        bad = await client.post(f"/dossiers/{bakery}/sync", data={
            "csrf_token": csrf_of(html), "new_active_period": "2031-01", "updated_up_to": "2026-02-28"})
        assert bad.status_code == 422 and 'id="new_active_period-error"' in bad.text
        assert 'value="2026-02-28"' in bad.text and sync.requests == []
        unlinked = (await client.get(f"/dossiers/{garage}/sync")).text
        assert 'id="not-linked"' in unlinked and 'id="manual-sync"' not in unlinked
        refused = await client.post(f"/dossiers/{garage}/sync", data={"csrf_token": csrf_of(html)})
        assert refused.status_code == 409 and "activate it first" in refused.text
    finally:
        await cm.__aexit__(None, None, None)


async def test_support_sees_clients_do_not_and_each_language_is_spoken(fake, sync):
    """SUPPORT reads the page of its dossier without forms (POST 403); a client user gets 403 and no tab; the page
    in French, Dutch and German; the connector down is a 503 page."""
    bakery, garage = bakery_of(fake), garage_of(fake)
    cm, client = await _as(fake, sync, SUPPORT)
    try:
        html = (await client.get(f"/dossiers/{garage}/sync")).text
        assert 'id="sync-status"' in html and 'id="manual-sync"' not in html
        refused = await client.post(f"/dossiers/{garage}/sync", data={"csrf_token": csrf_of(html)})
        assert refused.status_code == 403 and sync.requests == []
        assert (await client.get(f"/dossiers/{bakery}/sync")).status_code == 403  # not assigned
        for language, title in (("fr", "Synchronisation"), ("nl", "Synchronisatie"), ("de", "Synchronisierung")):
            fake.user_by_email(SUPPORT).language = language
            assert f"<h1>{title}:" in (await client.get(f"/dossiers/{garage}/sync")).text, language
    finally:
        await cm.__aexit__(None, None, None)
    cm, client = await _as(fake, sync, CLIENT)
    try:
        assert (await client.get(f"/dossiers/{bakery}/sync")).status_code == 403
        assert "/sync" not in (await client.get(f"/dossiers/{bakery}/history")).text
    finally:
        await cm.__aexit__(None, None, None)
    async with portal_client(fake_office_app(fake)) as down:
        await login(down, ADMIN, PASSWORD)
        assert (await down.get(f"/dossiers/{bakery}/sync")).status_code == 503


async def test_the_monitor_says_what_to_do_and_links_the_sync_screen(fake, sync):
    """ACT-1: a dossier whose sync needs someone shows the connector's instruction (as text), not the software's
    raw error the office kept; its status links to the sync screen; with the connector down the raw error stays."""
    bakery = bakery_of(fake)
    fake.activity[bakery] = {"sync_status": "needs_collaborator", "sync_error": "ClosedPeriod: period 2026-02 raw"}
    sync.states[bakery] = status_of(bakery, sync_status="needs_collaborator",
                                    instruction="Reopen <i>2026-02</i> in the software, then send again.")
    cm, client = await _as(fake, sync, ADMIN)
    try:
        html = (await client.get("/monitor")).text
    finally:
        await cm.__aexit__(None, None, None)
    row = html[html.index(f'<tr data-dossier="{bakery}"'):]
    row = row[:row.index("</tr>")]
    assert f'href="/dossiers/{bakery}/sync"' in row and "Needs you" in row
    assert "Reopen &lt;i&gt;2026-02&lt;/i&gt; in the software, then send again." in row and "raw" not in row
    async with portal_client(fake_office_app(fake)) as down:
        await login(down, ADMIN, PASSWORD)
        fallback = (await down.get("/monitor")).text
    assert "ClosedPeriod: period 2026-02 raw" in fallback


async def test_the_monitor_marks_a_dossier_whose_support_team_was_alerted(fake, sync):
    """ACT-3: a sync needing support whose alert went out is marked 'support alerted' beside its instruction (in the
    reader's language); the same status without an alert, or an alert left from an earlier incident, is not."""
    bakery, garage = bakery_of(fake), garage_of(fake)
    sync.states[bakery] = status_of(bakery, sync_status="needs_support", support_alerted_at="2026-03-02T10:00:05+00:00",
                                    instruction="The accounting software refused: boom. Support should look at it.")
    sync.states[garage] = status_of(garage, sync_status="needs_support", support_alerted_at=None)
    cm, client = await _as(fake, sync, ADMIN)
    try:
        html = (await client.get("/monitor")).text
        fake.user_by_email(ADMIN).language = "fr"
        french = (await client.get("/monitor")).text
    finally:
        fake.user_by_email(ADMIN).language = "en"
        await cm.__aexit__(None, None, None)

    def row(page: str, dossier: str) -> str:
        found = page[page.index(f'<tr data-dossier="{dossier}"'):]
        return found[:found.index("</tr>")]
    # the alert time as the reader writes it, in Brussels time (10:00 UTC is 11:00 in March)
    assert "Support alerted" in row(html, bakery) and "02/03/2026, 11:00" in row(html, bakery)
    assert "Support alerted" not in row(html, garage)
    assert "Support averti" in row(french, bakery)


async def test_the_monitor_counts_documents_in_mailboxes_and_open_conversations(fake, sync):
    """ACT-1: "In mailboxes" from ingest and "Conversations" from notify fill their columns (no longer "not
    available yet"), link to the dossier's documents and messages, say how many wait for the office, and sort in the
    portal; a service that does not answer leaves its column "not available"."""
    bakery, garage = bakery_of(fake), garage_of(fake)
    ingest = build_fake_counters(fake, "document.view", {bakery: {"uploaded_not_sent": 3}}, ("uploaded_not_sent",))
    notify = build_fake_counters(fake, "conversation.view", {garage: {"open_conversations": 2,
                                                                      "waiting_for_office": 1}},
                                 ("open_conversations", "waiting_for_office"))
    cm, client = await _as(fake, sync, ADMIN)
    try:
        attach_counters(client, "ingest", ingest)
        attach_counters(client, "notify", notify)
        html = (await client.get("/monitor")).text
        by_count = (await client.get("/monitor?sort=open_conversations&order=desc")).text
        attach_counters(client, "notify", FastAPI())  # notify without the route: 404, not fed
        unfed = (await client.get("/monitor")).text
    finally:
        await cm.__aexit__(None, None, None)
    assert f'<a class="counter" href="/dossiers/{bakery}/documents" title="Open the documents">3</a>' in html
    assert f'href="/dossiers/{garage}/messages" title="Open the conversations">2</a>' in html
    assert '<span class="badge warn" title="Waiting for the office">(1)</span>' in html
    assert 'class="not-fed" title="Not available yet: the ingest service' not in html
    assert 'aria-sort="descending"' in by_count and by_count.index("Garage Dubois") < by_count.index("Bakery Janssens")
    assert 'class="not-fed" title="Not available yet: the notify service' in unfed


async def test_the_connectors_instruction_is_said_in_the_readers_language(fake, sync):
    """Issue 15: the connector gives its instruction as a code with values; the sync screen and the monitor say it
    in the reader's language with the software's own words (as text) after it; a code the portal does not know
    shows the connector's English."""
    bakery = bakery_of(fake)
    said = {"instruction": "period 2026-02 is closed. Reopen the period in the accounting software, ...",
            "instruction_code": "ClosedPeriod", "instruction_params": {"reason": "Period <b>2026-02</b> is closed"}}
    sync.states[bakery] = status_of(bakery, sync_status="needs_collaborator", **said,
                                    runs=[run_of("manual", "failed", error_reason="raw", **said)])
    cm, client = await _as(fake, sync, ADMIN)
    try:
        for language, text in (("nl", "Heropen de periode in het boekhoudpakket"),
                               ("fr", "Rouvrez la période dans le logiciel comptable"),
                               ("de", "Öffnen Sie die Periode in der Buchhaltungssoftware wieder"),
                               ("en", "Reopen the period in the accounting software")):
            fake.user_by_email(ADMIN).language = language
            page, monitor = (await client.get(f"/dossiers/{bakery}/sync")).text, (await client.get("/monitor")).text
            assert page.count(text) == 2 and text in monitor, language
            assert "Period &lt;b&gt;2026-02&lt;/b&gt; is closed" in page and "<b>2026-02</b>" not in page
            assert "Reopen the period in the accounting software, ..." not in page
        sync.states[bakery]["instruction_code"] = "SomethingNew"
        assert "Reopen the period in the accounting software, ..." in (await client.get(f"/dossiers/{bakery}/sync")).text
    finally:
        fake.user_by_email(ADMIN).language = "en"
        await cm.__aexit__(None, None, None)
