"""The remittance information of a payment (PAY-2): none, free text, a Belgian structured
communication (+++010/8068/17183+++) or an ISO 11649 creditor reference (RF...).

Identifiers are checked with python-stdnum (be.ogm_vcs, iso11649), never re-implemented.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from stdnum import iso11649
from stdnum.be import ogm_vcs
from stdnum.exceptions import ValidationError

from payments.domain.errors import Code, InvalidPayment, Problem

FREE_MAX = 140


class Kind(StrEnum):
    """How the creditor reads the communication."""

    NONE = "none"
    FREE = "free"
    STRUCTURED = "structured"  # Belgian OGM/VCS
    CREDITOR_REFERENCE = "creditor_reference"  # ISO 11649 RF


@dataclass(frozen=True)
class Communication:
    """A checked communication; ``text`` is in its canonical form (+++ddd/dddd/ddddd+++, RF compact)."""

    kind: Kind
    text: str | None = None

    @property
    def reference(self) -> str | None:
        """What goes in a structured remittance reference: 12 digits (OGM), the RF reference, else None."""
        if self.kind is Kind.STRUCTURED:
            return ogm_vcs.compact(self.text or "")
        if self.kind is Kind.CREDITOR_REFERENCE:
            return self.text
        return None


NONE = Communication(Kind.NONE)


def _refused(field: str, code: Code, message: str, **params: object) -> InvalidPayment:
    return InvalidPayment({field: Problem(code, message, **params)})


def parse(kind: str, text: str | None, field: str = "communication") -> Communication:
    """The communication of ``kind`` with ``text``; InvalidPayment naming ``field`` when it is not one."""
    try:
        k = Kind(kind)
    except ValueError:
        raise _refused(f"{field}.kind", Code.COMMUNICATION_KIND,
                       f"must be one of {', '.join(k.value for k in Kind)}") from None
    text = (text or "").strip()
    if k is Kind.NONE:
        if text:
            raise _refused(f"{field}.text", Code.COMMUNICATION_NOT_EMPTY, "must be empty when the kind is none")
        return NONE
    if not text:
        raise _refused(f"{field}.text", Code.REQUIRED, f"is required for a {k.value} communication")
    if k is Kind.FREE:
        if len(text) > FREE_MAX:
            raise _refused(f"{field}.text", Code.TOO_LONG, f"at most {FREE_MAX} characters", max=FREE_MAX)
        return Communication(k, text)
    if k is Kind.STRUCTURED:
        try:
            digits = ogm_vcs.validate(text.strip("+*/ "))
        except ValidationError:
            raise _refused(f"{field}.text", Code.STRUCTURED_COMMUNICATION, "not a valid Belgian structured "
                           "communication (+++010/8068/17183+++, mod-97 check digits)") from None
        return Communication(k, f"+++{ogm_vcs.format(digits)}+++")
    try:
        return Communication(k, iso11649.validate(text))
    except ValidationError:
        raise _refused(f"{field}.text", Code.CREDITOR_REFERENCE, "not a valid ISO 11649 creditor reference "
                       "(RF + 2 check digits + up to 21 characters)") from None


def guess(reference: str | None) -> Communication:
    """The communication a document's payment reference most likely is (prefill, PAY-2)."""
    if not reference or not reference.strip():
        return NONE
    for kind in (Kind.STRUCTURED, Kind.CREDITOR_REFERENCE):
        try:
            return parse(kind, reference)
        except InvalidPayment:
            continue
    return Communication(Kind.FREE, reference.strip()[:FREE_MAX])
