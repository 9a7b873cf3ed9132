"""ENR-2 words: a counterparty without history gets the account and VAT code that the dossier's final bookings
with the same words (our proposal's line descriptions and counterparty name) got — only on clear evidence."""
from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from contracts.events.dossiers import SchemaEntry
from enrichment.domain.accounts import from_words
from enrichment.domain.model import Learned
from enrichment.domain.words import words_of
from enrichment.handlers import propose, replicate
from enrichment_memory import MemoryReplica
from enrichment_testkit import booking, dossier_changed, invoice, master, party, recognized, recorded, synced

REPAIRS = ("Repair", "Maintenance visit")


async def world(**settings):
    r, d = MemoryReplica(), uuid.uuid4()
    await replicate.apply_dossier(r, dossier_changed(d, **settings))
    await replicate.apply_ledger(r, synced(d, master()))
    return r, d


async def booked(r, d, name, descriptions, lines, ref, day=date(2025, 3, 14), rate="21"):
    """Propose an invoice of a new supplier, then post it as the office booked it (created at posting)."""
    p = await propose.propose(r, recognized(invoice(seller=party(name), descriptions=descriptions, day=day,
                                                    number=ref, rate=rate), dossier=d))
    b = booking(ref, f"NEW-{ref}", lines, external_id=p.proposal_id, day=day)
    await replicate.apply_booking(r, recorded(d, booking=b, proposal_id=p.proposal_id))
    return p


async def first_invoice(r, d, name, descriptions, day=date(2025, 5, 2), rate="21"):
    return await propose.propose(r, recognized(invoice(seller=party(name), descriptions=descriptions, day=day,
                                                       number="F-NEW", rate=rate), dossier=d))


async def test_a_new_counterparty_gets_what_the_dossier_booked_for_the_same_words():
    """ENR-2 words: 'Repair, Maintenance visit' booked 613000/A21 for one supplier → the first invoice of another."""
    r, d = await world()
    first = await booked(r, d, "Delta Herstel BV", REPAIRS, (("613000", "A21", "100.00"),), "M1")
    assert first.lines[0].suspense, "nothing known yet: the suspense account"
    p = await first_invoice(r, d, "Orion Techniek NV", REPAIRS)
    line = p.lines[0]
    assert (line.account, line.vat_code, line.suspense) == ("613000", "A21", False), \
        "the code comes with the words (the rules would say AS21 for a service account)"
    assert 0.4 <= p.field_confidence["lines.1.account"] <= 0.8
    assert not any(w.code == "suspense_account" for w in p.warnings)


async def test_words_come_before_the_office_schema_but_after_the_counterparty_history():
    """ENR-2 words: the dossier's bookings outweigh the schema's guess; the counterparty's own history wins."""
    r, d = await world(office_schema=(SchemaEntry(account="610000", description="Maintenance, repair of premises"),))
    await booked(r, d, "Delta Herstel BV", REPAIRS, (("613000", "A21", "100.00"),), "M1")
    assert (await first_invoice(r, d, "Orion Techniek NV", REPAIRS)).lines[0].account == "613000"
    again = await first_invoice(r, d, "Delta Herstel BV", REPAIRS, day=date(2025, 6, 2))
    assert again.lines[0].account == "613000"
    await booked(r, d, "Orion Techniek NV", REPAIRS, (("604000", "A21", "100.00"),), "M2", day=date(2025, 5, 2))
    mine = await first_invoice(r, d, "Orion Techniek NV", REPAIRS, day=date(2025, 7, 2))
    assert mine.lines[0].account == "604000", "its own history, not the dossier's words"


async def test_one_shared_word_is_too_weak():
    """ENR-2 words: a single shared word (here the name 'Nova') does not outweigh 'no idea'."""
    r, d = await world()
    await booked(r, d, "Nova Telecom BV", ("Internet subscription",), (("612000", "AS21", "100.00"),), "M1")
    p = await first_invoice(r, d, "Nova Bakery BV", ("Flour",))
    assert (p.lines[0].account, p.lines[0].suspense) == ("499000", True)


async def test_words_booked_on_two_accounts_alike_propose_nothing():
    """ENR-2 words: the same words booked once on 613000 and once on 612000 — ambiguous, no proposal."""
    r, d = await world()
    await booked(r, d, "Delta Herstel BV", REPAIRS, (("613000", "AS21", "100.00"),), "M1")
    await booked(r, d, "Arden Service BV", REPAIRS, (("612000", "AS21", "100.00"),), "M2", day=date(2025, 4, 1))
    p = await first_invoice(r, d, "Orion Techniek NV", REPAIRS)
    assert (p.lines[0].account, p.lines[0].suspense) == ("499000", True)


async def test_a_deleted_booking_takes_its_words_along():
    """ENR-2 words: a booking deleted in the accounting software no longer teaches its words."""
    r, d = await world()
    await booked(r, d, "Delta Herstel BV", REPAIRS, (("613000", "A21", "100.00"),), "M1")
    await replicate.apply_booking(r, recorded(d, action="deleted", booking=booking("M1", "NEW-M1", ())))
    assert (await first_invoice(r, d, "Orion Techniek NV", REPAIRS)).lines[0].suspense


def _line(booking, account, code, words, day, rate="21"):
    return Learned(booking, account, code, Decimal(rate), day, int(booking[1:]), words)


def test_the_clear_winner_takes_it_and_the_latest_weighs_most():
    """ENR-2 words: votes per word, the latest booking weighing most; the winner needs twice the runner-up."""
    words = ("repair", "maintenance", "visit")
    two_to_one = (_line("M1", "613000", "AS21", words, date(2025, 1, 1)),
                  _line("M2", "613000", "AS21", words, date(2025, 2, 1)),
                  _line("M3", "611200", "AS21", words, date(2025, 3, 1)))
    assert from_words(two_to_one, words, Decimal("21")) is None, "2 against 1 recent: not twice the votes"
    many = two_to_one[:2] + tuple(_line(f"M{i}", "613000", "AS21", words, date(2025, 1, i)) for i in (4, 5, 6))
    choice = from_words(many + two_to_one[2:], words, Decimal("21"))
    assert (choice.account, choice.vat_code, choice.via) == ("613000", "AS21", "words")
    assert choice.confidence < 0.8


def test_only_lines_at_the_invoice_rate_vote():
    """ENR-2 words: what was booked at 6 % says nothing about a line at 21 %."""
    words = ("flour", "butter")
    lines = (_line("M1", "604000", "A6", words, date(2025, 1, 1), rate="6"),)
    assert from_words(lines, words, Decimal("21")) is None
    assert from_words(lines, words, Decimal("6")).account == "604000"


def test_words_are_the_longer_words_bounded():
    """ENR-2 words: words of 4+ letters, no numbers, legal forms dropped, each once, at most 16."""
    assert words_of(["Repair of the oven 2025", "REPAIR", None, "Delta Herstel BV"]) == (
        "repair", "oven", "delta", "herstel")
    assert len(words_of([" ".join(f"word{chr(97 + i)}x" for i in range(26))])) == 16
