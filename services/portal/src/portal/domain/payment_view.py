"""The payment screens' plain logic (PAY-2, PAY-3, PAY-8, PAY-9): the form to the API body, the API's field errors
back to the form's inputs, the to-approve list with the user's own payments first, and who still has to approve
each payment."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from functools import partial
from typing import Any

from portal.domain.amounts import money, typed_amount
from portal.i18n import codes

COMMUNICATION_KINDS = ("none", "free", "structured")
PAYMENT_FIELDS = ("amount", "execution_date", "method", "creditor_name", "creditor_iban", "creditor_bic",
                  "communication_kind", "communication_text", "debtor_iban")
DEBTOR_FIELDS = ("debtor_account", "debtor_name", "debtor_iban", "debtor_bic", "execution_date")
FILL_IN = frozenset({"document_not_reviewed", "document_unknown"})  # the person fills the form from the document


def payment_body(values: Mapping[str, str], document_id: str | None, language: str = "en") -> dict[str, Any]:
    """The payments API body of the payment form; the from-account (PAY-2) one of the dossier's accounts, none for
    its default; the amount as the reader types it ("49,99", "1.234,56")."""
    kind = values.get("communication_kind") or "none"
    return {"document_id": document_id or None, "method": values.get("method") or "sepa",
            "amount": typed_amount(values.get("amount") or "", language) or None,
            "execution_date": values.get("execution_date") or None,
            "creditor": {"name": values.get("creditor_name") or None, "iban": values.get("creditor_iban") or None,
                         "bic": values.get("creditor_bic") or None},
            "communication": {"kind": kind, "text": (values.get("communication_text") or None)
                              if kind != "none" else None},
            "debtor": {"iban": values.get("debtor_iban") or None}}


def debtor_body(values: Mapping[str, str]) -> dict[str, Any]:
    """PAY-3: the SEPA file's debtor — another account typed in full wins over the dossier's account picked; an IBAN
    alone takes the name and BIC the dossier's account has (the dossier's name when none)."""
    if values.get("debtor_iban"):
        return {"name": values.get("debtor_name") or None, "iban": values["debtor_iban"],
                "bic": values.get("debtor_bic") or None}
    return {"name": None, "iban": values.get("debtor_account") or None, "bic": None}


def shared_account(payments: Iterable[Mapping[str, Any]], ids: Iterable[str]) -> str | None:
    """The from-account every selected payment names (PAY-2), or None: the file's preselected account."""
    chosen = set(ids)
    found = {(p.get("debtor") or {}).get("iban") for p in payments if str(p.get("id")) in chosen}
    return found.pop() if len(found) == 1 else None


def form_values(payment: Mapping[str, Any]) -> dict[str, str]:
    """A payment (as the API returns it) as the form's values: the prefill to edit (PAY-2)."""
    creditor, comm = payment.get("creditor") or {}, payment.get("communication") or {}
    return {"amount": str(payment.get("amount") or ""), "execution_date": str(payment.get("execution_date") or ""),
            "method": payment.get("method") or "sepa", "creditor_name": creditor.get("name") or "",
            "creditor_iban": creditor.get("iban") or "", "creditor_bic": creditor.get("bic") or "",
            "communication_kind": comm.get("kind") or "none", "communication_text": comm.get("text") or "",
            "debtor_iban": (payment.get("debtor") or {}).get("iban") or ""}


def field_errors(details: Iterable[Mapping[str, Any]], known: Iterable[str],
                 language: str = "en") -> tuple[dict[str, str], list[str]]:
    """The API's 422 fields as the form's inputs (``creditor.iban`` → ``creditor_iban``), and those no input shows,
    each said in the reader's language from its code and values (the service's words for a code it does not know)."""
    names, errors, rest = set(known), {}, []
    for item in details:
        name = item["field"].replace(".", "_").removeprefix("body_")
        message = codes.say(codes.PAYMENTS, item.get("code"), item.get("params"), language, item["message"])
        if name in names:
            errors.setdefault(name, message)
        else:  # a translated text says what it is about; the service's own words get their field's name
            rest.append(message if item.get("code") in codes.PAYMENTS else f"{item['field']}: {message}")
    return errors, rest


