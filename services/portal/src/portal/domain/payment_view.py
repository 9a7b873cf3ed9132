"""The payment screens' plain logic (PAY-2, PAY-3, PAY-9): the form to the API body, the API's field errors back to
the form's inputs, and the to-approve list with the user's own payments first."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import partial
from typing import Any

from portal.domain.amounts import money, typed_amount
from portal.i18n import codes

COMMUNICATION_KINDS = ("none", "free", "structured")
PAYMENT_FIELDS = ("amount", "execution_date", "method", "creditor_name", "creditor_iban", "creditor_bic",
                  "communication_kind", "communication_text")
DEBTOR_FIELDS = ("debtor_name", "debtor_iban", "debtor_bic", "execution_date")
FILL_IN = frozenset({"document_not_reviewed", "document_unknown"})  # the person fills the form from the document


def payment_body(values: Mapping[str, str], document_id: str | None, language: str = "en") -> dict[str, Any]:
    """The payments API body of the payment form (from-account is chosen per SEPA file, PAY-3); the amount as the
    reader types it ("49,99", "1.234,56")."""
    kind = values.get("communication_kind") or "none"
    return {"document_id": document_id or None, "method": values.get("method") or "sepa",
            "amount": typed_amount(values.get("amount") or "", language) or None,
            "execution_date": values.get("execution_date") or None,
            "creditor": {"name": values.get("creditor_name") or None, "iban": values.get("creditor_iban") or None,
                         "bic": values.get("creditor_bic") or None},
            "communication": {"kind": kind, "text": (values.get("communication_text") or None)
                              if kind != "none" else None}}


def form_values(payment: Mapping[str, Any]) -> dict[str, str]:
    """A payment (as the API returns it) as the form's values: the prefill to edit (PAY-2)."""
    creditor, comm = payment.get("creditor") or {}, payment.get("communication") or {}
    return {"amount": str(payment.get("amount") or ""), "execution_date": str(payment.get("execution_date") or ""),
            "method": payment.get("method") or "sepa", "creditor_name": creditor.get("name") or "",
            "creditor_iban": creditor.get("iban") or "", "creditor_bic": creditor.get("bic") or "",
            "communication_kind": comm.get("kind") or "none", "communication_text": comm.get("text") or ""}


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
