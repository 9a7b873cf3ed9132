"""What the services say as a code with values, in the reader's language (issue 15 item 3).

Services keep their English message for integrators and add a stable code (and its values); the portal looks
the code up here. Each table covers every code of one service's code enum — ``tests/unit/test_service_codes.py``
collects the codes from the services themselves and fails on one without a text here. A code the table does not
know falls back to the service's own words, escaped like any data.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from portal import i18n
from portal.domain.amounts import day, money
from portal.i18n import N_

DATES = frozenset({"earliest", "latest", "date"})
AMOUNTS = frozenset({"limit", "amount", "open_total", "lines_total", "document_total", "net", "vat", "gross", "software_net",
                     "software_vat", "software_gross"})

# payments.domain.errors.Code: refused fields (422) and commands (403, 404, 409)
PAYMENTS: dict[str, str] = {
    "required": N_("This field is required."),
    "too_long": N_("At most %(max)s characters."),
    "iban": N_("This is not a valid IBAN (country, check digits and bank code)."),
    "bic": N_("This is not a valid BIC (8 or 11 characters)."),
    "amount_format": N_("Enter an amount such as 49,99 or 1.234,56."),
    "amount_not_positive": N_("The amount must be more than 0."),
    "amount_cents": N_("At most two decimals (cents)."),
    "amount_too_large": N_("At most %(limit)s."),
    "communication_kind": N_("Choose none, free text or structured."),
    "communication_not_empty": N_("Leave the text empty when there is no communication."),
    "structured_communication": N_("This is not a valid structured communication: its last two digits must be the "
                                   "check digits (mod 97), for example +++010/8068/17183+++."),
    "creditor_reference": N_("This is not a valid creditor reference (RF, two check digits, up to 21 characters)."),
    "document_unknown": N_("This document is not processed yet, so nothing is filled in: take the creditor and the "
                           "amount from the document."),
    "document_not_reviewed": N_("This invoice is not reviewed yet, so nothing is filled in from what was read: take "
                                "the creditor and the amount from the document."),
    "date_in_past": N_("The execution date cannot be before today (%(earliest)s)."),
    "date_too_far": N_("The execution date can be at most a year ahead (%(latest)s)."),
    "rule_required": N_("Approval is on for this dossier: choose an approval rule."),
    "rule_unknown": N_("This approval rule does not exist (any more). Reload the page."),
    "rule_too_small": N_("The rule %(rule)s covers amounts up to %(limit)s; this payment is %(amount)s."),
    "rule_missing": N_("The payment waits under a rule that was deleted: request approval again."),
    "rule_users": N_("A rule needs at least one user."),
    "rule_not_payers": N_("Only active users with the Administrator or Full access profile can approve."),
    "epc_amount": N_("A QR code takes 0,01 to %(limit)s."),
    "epc_too_long": N_("Too long for a QR code: shorten the communication or the name."),
    "selection_empty": N_("Select at least one payment."),
    "selection_too_large": N_("Select each payment once, at most %(max)s per file."),
    "not_found": N_("This item does not exist or is not yours to see."),
    "wrong_state": N_("This payment cannot do that any more: reload the page to see where it is."),
    "document_paid": N_("This invoice already has a payment: open it from the payment lists."),
    "wrong_method": N_("This payment is made with the other method (SEPA file or QR code)."),
    "not_in_file": N_("Only approved SEPA payments go in a file: reload the page and select again."),
    "wrong_rule": N_("The payment waits under another approval rule."),
    "already_approved": N_("You already approved this payment."),
    "not_approver": N_("You are not one of the approvers of the rule %(rule)s."),
    "rule_no_longer_covers": N_("The rule %(rule)s no longer covers %(amount)s: request approval again."),
    "rule_in_use": N_("%(count)s payment(s) await approval under this rule: approve or cancel them first."),
    "approval_in_use": N_("%(count)s payment(s) await approval: approve or cancel them before switching approval off."),
    "debtor_required": N_("The dossier has no known bank account yet: give the account to pay from."),
}

# enrichment.domain.proposal.WarningCode: proposal.created warnings shown on the annotation screen
WARNINGS: dict[str, str] = {
    "new_counterparty": N_("%(name)s is not a counterparty of the dossier yet; it is proposed as new."),
    "default_counterparty": N_("No counterparty was recognised: check the counterparty (the dossier's default "
                               "counterparty is proposed when it has one)."),
    "iban_changed": N_("The IBAN on the document differs from the one known for this counterparty: check it "
                       "before paying."),
    "suspense_account": N_("Line %(line)s: no account could be proposed with confidence; it is booked on the suspense "
                           "account %(account)s."),
    "exchange_rate_unknown": N_("No reference rate for %(currency)s on or shortly before %(date)s: the amounts are "
                                "not converted to EUR."),
    "journal_unknown": N_("No journal of the dossier fits this document: choose the journal."),
    "period_unknown": N_("No open period of the dossier fits the date: choose the period."),
    "date_outside_period": N_("The invoice date is outside the proposed period: check the period."),
    "missing_mandatory": N_("No invoice date was recognised; the date of receipt was used for the period."),
    "line_review": N_("Check the lines: what was read could not all be proposed with confidence."),
    "totals_mismatch": N_("The lines add up to %(lines_total)s, the document says %(document_total)s."),
    "number_format": N_("The journal's number format could not make a document number: check the number."),
    "duplicate": N_("This may be a duplicate of a document already received."),
}

# worklist.domain.errors.FieldCode: a refused field of a save, a manual entry or a list query
WORKLIST_FIELDS: dict[str, str] = {
    "required": N_("This field is required."),
    "too_long": N_("This is too long."),
    "bad_value": N_("This value is not accepted here."),
    "bad_date": N_("Enter a date (YYYY-MM-DD)."),
    "bad_amount": N_("Not a number or a sum of numbers (e.g. 12+25)."),
    "bad_mailbox": N_("Choose purchases or sales."),
    "bad_kind": N_("Choose invoice or credit note."),
    "unknown_journal": N_("This journal is not a journal of the dossier."),
    "journal_type": N_("This journal does not fit this list: choose another."),
    "unknown_period": N_("This period is not a period of the dossier."),
    "closed_period": N_("This period is closed: choose an open one."),
    "bad_counterparty": N_("Choose a known counterparty or give a new one's name."),
    "unknown_counterparty": N_("This counterparty is not known in the accounting software."),
    "bad_vat_number": N_("Enter a valid EU VAT number, for example BE0123456749."),
    "bad_country": N_("Enter a two-letter country code, for example BE."),
    "bad_iban": N_("This is not a valid IBAN (country, check digits and bank code)."),
    "bad_lines": N_("The lines could not be read. Reload the page."),
    "bad_line": N_("This line could not be read."),
    "unknown_account": N_("This account is not in the dossier's chart of accounts."),
    "unknown_vat_code": N_("This VAT code is not a VAT code of the dossier."),
    "bad_totals": N_("The totals could not be read: net, VAT and gross."),
    "vat_without_code": N_("A line with a VAT amount needs its VAT code."),
    "unknown_type": N_("Choose one of the dossier's permanent-dossier types."),
    "unknown_user": N_("This person is not a client user of the dossier."),
}

# sync_connector.domain.status.Instruction: what to do about a dossier's sync (sync tab, monitor), with the values
SYNC_INSTRUCTIONS: dict[str, str] = {
    "ClosedPeriod": N_("Reopen the period in the accounting software, or move the proposal to an open period, then "
                       "send it again."),
    "LockedYear": N_("The fiscal year is locked: book in an open year or ask the accountant to unlock it."),
    "PeriodNotFound": N_("Create the fiscal year and its periods in the accounting software, then send again."),
    "UnknownAccount": N_("Choose an account that exists in the accounting software (or create it there), then send "
                         "again."),
    "ClosedAccount": N_("The account is closed for bookings: choose another account, then send again."),
    "UnknownVatCode": N_("Choose a VAT code of the dossier, then send again."),
    "UnknownJournal": N_("Create the purchase/sales journal in the accounting software."),
    "DossierNotFound": N_("Check the installation and dossier code of the dossier's accounting link."),
    "ClosePeriodError": N_("Post or delete the draft entries of the earlier periods, then run the manual sync again."),
    "PaidInvoice": N_("Unreconcile the payment in the accounting software, then delete again."),
    "CancelRefused": N_("Credit the invoice in the accounting software."),
    "TotalsDiffer": N_("The accounting software would book net %(software_net)s, VAT %(software_vat)s, gross "
                       "%(software_gross)s instead of the validated net %(net)s, VAT %(vat)s, gross %(gross)s: give "
                       "each line with VAT its VAT code, then send it again."),
    "SalesNumberOrder": N_("The accounting software numbers sales documents without a number of their own in date "
                           "order and has already numbered one dated after %(date)s: enter the invoice number the "
                           "client gave the document, then send it again."),
    "SoftwareRefused": N_("The accounting software refused something nobody at the office can fix: support should "
                          "look at it."),
    "SoftwareUnreachable": N_("The accounting software (%(installation)s) cannot be reached. Bookings wait and are sent "
                              "when it is back."),
}
SOFTWARE_SAID = N_("The accounting software said: %(reason)s")


def _shown(params: Mapping[str, Any], language: str) -> dict[str, str]:
    """The values as the reader writes them: dates and amounts per language, the rest as given."""
    shown = {}
    for key, value in (params or {}).items():
        text = "" if value is None else str(value)
        if key in DATES:
            text = day(text, language) or text
        elif key in AMOUNTS:
            text = money(text, language) or text
        shown[key] = text
    return shown


def say(table: Mapping[str, str], code: str | None, params: Mapping[str, Any] | None, language: str,
        fallback: str = "") -> str:
    """The code's text in the language with its values filled in; the service's own words for an unknown code."""
    text = table.get(code or "")
    if text is None:
        return fallback
    with i18n.activate(language):
        translated = i18n.gettext_(text)
    try:
        return translated % _shown(params or {}, language)
    except (KeyError, ValueError, TypeError):
        return translated


def warning(item: Mapping[str, Any], language: str) -> str:
    """A proposal warning (``{code, message, params}``) in the reader's language; its English message otherwise."""
    return say(WARNINGS, item.get("code"), item.get("params"), language, str(item.get("message") or ""))


def instruction(item: Mapping[str, Any] | None, language: str) -> str:
    """The sync-connector's instruction (``{instruction, instruction_code, instruction_params}``) in the reader's
    language, the software's own words (``params["reason"]``) after it as they are; its English text otherwise."""
    item = item or {}
    params = item.get("instruction_params") or {}
    said = say(SYNC_INSTRUCTIONS, item.get("instruction_code"), params, language)
    if not said:
        return str(item.get("instruction") or "")
    if params.get("reason"):
        said = f"{said} {say({'said': SOFTWARE_SAID}, 'said', {'reason': params['reason']}, language)}"
    return said
