"""Scoring recognised documents against ground truth: per source and field, accuracy and confident mistakes."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from recognition.domain.model import Found, Invoice

FIELDS = ("invoice_number", "issue_date", "due_date", "currency", "total_excl_vat", "total_vat", "total_incl_vat",
          "seller_vat", "seller_iban", "seller_bic", "buyer_vat", "payment_reference", "document_type")
TARGETS = ("invoice_number", "issue_date", "due_date", "total_excl_vat", "total_vat", "total_incl_vat",
           "seller_vat", "seller_iban")
HIGH = 0.9


def predicted(inv: Invoice | None) -> dict[str, tuple[str | None, float]]:
    """Each scored field of an invoice as (normal-form value, confidence)."""
    def f(found: Found | None) -> tuple[str | None, float]:
        return (None, 0.0) if found is None else (str(found.value), found.confidence)
    if inv is None:
        return {name: (None, 0.0) for name in FIELDS}
    return {
        "invoice_number": f(inv.invoice_number), "issue_date": f(inv.issue_date), "due_date": f(inv.due_date),
        "currency": f(inv.currency), "total_excl_vat": _money(f(inv.total_excl_vat)),
        "total_vat": _money(f(inv.total_vat)), "total_incl_vat": _money(f(inv.total_incl_vat)),
        "seller_vat": f(inv.seller.vat_number), "seller_iban": f(inv.seller.iban), "seller_bic": f(inv.seller.bic),
        "buyer_vat": f(inv.buyer.vat_number), "payment_reference": f(inv.payment_reference),
        "document_type": (inv.document_type, 0.8),
    }


def _money(pair: tuple[str | None, float]) -> tuple[str | None, float]:
    from decimal import Decimal
    value, conf = pair
    return (None, conf) if value is None else (f"{Decimal(value):.2f}", conf)


def normal_truth(truth: dict) -> dict[str, str | None]:
    """Truth values in the same normal form as `predicted`."""
    from decimal import Decimal
    out = {name: truth.get(name) for name in FIELDS}
    for name in ("total_excl_vat", "total_vat", "total_incl_vat"):
        if out[name] is not None:
            out[name] = f"{Decimal(out[name]):.2f}"
    for name in ("seller_vat", "buyer_vat", "seller_iban"):
        if out[name] is not None:
            out[name] = out[name].replace(" ", "").replace(".", "").upper()
    return out


@dataclass
class Tally:
    """Counts for one field of one source."""

    present: int = 0
    right: int = 0
    wrong_confident: int = 0
    answered: int = 0


@dataclass
class Scores:
    """Tallies by source and field, plus documents that failed."""

    tallies: dict[str, dict[str, Tally]] = field(default_factory=lambda: defaultdict(lambda: defaultdict(Tally)))
    docs: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    misses: list[tuple[str, str, str, str | None, str | None, float]] = field(default_factory=list)

    def add(self, source: str, doc_id: str, truth: dict, inv: Invoice | None, error: str | None = None) -> None:
        self.docs[source] += 1
        if error:
            self.errors[source].append(f"{doc_id}: {error}")
        want, got = normal_truth(truth), predicted(inv)
        for name in FIELDS:
            if name not in truth:
                continue
            tally = self.tallies[source][name]
            value, conf = got[name]
            if value is not None:
                tally.answered += 1
            if want[name] is None:
                if value is not None and conf > HIGH:
                    tally.wrong_confident += 1
                continue
            tally.present += 1
            if value == want[name]:
                tally.right += 1
            else:
                self.misses.append((source, doc_id, name, want[name], value, conf))
                if value is not None and conf > HIGH:
                    tally.wrong_confident += 1

    def report(self) -> str:
        """The table make eval prints."""
        lines = [f"{'source':<28}{'docs':>5}  {'field':<18}{'accuracy':>9}{'present':>9}{'wrong>0.9':>10}"]
        for source in sorted(self.tallies):
            for name, t in self.tallies[source].items():
                if t.present == 0 and t.wrong_confident == 0:
                    continue
                acc = f"{100 * t.right / t.present:.1f}%" if t.present else "-"
                wrong = f"{100 * t.wrong_confident / max(t.answered, 1):.1f}%"
                lines.append(f"{source:<28}{self.docs[source]:>5}  {name:<18}{acc:>9}{t.present:>9}{wrong:>10}")
            if self.errors[source]:
                lines.append(f"{source:<28}       technical errors: {len(self.errors[source])} "
                             f"(first: {self.errors[source][0][:80]})")
        return "\n".join(lines)

    def accuracy(self, source: str, name: str) -> float:
        t = self.tallies[source][name]
        return t.right / t.present if t.present else 1.0
