"""Learning: the final booking of a counterparty's invoice (after worklist corrections) is proposed next time;
also for a counterparty created at posting (linked by VAT number)."""
from __future__ import annotations

import uuid
from datetime import date

from enrichment.handlers import propose, replicate
from enrichment_memory import MemoryReplica
from enrichment_testkit import booking, dossier_changed, invoice, master, party, recognized, recorded, supplier, synced

PROX = party("Proximus NV", "BE0202239951")


async def world():
    r, d = MemoryReplica(), uuid.uuid4()
    await replicate.apply_dossier(r, dossier_changed(d))
    await replicate.apply_ledger(r, synced(d, master(counterparties=(supplier("P1", "Proximus NV", "BE0202239951"),))))
    return r, d


async def post(r, d, proposal, lines, ref, counterparty="P1", data=None):
    b = booking(ref, counterparty, lines, external_id=proposal.proposal_id, day=proposal.invoice_date)
    await replicate.apply_booking(r, recorded(d, records=data, booking=b, proposal_id=proposal.proposal_id))


async def test_next_invoice_is_proposed_as_the_last_one_was_booked():
    r, d = await world()
    first = await propose.propose(r, recognized(invoice(seller=PROX, number="1"), dossier=d))
    assert first.lines[0].suspense
    await post(r, d, first, (("612000", "AS21", "100.00"), ("411000", None, "21.00")), "M1")
    second = await propose.propose(r, recognized(invoice(seller=PROX, number="2", day=date(2025, 4, 14)), dossier=d))
    assert (second.lines[0].account, second.lines[0].vat_code, second.lines[0].suspense) == ("612000", "AS21", False)
    assert not any(w.code == "suspense_account" for w in second.warnings)


async def test_a_correction_in_the_worklist_is_what_counts():
    r, d = await world()
    p1 = await propose.propose(r, recognized(invoice(seller=PROX, number="1"), dossier=d))
    await post(r, d, p1, (("612000", "AS21", "100.00"),), "M1")
    p2 = await propose.propose(r, recognized(invoice(seller=PROX, number="2", day=date(2025, 4, 1)), dossier=d))
    assert p2.lines[0].account == "612000"
    await post(r, d, p2, (("613000", "AS21", "100.00"),), "M2")  # the office corrected the account
    p3 = await propose.propose(r, recognized(invoice(seller=PROX, number="3", day=date(2025, 5, 1)), dossier=d))
    assert p3.lines[0].account == "613000"


async def test_confidence_grows_with_agreeing_bookings():
    r, d = await world()
    p1 = await propose.propose(r, recognized(invoice(seller=PROX, number="1"), dossier=d))
    await post(r, d, p1, (("612000", "AS21", "100.00"),), "M1")
    p2 = await propose.propose(r, recognized(invoice(seller=PROX, number="2", day=date(2025, 4, 1)), dossier=d))
    await post(r, d, p2, (("612000", "AS21", "100.00"),), "M2")
    p3 = await propose.propose(r, recognized(invoice(seller=PROX, number="3", day=date(2025, 5, 1)), dossier=d))
    assert p2.field_confidence["lines.1.account"] < p3.field_confidence["lines.1.account"]


async def test_a_deleted_booking_no_longer_teaches():
    r, d = await world()
    p1 = await propose.propose(r, recognized(invoice(seller=PROX, number="1"), dossier=d))
    await post(r, d, p1, (("612000", "AS21", "100.00"),), "M1")
    deleted = booking("M1", "P1", ())
    await replicate.apply_booking(r, recorded(d, action="deleted", booking=deleted))
    p2 = await propose.propose(r, recognized(invoice(seller=PROX, number="2", day=date(2025, 4, 1)), dossier=d))
    assert p2.lines[0].suspense


async def test_a_counterparty_created_at_posting_links_up_by_vat_number():
    r, d = await world()
    new = party("Nieuw BV", "BE0417497106")
    p1 = await propose.propose(r, recognized(invoice(seller=new, number="1"), dossier=d))
    assert p1.counterparty.status == "new"
    # posted without the party in master data yet: the proposal's VAT number links it
    await post(r, d, p1, (("604000", "A21", "100.00"),), "M1", counterparty="NEW-9")
    p2 = await propose.propose(r, recognized(invoice(seller=new, number="2", day=date(2025, 4, 1)), dossier=d))
    assert (p2.counterparty.status, p2.lines[0].account, p2.lines[0].vat_code) == ("new", "604000", "A21")
    # then the sync brings the party: known, and the history follows its reference
    await replicate.apply_ledger(r, synced(d, master(counterparties=(supplier("NEW-9", "Nieuw BV", "BE0417497106"),))))
    p3 = await propose.propose(r, recognized(invoice(seller=new, number="3", day=date(2025, 5, 1)), dossier=d))
    assert (p3.counterparty.status, p3.counterparty.reference, p3.lines[0].account) == ("known", "NEW-9", "604000")


async def test_history_from_the_accounting_software_teaches_too():
    r, d = await world()
    history = booking("OLD-1", "P1", (("612000", "AS21", "50.00"), ("440000", None, "60.50")), day=date(2024, 12, 3))
    await replicate.apply_ledger(r, synced(d, master(entries=(history,))))
    p = await propose.propose(r, recognized(invoice(seller=PROX), dossier=d))
    assert (p.lines[0].account, p.lines[0].vat_code) == ("612000", "AS21")


async def test_one_odd_booking_does_not_outweigh_two_before_it_but_two_in_a_row_do():
    r, d = await world()
    accounts = ["612000", "612000", "611000", "612000", "613000", "613000"]
    proposed = []
    for i, account in enumerate(accounts, start=1):
        p = await propose.propose(r, recognized(invoice(seller=PROX, number=str(i), day=date(2025, i, 3)), dossier=d))
        proposed.append(p.lines[0].account)
        await post(r, d, p, ((account, "AS21", "100.00"),), f"M{i}")
    after = await propose.propose(r, recognized(invoice(seller=PROX, number="9", day=date(2025, 9, 3)), dossier=d))
    assert proposed == ["499000", "612000", "612000", "612000", "612000", "612000"]
    assert after.lines[0].account == "613000", "two bookings in a row on the new account: it is the account now"
