"""A ledger.synced v1 event still in the topic when enrichment is upgraded (issue 19 item 5): upcast to v2, its
posting or deletion still reaches the replica as master data (the booking learnt, then forgotten)."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

from contracts.codec import deserialize

from enrichment.handlers import replicate
from enrichment_memory import MemoryReplica

V1 = Path(__file__).resolve().parents[4] / "libs/contracts/schemas/ledger.synced.v1.json"


def _stored(dossier: uuid.UUID, **fields) -> bytes:
    """A v1 message as sync-connector wrote it before the split (the committed v1 example, changed)."""
    example = json.loads(V1.read_text())["examples"][0]
    return json.dumps({**example, "event_id": str(uuid.uuid4()), "dossier_id": str(dossier), **fields}).encode()


async def test_a_v1_posting_and_deletion_still_teach_and_unteach():
    replica, dossier = MemoryReplica(), uuid.uuid4()
    example = json.loads(V1.read_text())["examples"][0]
    booking = example["booking"]
    posted = deserialize("ledger.synced", _stored(dossier, master_data={
        **example["master_data"], "entries": [booking]}))
    await replicate.apply_ledger(replica, posted)
    assert set(replica.records[dossier]["counterparties"]) == {"P-0007"}
    assert (dossier, booking["reference"]) in replica.bookings

    deleted = deserialize("ledger.synced", _stored(dossier, action="deleted", master_data=None, sync=None))
    await replicate.apply_ledger(replica, deleted)
    assert (dossier, booking["reference"]) not in replica.bookings
    assert set(replica.records[dossier]["counterparties"]) == {"P-0007"}, "a deletion leaves the party"
