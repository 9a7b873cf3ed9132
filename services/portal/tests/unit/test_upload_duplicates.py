"""Issue 15 item 9: what the upload widget says of a byte-identical duplicate, in each language; an answer without a
readable date still gives a message, never an error."""
from portal.entrypoints.http.documents import said_duplicates


def answer(created_at):
    return {"documents": [], "rejected": [], "duplicates": [
        {"filename": "aws (2).png", "duplicate_of": {"filename": "aws.png", "mailbox": "purchases",
                                                     "created_at": created_at}}]}


def test_each_language_names_both_files_the_mailbox_and_the_day():
    said = {lang: said_duplicates(answer("2026-12-06T23:10:00+00:00"), lang)["duplicates"][0]["message"]
            for lang in ("en", "nl", "fr", "de")}
    assert said["en"] == ("aws (2).png was not stored again: the very same file is already here as aws.png "
                          "(Purchases, received Dec 6, 2026).")
    assert "(Aankopen, ontvangen op 6 dec 2026)" in said["nl"] and "(Achats, reçu le 6 déc. 2026)" in said["fr"]
    assert "(Einkäufe, erhalten am 06.12.2026)" in said["de"]


def test_a_missing_or_unreadable_date_still_says_it():
    for created_at in (None, "", "yesterday"):
        message = said_duplicates(answer(created_at), "en")["duplicates"][0]["message"]
        assert message.endswith("(Purchases, received ?).")
