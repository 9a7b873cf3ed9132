"""Every error code a service answers (``{"error": {"code": ...}}``), in the reader's language (issue 15 item 3,
issue 19 item 4).

The codes are those of runtime.http itself and of each service's ServiceError classes; ``ERRORS`` has a text for
each, and ``tests/unit/test_error_codes.py`` collects them from the services and fails on a code without a text
here or without its translation in the NL, FR, DE and EN catalogs. A code the table does not know (a newer service)
keeps the service's own words.
"""
from __future__ import annotations

from portal.i18n import N_, codes

_INVALID = N_("Some values are not valid: check the marked fields.")
_REFUSED = N_("The request was refused.")

ERRORS: dict[str, str] = {
    # runtime.http: any service
    "bad_request": _REFUSED,
    "error": _REFUSED,
    "unauthenticated": N_("Your session has ended or the e-mail or password is wrong: log in again."),
    "forbidden": N_("Your role or profile does not allow this change."),
    "not_found": N_("This item does not exist or is not yours to see."),
    "method_not_allowed": N_("This action is not possible here."),
    "conflict": N_("This clashes with a change made meanwhile: reload the page and try again."),
    "too_large": N_("This is too large: the file or the request exceeds the limit."),
    "too_many_requests": N_("Too many attempts: wait a moment and try again."),
    "validation_error": _INVALID,
    "auth_unavailable": N_("Logins cannot be checked right now: try again shortly."),
    "server_error": N_("Something went wrong in the service. Try again in a moment."),
    "internal_error": N_("Something went wrong in the service. Try again in a moment."),
    "unavailable": N_("A service is briefly unavailable: try again in a few seconds."),
    # ingest
    "rejected": N_("This file was refused."),
    "unsupported_type": N_("This kind of file is not accepted: send a PDF, a photo (JPEG, PNG, HEIC), a UBL or CII "
                           "invoice, or a ZIP of those."),
    "empty_file": N_("This file is empty."),
    "too_many_pages": N_("This document has too many pages."),
    "decompression_bomb": N_("This file unpacks to far more than it holds and was refused."),
    "too_many_pixels": N_("These photos are too large together: send fewer at a time."),
    "bad_archive": N_("This ZIP file cannot be read."),
    "too_many_files": N_("Too many files at once: send fewer at a time."),
    "unreadable_mail": N_("This e-mail cannot be read."),
    "invalid_selection": N_("This page selection does not fit the document."),
    "not_splittable": N_("The pages of this document cannot be read, so it cannot be split or merged."),
    "statement_refused": N_("This bank statement file cannot be imported."),
    "malformed_statement": N_("Not a valid CODA or camt.053 file."),
    "unsupported_statement": N_("Not a CODA or camt.053 bank statement."),
    "unbalanced_statement": N_("The balances of this bank statement do not add up."),
    "several_statements": N_("This file holds several statements: send one statement per file."),
    # office
    "invalid_link": N_("This link is invalid or has expired: ask for a new one."),
    # worklist
    "wrong_status": N_("This is not possible in the proposal's current status: reload the page."),
    "stale_version": N_("Someone saved this proposal meanwhile: reload the page to see their changes."),
    "nothing_to_undo": N_("There is nothing to undo."),
    "invalid": _INVALID,
    "incomplete": N_("Fill in the mandatory fields first."),
    "vat_without_code": N_("A line with a VAT amount needs its VAT code."),
    "document_unknown": N_("The document of this proposal is not known yet: try again in a moment."),
    # payments
    "payment_error": N_("The payment was refused."),
    # reporting
    "reporting_error": _REFUSED,
    "invalid_filter": N_("A filter is not valid: check the marked field."),
    # notify
    "unknown_template": N_("There is no such template."),
    "invalid_template": N_("The template cannot be rendered: check its placeholders and its syntax."),
    "invalid_conversation": N_("This message cannot be sent as it is."),
    "conversation_not_found": N_("This conversation does not exist or is not yours to see."),
    "conversation_closed": N_("This conversation is closed: no more replies."),
    "invalid_recipient": N_("This person cannot be the recipient of this conversation."),
    "invalid_vat_period": N_("This is not a VAT period that can be confirmed now: choose a past or current month "
                             "or quarter."),
    "not_your_message": N_("Only the author of a message may change it."),
    "conversation_open": N_("Close the conversation before archiving it."),
    "attachment_type": N_("Attach a PDF or an image (JPEG, PNG): this file was refused."),
    "attachment_too_large": N_("This attachment is too large: at most 10 MB per file."),
    "conversation_template_not_found": N_("There is no such message template."),
    # sync-connector
    "not_linked": N_("The dossier has no accounting software link: activate it first."),
    "line_already_matched": N_("This bank line is already matched: reload the bank statement."),
    "amounts_do_not_fit": N_("The invoices ticked are open for %(open_total)s and the bank line is %(amount)s: tick "
                             "invoices that make its amount together, or one invoice it pays in part."),
    "invoice_not_open": N_("An invoice ticked is no longer open, or money out was matched to a sales invoice (money "
                           "in to a purchase invoice): reload the page."),
    "nothing_picked": N_("Tick at least one invoice."),
    "statement_not_imported": N_("This bank statement was not imported, so its lines cannot be matched."),
    "match_refused": N_("The accounting software refused this match: %(reason)s"),
}


def say_error(code: str | None, params: dict | None, language: str, fallback: str = "") -> str:
    """A service's error code in the reader's language; the service's own words for a code not known here."""
    return codes.say(ERRORS, code, params, language, fallback)
