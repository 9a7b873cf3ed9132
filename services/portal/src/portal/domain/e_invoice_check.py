"""The verdict of a structured e-invoice's checks (XSD, EN 16931 / Peppol schematron) as the proposal screen says
it: the worklist's ``e_invoice_check`` ({valid, errors, warnings, rulesets, messages}, rule ids as recognition gave
them, each failed rule's message — the schematron's or XSD's own words — when it has one). Rule ids and messages are
data from another service, the messages partly from the document itself: shown as text (autoescaped), bounded, never
as markup."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

MAX_RULES = 50
MAX_RULE_CHARS = 80
MAX_MESSAGE_CHARS = 300


@dataclass(frozen=True)
class EInvoiceCheck:
    """What the office sees: whether the e-invoice passed, the failed rules by severity, the rule sets used."""

    valid: bool
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    rulesets: tuple[str, ...]
    messages: tuple[tuple[str, str], ...] = ()  # (rule id, what it says), one per rule shown

    def said(self, rule: str) -> str:
        """What a failed rule says, or '' (older verdicts carry none)."""
        return next((text for r, text in self.messages if r == rule), "")

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
    errors, warnings = _rules(value.get("errors")), _rules(value.get("warnings"))
    return EInvoiceCheck(value["valid"], errors, warnings, _rules(value.get("rulesets")),
                         _messages(value.get("messages"), set(errors) | set(warnings)))


def _messages(value: Any, shown: set[str]) -> tuple[tuple[str, str], ...]:
    """The first message of each shown rule, on one line and cut at MAX_MESSAGE_CHARS; anything else is ignored."""
    if not isinstance(value, (list, tuple)):
        return ()
    said: dict[str, str] = {}
    for item in value[:2 * MAX_RULES]:
        if isinstance(item, dict) and isinstance(item.get("rule"), str) and isinstance(item.get("text"), str):
            rule, text = item["rule"][:MAX_RULE_CHARS], " ".join(item["text"].split())
            if rule in shown and text and rule not in said:
                said[rule] = text if len(text) <= MAX_MESSAGE_CHARS else text[:MAX_MESSAGE_CHARS - 1] + "…"
    return tuple(said.items())
