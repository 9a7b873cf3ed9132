"""What changed in the accounting software since the last publication, and how it is cut into
ledger.synced events of bounded size (SYN-1)."""
from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from contracts.events.ledger import DeletedRecord, MasterData, MasterDataChange
from pydantic import BaseModel

from sync_connector.domain.ports import MasterDataSet

KINDS = ("accounts", "counterparties", "journals", "periods", "vat_codes", "entries", "open_items", "bank_transactions")
_KEY = {"accounts": "code", "journals": "code", "periods": "code", "vat_codes": "code"}


def key_of(kind: str, record: BaseModel) -> str:
    """The key a record is known by: its code (accounts, journals, periods, VAT codes) or reference."""
    return str(getattr(record, _KEY.get(kind, "reference")))


def hash_of(record: BaseModel) -> str:
    return hashlib.sha256(record.model_dump_json().encode()).hexdigest()[:32]


@dataclass
class Changes:
    """Records to publish per kind, what disappeared, and the new snapshot (kind -> key -> hash)."""

    records: dict[str, list[BaseModel]] = field(default_factory=lambda: defaultdict(list))
    deleted: list[DeletedRecord] = field(default_factory=list)
    counts: dict[str, MasterDataChange] = field(default_factory=dict)
    snapshot: dict[str, dict[str, str]] = field(default_factory=lambda: defaultdict(dict))

    @property
    def total(self) -> int:
        return sum(len(v) for v in self.records.values()) + len(self.deleted)

    def summary(self) -> tuple[MasterDataChange, ...]:
        return tuple(c for c in self.counts.values() if c.created or c.updated or c.deleted)


def diff(current: MasterDataSet, published: dict[str, dict[str, str]], *, full: bool = False,
         kinds: tuple[str, ...] = KINDS) -> Changes:
    """Compare what the software holds with what was published; `full` publishes everything again."""
    out = Changes()
    for kind in kinds:
        before = published.get(kind, {})
        created = updated = 0
        for record in getattr(current, kind):
            key, digest = key_of(kind, record), hash_of(record)
            out.snapshot[kind][key] = digest
            if key not in before:
                created += 1
            elif before[key] != digest:
                updated += 1
            elif not full:
                continue
            out.records[kind].append(record)
        gone = [key for key in before if key not in out.snapshot[kind]]
        out.deleted.extend(DeletedRecord(kind=kind, reference=key) for key in gone)
        out.counts[kind] = MasterDataChange(kind=kind, created=created, updated=updated, deleted=len(gone))
    return out


def parts(changes: Changes, size: int) -> list[MasterData]:
    """The changes as MasterData parts of at most `size` records each (at least one part)."""
    items: list[tuple[str, BaseModel]] = [(kind, r) for kind in KINDS for r in changes.records.get(kind, ())]
    items += [("deleted", d) for d in changes.deleted]
    chunks = [items[i:i + size] for i in range(0, len(items), max(1, size))] or [[]]
    out = []
    for number, chunk in enumerate(chunks, start=1):
        grouped: dict[str, list] = defaultdict(list)
        for kind, record in chunk:
            grouped[kind].append(record)
        out.append(MasterData(part=number, parts=len(chunks), **{k: tuple(v) for k, v in grouped.items()}))
    return out
