"""The verdict of a structured e-invoice's checks (XSD, EN 16931 / Peppol schematron) as the proposal screen says
it: the worklist's ``e_invoice_check`` ({valid, errors, warnings, rulesets}, rule ids as recognition gave them).
Rule ids are data from another service: shown as text (autoescaped), bounded, never as markup."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_RULES = 50
MAX_RULE_CHARS = 80


@dataclass(frozen=True)
class EInvoiceCheck:
    """What the office sees: whether the e-invoice passed, the failed rules by severity, the rule sets used."""

    valid: bool
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    rulesets: tuple[str, ...]

    @property
    def state(self) -> str:
        """'invalid' (errors), 'warnings' (passed with warnings) or 'valid' — also the CSS class."""
        return "invalid" if not self.valid or self.errors else "warnings" if self.warnings else "valid"


def _rules(value: Any) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple)):
        return ()
    return tuple(str(v)[:MAX_RULE_CHARS] for v in value[:MAX_RULES] if isinstance(v, (str, int)) and str(v).strip())


def e_invoice_check(value: Any) -> EInvoiceCheck | None:
    """The verdict to show, or None when the proposal has none (not a structured e-invoice) or it is not one."""
    if not isinstance(value, dict) or not isinstance(value.get("valid"), bool):
        return None
    return EInvoiceCheck(value["valid"], _rules(value.get("errors")), _rules(value.get("warnings")),
                         _rules(value.get("rulesets")))
