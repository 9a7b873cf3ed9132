"""A client user works on the mailboxes in a real browser against the real ingest service: upload by the file
input and by drag and drop (ING-1), split with the page picker (ING-6), merge pages of two documents (ING-7),
bulk split by first pages (ING-8), send to the accountant (ING-9). Each test checks the page the user sees and
then what ingest's API (and its outbox) reports."""
from __future__ import annotations

import base64
import time
import uuid

import pytest
from playwright.sync_api import Page, expect

from portal_testkit.browser import LOGINS, dossier_ids, log_in, screenshot
from portal_testkit.ingest_kit import ingest_api, listed, outbox, pdf, wait_until_known

pytestmark = pytest.mark.e2e
CLIENT = LOGINS["FULL_ACCESS"]  # Schmitz, Full access: upload, view, edit, split, send
BLUE, GREEN = "rgb(29, 99, 216)", "rgb(31, 138, 59)"  # documents.css: .page.picked / .page.first


@pytest.fixture(scope="module")
def schmitz(platform) -> str:
    dossier = dossier_ids(platform)["SCHMITZ"]
    with ingest_api(platform, CLIENT.email, CLIENT.password) as api:
        wait_until_known(api, dossier)
    return dossier


@pytest.fixture
def api(platform):
    with ingest_api(platform, CLIENT.email, CLIENT.password) as client:
        yield client


def tag() -> str:
    return uuid.uuid4().hex[:6]


def put(api, dossier: str, *files: tuple[str, bytes], box: str = "purchases") -> list[dict]:
    """Documents put in a mailbox through ingest's API (the same upload the portal makes)."""
    answer = api.post(f"/dossiers/{dossier}/mailboxes/{box}/documents",
                      files=[("files", (name, data, "application/pdf")) for name, data in files])
    assert answer.status_code == 201, answer.text
    return answer.json()["documents"]


def open_box(page: Page, dossier: str, box: str = "purchases") -> None:
    log_in(page, CLIENT.email, CLIENT.password)
    page.goto(f"/dossiers/{dossier}/documents?box={box}")


def row(page: Page, filename: str):
    return page.locator(f"table.docs tr[data-name='{filename}']")


def pages_shown(page: Page, filename: str) -> str:
    return row(page, filename).locator("td").nth(2).inner_text().strip()


def drop_files(page: Page, selector: str, files: list[tuple[str, bytes]]) -> None:
    """Drag and drop files onto an element: a DataTransfer with File objects, dispatched as a drop event."""
    payload = [{"name": name, "data": base64.b64encode(data).decode()} for name, data in files]
    transfer = page.evaluate_handle("""files => {
        const dt = new DataTransfer();
        for (const f of files) {
            const bytes = Uint8Array.from(atob(f.data), c => c.charCodeAt(0));
            dt.items.add(new File([bytes], f.name, {type: "application/pdf"}));
        }
        return dt;
    }""", payload)
    page.locator(selector).dispatch_event("dragover", {"dataTransfer": transfer})
    page.locator(selector).dispatch_event("drop", {"dataTransfer": transfer})


def test_upload_by_file_input_and_by_drag_and_drop(platform, browser_page, schmitz, api):
    """ING-1: one PDF chosen with the file input, one dropped on the zone; both listed with their page counts."""
    page, t = browser_page, tag()
    chosen, dropped = f"chosen-{t}.pdf", f"dropped-{t}.pdf"
    open_box(page, schmitz)
    page.locator("#upload-input").set_input_files([{"name": chosen, "mimeType": "application/pdf",
                                                     "buffer": pdf("Chosen", 2)}])
    expect(row(page, chosen)).to_be_visible()  # the page reloads once the upload answered
    drop_files(page, "#dropzone", [(dropped, pdf("Dropped", 3))])
    expect(row(page, dropped)).to_be_visible()
    screenshot(page, "mailbox-after-upload")
    assert (pages_shown(page, chosen), pages_shown(page, dropped)) == ("2", "3")
    docs = {d["filename"]: d for d in listed(api, schmitz, "purchases", t)}
    assert {name: (d["page_count"], d["source"], d["status"]) for name, d in docs.items()} == {
        chosen: (2, "portal", "mailbox"), dropped: (3, "portal", "mailbox")}


