"""SYN-1: only what changed since the last publication is published, in parts of bounded size."""
from __future__ import annotations

from datetime import date

from contracts.events.ledger import AccountRecord, PeriodRecord

from sync_connector.domain.changes import diff, parts
from sync_connector.domain.ports import MasterDataSet


def accounts(*pairs):
    return [AccountRecord(code=c, name=n, kind="expense") for c, n in pairs]


def test_first_sync_publishes_everything_as_created():
    changes = diff(MasterDataSet(accounts=accounts(("604000", "Goods"), ("610000", "Rent"))), {})
    assert [a.code for a in changes.records["accounts"]] == ["604000", "610000"]
    assert changes.counts["accounts"].created == 2


def test_a_second_sync_publishes_only_the_changed_record_and_what_disappeared():
    first = diff(MasterDataSet(accounts=accounts(("604000", "Goods"), ("610000", "Rent"), ("612000", "Energy"))), {})
    now = MasterDataSet(accounts=accounts(("604000", "Goods"), ("610000", "Rent and charges")))
    second = diff(now, first.snapshot)
    assert [a.name for a in second.records["accounts"]] == ["Rent and charges"]
    assert [(d.kind, d.reference) for d in second.deleted] == [("accounts", "612000")]
    c = second.counts["accounts"]
    assert (c.created, c.updated, c.deleted) == (0, 1, 1)
    assert diff(now, second.snapshot).total == 0


def test_a_full_sync_publishes_everything_but_counts_real_changes():
    first = diff(MasterDataSet(accounts=accounts(("604000", "Goods"))), {})
    full = diff(MasterDataSet(accounts=accounts(("604000", "Goods"))), first.snapshot, full=True)
    assert len(full.records["accounts"]) == 1 and full.summary() == ()


def test_a_large_sync_is_cut_into_parts_of_at_most_n_records():
    many = accounts(*[(f"6{i:05d}", f"A{i}") for i in range(1203)])
    periods = [PeriodRecord(code="2026-01", start_date=date(2026, 1, 1), end_date=date(2026, 1, 31))]
    changes = diff(MasterDataSet(accounts=many, periods=periods), {})
    cut = parts(changes, 500)
    assert [p.part for p in cut] == [1, 2, 3] and {p.parts for p in cut} == {3}
    assert [len(p.accounts) + len(p.periods) for p in cut] == [500, 500, 204]
    assert parts(diff(MasterDataSet(), {}), 500)[0].parts == 1
