"""The validated VAT on Tryton's invoice taxes (issue 15 item 1): what reaches the books is what was validated.

Tryton computes each tax of an invoice from its base, rounding per document or per line (the company's tax
rounding), while the document (and so the proposal) may have rounded the other way. Tryton keeps the amount of
a computed tax line (``account.invoice.tax``) as long as its base does not change (``Invoice.update_taxes`` only
rewrites a tax whose base differs), so the connector writes the validated VAT of each tax there when the two
differ by rounding only (``domain.vat_rounding``)."""
from __future__ import annotations

from collections import defaultdict

from sync_connector.adapters.tryton.rpc import TrytonRpc
from sync_connector.domain.ports import BookingOrder
from sync_connector.domain.vat_rounding import rounding_only, validated_vat


async def _roots(rpc: TrytonRpc, taxes: set[int], wanted: set[int]) -> dict[int, int]:
    """Each tax of the invoice with the line tax it comes from: a Belgian VAT code is a parent tax whose children
    (the VAT itself, the grids' base-only taxes) are what the invoice holds."""
    roots, todo = {t: t for t in taxes}, set(taxes) - wanted
    while todo:
        parents = {r["id"]: r["parent"] for r in await rpc.model("account.tax", "read", sorted(todo), ["parent"])}
        todo = set()
        for tax, root in roots.items():
            parent = parents.get(root)
            if root not in wanted and parent is not None:
                roots[tax] = parent
                todo.add(parent)
    return roots


async def align(rpc: TrytonRpc, invoice_id: int, order: BookingOrder, tax_of, context: dict) -> list[int]:
    """Write the validated VAT on the draft invoice's computed taxes that differ from it by rounding only (per
    line tax: its one child tax with an amount); returns the invoice tax ids written."""
    wanted, counts = validated_vat(order, tax_of)
    if not wanted:
        return []
    invoice, = await rpc.model("account.invoice", "read", [invoice_id], ["taxes"])
    rows = [r for r in await rpc.model("account.invoice.tax", "read", invoice["taxes"], ["tax", "amount", "manual"])
            if not r["manual"] and r["amount"]]
    roots = await _roots(rpc, {r["tax"] for r in rows}, set(wanted))
    by_root: dict[int, list[dict]] = defaultdict(list)
    for row in rows:
        by_root[roots[row["tax"]]].append(row)
    written = []
    for root, found in by_root.items():
        if root not in wanted or len(found) != 1 or not rounding_only(found[0]["amount"], wanted[root], counts[root]):
            continue
        await rpc.model("account.invoice.tax", "write", [found[0]["id"]], {"amount": wanted[root]}, context=context)
        written.append(found[0]["id"])
    return written
