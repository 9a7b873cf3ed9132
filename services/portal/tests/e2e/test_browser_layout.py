"""Issue 15 item 7: every main page is usable at 1280 px and on a 390 px phone, for the office and for a client.

For each page and width: a screenshot (kept in a temporary folder, or BF_E2E_SCREENSHOTS), the page never scrolls
sideways (document scrollWidth <= innerWidth) and the elements that matter — the worklist's Total, Validation and
Actions, the annotation form's Period, Country and payment reference, the last columns of the monitor and of the
journals table, the documents table's cells on a phone — lie inside the viewport. Also (item 10) a misc document is
filed under one of the office's permanent-dossier types from the worklist."""
from __future__ import annotations

import os
import tempfile
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, office_api
from portal_testkit.ingest_kit import ingest_api, pdf, wait_until_known
from portal_testkit.worklist_kit import proposal, publish, wait_for, wait_for_dossier, worklist_api

pytestmark = pytest.mark.e2e
COLLAB, CLIENT = LOGINS["COLLABORATOR"], LOGINS["FULL_ACCESS"]  # French office collaborator; German Schmitz client
WIDE, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
SHOTS = Path(os.environ.get("BF_E2E_SCREENSHOTS") or tempfile.mkdtemp(prefix="bf-layout-"))
FIRST = "tbody tr:first-child"


@pytest.fixture(scope="module")
def world(platform) -> dict[str, str]:
    """Dupont with two proposals (a long counterparty, a refusal text) and a misc document; Schmitz with documents
    in a mailbox and sent."""
    ids, tag = dossier_ids(platform), uuid.uuid4().hex[:6]
    with office_api(platform, LOGINS["ADMIN"].email, LOGINS["ADMIN"].password) as api:
        office_id = api.get("/me").json()["office"]["id"]
    long_name = {"status": "new", "name": f"Établissements Vandenbroucke-Delacroix et Associés SPRL {tag}"}
    events = [proposal(office_id, ids["DUPONT"], f"LAYOUT-{tag}-{n}", counterparty=long_name,
                       status="complete_new_counterparty") for n in range(2)]
    misc = proposal(office_id, ids["DUPONT"], None, mailbox="misc", status="complete", lines=[])
    publish(platform, "proposal.created", *events, misc)
    with worklist_api(platform, COLLAB.email, COLLAB.password) as api:
        wait_for_dossier(api, ids["DUPONT"])
        wait_for(api, ids["DUPONT"], [str(e.proposal_id) for e in (*events, misc)])
    with ingest_api(platform, CLIENT.email, CLIENT.password) as api:
        wait_until_known(api, ids["SCHMITZ"])
        docs = api.post(f"/dossiers/{ids['SCHMITZ']}/mailboxes/purchases/documents", files=[
            ("files", (f"Rechnung-Büromaterial-Quartal-{tag}-{n}.pdf", pdf(f"Layout {tag} {n}", 1), "application/pdf"))
            for n in range(2)]).json()["documents"]
        api.post(f"/dossiers/{ids['SCHMITZ']}/send", json={"document_ids": [docs[0]["id"]]}).raise_for_status()
    return {"dupont": ids["DUPONT"], "schmitz": ids["SCHMITZ"], "tag": tag, "proposal": str(events[0].proposal_id),
            "misc": str(misc.proposal_id)}


def fits(page: Page, name: str, keys: tuple[str, ...]) -> None:
    """The page does not scroll sideways and each key element lies inside the viewport; a screenshot is kept."""
    width = page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
    scroll = page.evaluate("document.documentElement.scrollWidth")
    assert scroll <= width, f"{name} at {width} px is {scroll} px wide (screenshots in {SHOTS})"
    for selector in keys:
        element = page.locator(selector).first
        expect(element).to_be_attached()
        box = element.bounding_box()
        assert box is not None, f"{name}: {selector} is not shown"
        assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, \
            f"{name} at {width} px: {selector} is off-screen at x={box['x']:.0f}..{box['x'] + box['width']:.0f}"