def test_split_with_the_page_picker(platform, browser_page, schmitz, api):
    """ING-6: pages 1-2 (blue while picked) are one invoice, page 3 another; both kept in the mailbox."""
    page, t = browser_page, tag()
    [original] = put(api, schmitz, (f"split-{t}.pdf", pdf("Split", 3)))
    open_box(page, schmitz)
    row(page, original["filename"]).locator("a.split-link").click()
    page.wait_for_url(f"**/documents/{original['id']}/split")
    picker = page.locator("#picker button.page")
    expect(picker).to_have_count(3)
    picker.nth(0).click()
    picker.nth(1).click()
    expect(picker.nth(0)).to_have_class("page picked")
    assert picker.nth(1).evaluate("b => getComputedStyle(b).borderTopColor") == BLUE
    assert picker.nth(2).get_attribute("aria-pressed") == "false"
    screenshot(page, "split-picker")
    page.locator("#next-invoice").click()
    expect(picker.nth(0).locator(".group")).to_have_text("#1")
    picker.nth(2).click()
    page.locator("#keep").click()
    page.wait_for_url("**/documents?box=purchases")
    parts = sorted((d for d in listed(api, schmitz, "purchases", t)), key=lambda d: d["filename"])
    assert [(d["page_count"], d["derived_from"]) for d in parts] == [(2, [original["id"]]), (1, [original["id"]])]
    assert [pages_shown(page, d["filename"]) for d in parts] == ["2", "1"]
    expect(row(page, original["filename"])).to_have_count(0)
    assert api.get(f"/dossiers/{schmitz}/documents/{original['id']}").status_code == 404  # replaced


def test_merge_pages_of_two_documents(platform, browser_page, schmitz, api):
    """ING-7: select two documents, "Merge", click page 2 of the first and page 1 of the second, in that order."""
    page, t = browser_page, tag()
    first, second = put(api, schmitz, (f"merge-a-{t}.pdf", pdf("Merge A", 2)), (f"merge-b-{t}.pdf", pdf("Merge B", 2)))
    open_box(page, schmitz)
    for doc in (first, second):
        row(page, doc["filename"]).locator("input[name=ids]").check()
    page.locator("#merge-selected").click()
    page.wait_for_url("**/documents/merge?*")
    chosen = [page.locator(f"button.page[data-document='{doc['id']}'][data-page='{n}']")
              for doc, n in ((first, 2), (second, 1))]
    for button in chosen:
        button.click()
    for number, button in enumerate(chosen, 1):
        expect(button.locator(".group")).to_have_text(f"#{number}")
        assert button.evaluate("b => getComputedStyle(b).borderTopColor") == BLUE
    screenshot(page, "merge-picker")
    page.locator("#keep").click()
    page.wait_for_url("**/documents?box=purchases")
    [merged] = listed(api, schmitz, "purchases", t)
    assert merged["page_count"] == 2 and sorted(merged["derived_from"]) == sorted([first["id"], second["id"]])
    assert pages_shown(page, merged["filename"]) == "2"
    expect(row(page, first["filename"])).to_have_count(0)


def test_bulk_split_by_first_pages(platform, browser_page, schmitz, api):
    """ING-8: in bulk mode pages 1, 3 and 4 marked as first pages (green): three documents in one action."""
    page, t = browser_page, tag()
    [original] = put(api, schmitz, (f"bulk-{t}.pdf", pdf("Bulk", 5)))
    open_box(page, schmitz)
    page.goto(f"/dossiers/{schmitz}/documents/{original['id']}/split")
    page.locator("input[name=mode][value=bulk]").check()
    picker = page.locator("#picker button.page")
    for n in (0, 2, 3):
        picker.nth(n).click()
    expect(page.locator("button.page.first")).to_have_count(3)
    assert picker.nth(2).evaluate("b => getComputedStyle(b).borderTopColor") == GREEN
    screenshot(page, "bulk-split-picker")
    page.locator("#keep").click()
    page.wait_for_url("**/documents?box=purchases")
    parts = sorted(listed(api, schmitz, "purchases", t), key=lambda d: d["filename"])
    assert [d["page_count"] for d in parts] == [2, 1, 2]
    assert [pages_shown(page, d["filename"]) for d in parts] == ["2", "1", "2"]


