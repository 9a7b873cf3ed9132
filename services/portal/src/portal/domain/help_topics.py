"""The help of each screen (PLT-3): which help topic a page's route has, and the topics' texts (translated).

The help button of every page asks ``/help?page=<path>``; the portal finds the route serving that path and its
topic here. A route is either a screen with its own topic (``ROUTE_TOPICS``), a screen that shows the general
help (``GENERAL_ROUTES``), or no screen at all (files, images, partials, pages before login: ``NOT_SCREENS``).
tests/unit/test_help_topics.py lists every GET route of the portal and fails on one that is in none of them, so a
new screen cannot go without help unnoticed.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from portal.i18n import N_

D = "/dossiers/{dossier_id}"


@dataclass(frozen=True)
class Topic:
    """One help text: its key, a title and a few paragraphs (each a catalog text)."""

    key: str
    title: str
    paragraphs: tuple[str, ...]


TOPICS: Mapping[str, Topic] = {t.key: t for t in (
    Topic("general", N_("Help"), (
        N_("The bar at the top leads to the parts of the portal your role or profile allows. Within a dossier, "
           "the tabs show its daily work first; set-up pages are grouped under Set-up."),
        N_("Every screen has a Help button at the top that explains that screen. The News page shows what your "
           "accountant announces; a number next to News counts the items you have not read yet."),
        N_("Something unclear or blocked? Start a conversation with your accountant from the Conversations tab of "
           "the dossier."),
    )),
    Topic("dashboard", N_("Help: dashboard"), (
        N_("The dashboard shows the key figures of the dossier for the chosen year: turnover, costs, result, the "
           "VAT position, cash, and what customers owe and what you owe suppliers."),
        N_("The bar chart shows each month. Months that are not closed yet are hatched and marked with a star "
           "when the dossier shows closed periods only."),
    )),
    Topic("worklist", N_("Help: worklist"), (
        N_("The worklist holds the booking proposals made from the documents, one list each for purchases, sales "
           "and miscellaneous. Filter and sort with the column headers; the colours show each proposal's status."),
        N_("Tick proposals to send, check or delete several at once. With the keyboard, j and k choose a row and "
           "o opens it."),
    )),
    Topic("annotation", N_("Help: checking a proposal"), (
        N_("On the left you see the document's pages with the recognised words; click a word to copy it into the "
           "field that has the focus. Mandatory fields that are still empty are framed in red."),
        N_("Number fields accept sums such as 12+25. Save, or process and go back or to the next proposal; press "
           "? for the list of keyboard shortcuts. Use Help needed when you want your accountant to look at it."),
    )),
    Topic("documents", N_("Help: documents and upload"), (
        N_("Drop PDF files or photos on the upload area or choose them, for the purchases, sales or miscellaneous "
           "mailbox. You can also e-mail documents to the dossier's own address for each mailbox."),
        N_("Documents wait in their mailbox until they are sent to the office: split or merge pages first if "
           "needed. Sent documents at the bottom of the page shows where each one is: in processing, at the "
           "office or booked."),
    )),
    Topic("capture", N_("Help: phone capture"), (
        N_("Open this page on your phone to photograph receipts and invoices. Take one photo per page, check that "
           "the whole document is sharp and readable, then send."),
        N_("The photos arrive in the chosen mailbox like any other document."),
    )),
    Topic("payments", N_("Help: payments"), (
        N_("Invoices to pay lists the purchase invoices that were checked and that nothing pays yet; Pay fills in "
           "the payment from the invoice. You can also enter a payment by hand."),
        N_("When approval is on, a payment is approved first. Payments to execute are put together in one SEPA "
           "file for your banking software; a QR code lets you pay a single one with your banking app."),
    )),
    Topic("bank", N_("Help: bank statements"), (
        N_("The bank statements (CODA or camt.053 files) and what became of each of their lines: matched with "
           "invoices, or still to match."),
        N_("An unmatched line has a Match link: tick the open invoices it pays (suggestions first) and send; the "
           "accounting software then reconciles them."),
    )),
    Topic("reports", N_("Help: reports"), (
        N_("Choose a report and its period. Each figure opens the entries behind it, and each entry its document."),
        N_("Download the report as an Excel sheet or as a printable PDF; both show the same figures as the screen."),
    )),
    Topic("archive", N_("Help: archive"), (
        N_("Search every booked document by counterparty, number, amount, journal or date. An amount may be "
           "written as 1.234,56 or 1,234.56."),
        N_("Open a document to see its entry lines and a preview; download it as it was received. The result "
           "list can be exported to Excel."),
    )),
    Topic("history", N_("Help: history"), (
        N_("The invoices of each customer and supplier with what is still open, whether it is paid and how many "
           "days it is overdue."),
        N_("Tick an invoice as done once you have followed it up; Pay prepares the payment of a supplier's "
           "invoice. Export the list to Excel."),
    )),
    Topic("conversations", N_("Help: conversations"), (
        N_("Questions and answers between you and the office, each conversation about one subject or document. "
           "A number shows the messages you have not read; opening a conversation marks it read."),
        N_("Reply at the bottom of a conversation. You also receive an e-mail when a new message arrives."),
    )),
    Topic("settings", N_("Help: dossier settings"), (
        N_("The dossier's settings: what the client portal shows, who validates the proposals, journals, VAT and "
           "automatic transmission. A value set to office default follows the office's setting."),
        N_("Client administrators can change only the settings meant for them, such as automatic transmission, "
           "the default payment date and the dashboard accounts."),
    )),
    Topic("sync", N_("Help: synchronisation"), (
        N_("The link between the dossier and the accounting software: its status with what to do when something "
           "is wrong, and the last synchronisation runs with what they changed."),
        N_("A manual synchronisation fetches the latest data; a full resynchronisation, for administrators, reads "
           "everything again and asks for confirmation first."),
    )),
    Topic("monitor", N_("Help: active clients"), (
        N_("One row per dossier you may see, with the counters of the other services: documents in the "
           "mailboxes, help requests, proposals ready for validation, open conversations and the "
           "synchronisation's instruction."),
        N_("Sort by any column and follow a counter's link to the list behind it. A column that says not "
           "available yet belongs to a service that did not answer."),
    )),
    Topic("templates", N_("Help: templates"), (
        N_("The e-mails the portal sends, in Dutch, French, German and English. Changed marks a text your office "
           "wrote; open one to change its subject and text. Placeholders such as {{ recipient_name }} are filled "
           "in when the e-mail is sent; the list under the text shows which ones the e-mail may use."),
        N_("Saving shows a preview with sample values; a text that cannot be filled in is refused with the reason. "
           "Back to the standard text deletes your office's version after a confirmation."),
        N_("Conversation templates are your office's own texts to start a conversation with; they are offered in "
           "the recipient's language when a conversation is started in a dossier."),
    )),
)}

ROUTE_TOPICS: Mapping[str, str] = {
    f"{D}/dashboard": "dashboard",
    f"{D}/worklist": "worklist",
    f"{D}/worklist/{{proposal_id}}": "annotation",
    f"{D}/documents": "documents", f"{D}/documents/merge": "documents",
    f"{D}/documents/{{document_id}}/split": "documents",
    f"{D}/capture": "capture",
    f"{D}/payments": "payments", f"{D}/payments/new": "payments", f"{D}/payments/{{payment_id}}": "payments",
    f"{D}/bank": "bank", f"{D}/bank/{{file_id}}": "bank", f"{D}/bank/{{file_id}}/lines/{{sequence}}/match": "bank",
    f"{D}/reports": "reports", f"{D}/reports/entries": "reports",
    f"{D}/archive": "archive", f"{D}/archive/{{document_id}}": "archive",
    f"{D}/history": "history",
    f"{D}/messages": "conversations", f"{D}/messages/{{conversation_id}}": "conversations",
    f"{D}/settings": "settings",
    f"{D}/sync": "sync",
    "/monitor": "monitor",
    "/office/templates": "templates", "/office/templates/mail/{key}/{language}": "templates",
    "/office/templates/mail/{key}/{language}/reset": "templates",
    "/office/templates/conversation/{template_id}/delete": "templates",
}
# Screens that show the general help (set-up and list pages, the help and news pages themselves).
GENERAL_ROUTES = frozenset({
    "/", "/client", "/client/{dossier_id}", "/client/{dossier_id}/{area}", "/dossiers", "/dossiers/new", D,
    f"{D}/activate", f"{D}/api-keys", f"{D}/assignments", f"{D}/lists/{{key}}", f"{D}/manual-entry",
    f"{D}/permanent-dossier", f"{D}/users", "/office/collaborators", "/office/groups", "/office/lists/{key}",
    "/office/settings",
    "/help", "/help/start/{dossier_id}", "/news", "/news/manage", "/news/new", "/news/{item_id}/edit",
    "/news/{item_id}/withdraw",
    "/messages/broadcast",  # COM-3; its router was mounted by the messages page's, so this list never saw it
})
# Routes that are no screen: pages before login (no help button), files, images and page fragments.
NOT_SCREENS = frozenset({
    "/login", "/forgot-password", "/reset-password", "/static/{name}",
    f"{D}/archive/export.xlsx", f"{D}/archive/{{document_id}}/file", f"{D}/archive/{{document_id}}/pages/{{page}}.png",
    f"{D}/documents/{{document_id}}/download", f"{D}/documents/{{document_id}}/pages/{{page}}.png",
    f"{D}/history/export.xlsx", f"{D}/permanent-dossier/{{document_id}}/file", f"{D}/reports/export.xlsx",
    f"{D}/reports/print.pdf", f"{D}/sepa-files/{{file_id}}/xml",
    f"{D}/worklist/{{proposal_id}}/counterparties", f"{D}/worklist/{{proposal_id}}/document",
    f"{D}/worklist/{{proposal_id}}/pages/{{page}}.png", f"{D}/worklist/{{proposal_id}}/payment",
    f"{D}/worklist/{{proposal_id}}/searchable.pdf",
    "/news/unread", "/help/start/{dossier_id}/prompt",
    f"{D}/messages/{{conversation_id}}/files/{{file_id}}",  # COM-1's attachments, mounted like the broadcast
})


def topic_for_route(route_path: str | None) -> Topic:
    """The help topic of a route (its path template); the general help for any other."""
    return TOPICS[ROUTE_TOPICS.get(route_path or "", "general")]