def refusal(exc: Any, language: str) -> str:
    """A refused command (403, 404, 409) in the reader's language from its reason, else the service's words."""
    return codes.say(codes.PAYMENTS, getattr(exc, "reason", ""), getattr(exc, "params", {}), language, exc.message)


def mine_first(payments: Iterable[Mapping[str, Any]], user_id: str) -> tuple[list, list]:
    """PAY-9: the to-approve payments the user initiated, then the others'."""
    mine, others = [], []
    for p in payments:
        (mine if str(p.get("initiated_by")) == str(user_id) else others).append(p)
    return mine, others


def euros(language: str) -> Callable[[Any], str]:
    """How the payment pages write an amount in the reader's language: ``1234.50`` → ``€1,234.50`` in English,
    ``1.234,50 €`` in German (unparseable: as given); the same notation as every other page (domain.amounts)."""
    return partial(money, language=language)


def still_to_approve(payment: Mapping[str, Any], rules: Iterable[Mapping[str, Any]], names: Mapping[str, str],
                     me: str) -> list[dict[str, Any]] | None:
    """PAY-8: the users of the payment's rule who have not approved it yet — ``{user_id, name, me}``, the reader
    first, then by name (None when the client's users are not the reader's to list) — or None when the payment
    waits under no known rule (a rule deleted meanwhile)."""
    rule = next((r for r in rules if str(r["id"]) == str(payment.get("rule_id"))), None)
    if payment.get("state") != "to_approve" or rule is None:
        return None
    approved = {str(a["user_id"]) for a in payment.get("approvals") or ()}
    waiting = [{"user_id": str(u), "name": names.get(str(u)), "me": str(u) == str(me)}
               for u in rule["user_ids"] if str(u) not in approved]
    return sorted(waiting, key=lambda w: (not w["me"], w["name"] is None, (w["name"] or "").lower()))


_STRUCTURED = re.compile(r"^[+*\s]*\d{3}\s*/?\s*\d{4}\s*/?\s*\d{5}[+*\s]*$")


def proposal_values(proposal: Mapping[str, Any], today: date) -> dict[str, str]:
    """PAY-10: the payment form prefilled from a purchase proposal being processed — its gross total, the
    counterparty's name and IBAN, its payment reference (a Belgian structured one as such, else free text) and its
    due date when that is still ahead (else the dossier's default date applies)."""
    counterparty, totals = proposal.get("counterparty") or {}, proposal.get("totals") or {}
    reference = str(proposal.get("payment_reference") or "").strip()
    kind = "structured" if _STRUCTURED.fullmatch(reference) else ("free" if reference else "none")
    due = str(proposal.get("due_date") or "")
    return {"amount": str(totals.get("gross") or ""), "method": "sepa",
            "execution_date": due if due and due >= today.isoformat() else "",
            "creditor_name": counterparty.get("name") or "", "creditor_iban": counterparty.get("iban") or "",
            "creditor_bic": "", "communication_kind": kind, "communication_text": reference[:140],
            "debtor_iban": ""}


def preparable(proposal: Mapping[str, Any]) -> bool:
    """PAY-10: a purchase invoice with its document and a positive total can be prepared for payment."""
    gross = str((proposal.get("totals") or {}).get("gross") or "")
    mailbox = proposal.get("mailbox") or (proposal.get("journal") or {}).get("type")
    return bool(proposal.get("document_id")) and mailbox == "purchases" \
        and (proposal.get("document_kind") or "invoice") == "invoice" and bool(gross) and not gross.startswith("-") \
        and gross.replace("0", "").replace(".", "") != ""