def office_pages(w: dict[str, str]) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    """(name, path, key elements at 1280 px, key elements on a phone)."""
    dupont, tag = w["dupont"], w["tag"]
    worklist = f"/dossiers/{dupont}/worklist?list=purchases&q={tag}"
    return [
        ("dossiers", "/dossiers", ("table a",), ("table a",)),
        ("overview", f"/dossiers/{dupont}", ("#dossier-tabs", "#crumbs"), ("#dossier-tabs", "#crumbs")),
        ("worklist", worklist, (f"table.worklist {FIRST} td.count", f"table.worklist {FIRST} .status",
                                f"table.worklist {FIRST} td.row-actions a", "#bulk-send"), ("#bulk-send", "#crumbs")),
        ("annotation", f"/dossiers/{dupont}/worklist/{w['proposal']}?list=purchases&q={tag}",
         ("#f-period", "#f-counterparty_country", "#f-payment_reference", "#save-back"),
         ("#f-period", "#f-counterparty_country", "#f-payment_reference", "#save-back")),
        ("misc", f"/dossiers/{dupont}/worklist?list=misc", (f"table.worklist {FIRST} td.row-actions button",), ()),
        ("monitor", "/monitor", ("table.monitor th:last-child",), ()),
        ("journals", f"/dossiers/{dupont}/lists/journals", ("table.rows th:last-child",
                                                            f"table.rows {FIRST} td:last-child"), ()),
        ("payments", f"/dossiers/{dupont}/payments", ("h1",), ("h1",)),
        ("documents-office", f"/dossiers/{w['schmitz']}/documents?box=purchases", ("table.docs",), ()),
    ]


def client_pages(w: dict[str, str]) -> list[tuple[str, str, tuple[str, ...], tuple[str, ...]]]:
    schmitz, doc = w["schmitz"], f"table.docs {FIRST}"
    on_phone = (f"{doc} td.doc-name a", f"{doc} td[data-label]", f"{doc} input[name=ids]", "#send-selected")
    return [
        ("client-home", f"/client/{schmitz}", ("a.tile",), ("a.tile",)),
        ("documents", f"/dossiers/{schmitz}/documents?box=purchases&q={w['tag']}", ("table.docs", "#send-selected"),
         on_phone),
        ("sent", f"/dossiers/{schmitz}/documents?box=processing&q={w['tag']}", (f"{doc} .sent-state",),
         (f"{doc} .sent-state", f"{doc} td.sent-at")),
        ("client-payments", f"/dossiers/{schmitz}/payments", ("h1",), ("h1",)),
        ("messages", f"/dossiers/{schmitz}/messages", ("h1",), ("h1",)),
        ("capture", f"/dossiers/{schmitz}/capture", (), ("#capture-input",)),
    ]


@pytest.mark.parametrize("who", ["office", "client"])
def test_every_main_page_fits_at_1280_px_and_on_a_phone(platform, browser_page: Page, world, who):
    page = browser_page
    login, pages = (COLLAB, office_pages(world)) if who == "office" else (CLIENT, client_pages(world))
    log_in(page, login.email, login.password)
    for size, index in ((WIDE, 2), (PHONE, 3)):
        page.set_viewport_size(size)
        for entry in pages:
            page.goto(entry[1])
            expect(page.locator("main")).to_be_visible()
            fits(page, f"{who}-{entry[0]}", entry[index])


def test_a_misc_document_is_filed_under_an_office_type(platform, browser_page: Page, world):
    """WL-12 / issue 15 item 10: the office defines Statutes and Contracts; the dossier none of its own."""
    page = browser_page
    log_in(page, COLLAB.email, COLLAB.password)
    page.goto(f"/dossiers/{world['dupont']}/worklist?list=misc")
    row = page.locator(f"tr[data-proposal='{world['misc']}']")
    expect(row.locator("select[name=type] option")).to_have_count(3)  # "to file", statutes, contracts
    row.locator("select[name=type]").select_option("contracts")
    row.locator(f"button[data-file='{world['misc']}']").click()
    row = page.locator(f"tr[data-proposal='{world['misc']}']")
    expect(row).to_have_attribute("data-status", "filed")
    expect(row.locator(".badge.ok")).to_have_text("contracts")