def test_send_moves_documents_to_in_processing(platform, browser_page, schmitz, api):
    """ING-9: two selected documents sent: the page says so and shows them among the sent documents, in processing
    (issue 15 item 5); the mailbox keeps the other; document.received once for each."""
    page, t = browser_page, tag()
    docs = put(api, schmitz, (f"send-a-{t}.pdf", pdf("Send A", 1)), (f"send-b-{t}.pdf", pdf("Send B", 2)))
    kept = put(api, schmitz, (f"stay-{t}.pdf", pdf("Stay", 1)))[0]
    open_box(page, schmitz)
    for doc in docs:
        row(page, doc["filename"]).locator("input[name=ids]").check()
    page.locator("#send-selected").click()
    page.wait_for_url("**box=processing&sent=2")
    expect(page.locator("#sent-notice")).to_contain_text("2")
    for doc in docs:
        expect(row(page, doc["filename"])).to_have_attribute("data-state", "processing")
    expect(row(page, kept["filename"])).to_have_count(0)
    page.locator("nav.boxes a[data-box=purchases]").click()
    expect(row(page, kept["filename"])).to_be_visible()
    expect(row(page, docs[0]["filename"])).to_have_count(0)
    screenshot(page, "in-processing")
    processing = {d["id"]: d for d in listed(api, schmitz, "processing", t)}
    assert set(processing) == {d["id"] for d in docs}
    assert all(d["sent_at"] for d in processing.values())
    deadline = time.monotonic() + 15
    while True:
        received = [e for e in outbox(platform, "document.received") if e["document_id"] in processing]
        if all(e["_published"] for e in received) or time.monotonic() > deadline:
            break
        time.sleep(0.3)
    assert sorted(e["document_id"] for e in received) == sorted(processing)
    assert all(e["_published"] and e["source"] == "portal" and e["mailbox"] == "purchases" for e in received)
    assert {e["document_id"]: e["page_count"] for e in received} == {d["id"]: d["page_count"] for d in docs}


def test_uploading_the_same_file_again_is_said_and_stays_said_after_the_reload(platform, browser_page, schmitz, api):
    """Issue 15 item 9: the very same file uploaded again is not stored twice; the upload zone says so in words,
    naming the document already there, and still says so once the page has reloaded to list new documents."""
    page, t = browser_page, tag()
    original, again = f"aws-{t}.pdf", f"aws-again-{t}.pdf"
    same = pdf(f"AWS {t}", 1)
    open_box(page, schmitz)
    page.locator("#upload-input").set_input_files([{"name": original, "mimeType": "application/pdf", "buffer": same}])
    expect(row(page, original)).to_be_visible()
    page.evaluate("window.bfBeforeReload = true")
    page.locator("#upload-input").set_input_files([{"name": again, "mimeType": "application/pdf", "buffer": same}])
    page.wait_for_function("() => window.bfBeforeReload === undefined")  # the page reloaded after the answer
    note = page.locator("#upload-progress li[data-outcome='duplicate']")
    expect(note).to_have_count(1)
    # in the user's language (Schmitz reads German), naming both files and the mailbox
    expect(note).to_contain_text(f"{again} wurde nicht erneut gespeichert: genau dieselbe Datei ist schon hier als "
                                 f"{original} (Einkäufe")
    page.wait_for_timeout(2000)
    expect(note).to_be_visible()
    screenshot(page, "upload-duplicate-said")
    expect(row(page, again)).to_have_count(0)
    assert [d["filename"] for d in listed(api, schmitz, "purchases", t)] == [original]


def test_delete_asks_first_naming_the_files_then_says_how_many_went(platform, browser_page, schmitz, api):
    """ING-5, issue 15 item 4: Delete in a mailbox shows the selected files and deletes nothing until confirmed;
    the mailbox then says how many documents were deleted."""
    page, t = browser_page, tag()
    kept, gone = put(api, schmitz, (f"keep-{t}.pdf", pdf("Keep", 1)), (f"gone-{t}.pdf", pdf("Gone", 1)))
    open_box(page, schmitz)
    row(page, gone["filename"]).locator("input[name=ids]").check()
    page.locator("#doc-actions button[value=delete]").click()
    expect(page.locator("h1")).to_have_text("1 Dokument löschen?")  # Schmitz's client user reads German
    expect(page.locator("#delete-list li")).to_have_text([gone["filename"] + " (1 Seite)"])
    screenshot(page, "documents-delete-confirm")
    assert api.get(f"/dossiers/{schmitz}/documents/{gone['id']}").status_code == 200  # nothing deleted yet
    page.locator("#confirm-delete").click()
    expect(page.locator("#deleted-notice")).to_have_text("1 Dokument gelöscht.")
    expect(row(page, gone["filename"])).to_have_count(0)
    expect(row(page, kept["filename"])).to_have_count(1)
    assert api.get(f"/dossiers/{schmitz}/documents/{gone['id']}").status_code == 404
