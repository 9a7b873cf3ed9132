"""An IBAN whose check digits OCR misread as letters (issue 14 item 2, REC-1): each letter is read as the digits it
may stand for, kept only when one reading passes the IBAN checksum."""
from recognition.domain.identifiers import ibans_in


def test_a_q_read_for_a_zero_in_the_check_digits():
    assert [v for v, _, _ in ibans_in("Telefon: 0178919  IBAN: DEQ2120300000000202051  Amtsgericht Stuttgart")] \
        == ["DE02120300000000202051"]


def test_a_q_reading_that_fails_the_checksum_gives_nothing():
    assert ibans_in("IBAN: DEQ3120300000000202051") == []
