"""The fields the re-ranker may choose for, each with the finder listing a document's candidates in the rules'
order (what `make train-recognition` trains on and what the reader ranks)."""
from __future__ import annotations

from recognition.domain.fields import number_candidates
from recognition.domain.parties import seller_name_candidates

CANDIDATES = {
    "seller.name": seller_name_candidates,
    "invoice_number": number_candidates,
}
