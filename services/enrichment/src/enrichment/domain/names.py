"""Company names compared the way a bookkeeper would: case, accents, punctuation and legal forms ignored."""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from difflib import SequenceMatcher
from functools import lru_cache

LEGAL_FORMS = frozenset({
    "bv", "bvba", "nv", "sa", "sprl", "srl", "scrl", "sc", "cv", "cvba", "vof", "comm", "commv", "scs", "snc",
    "gmbh", "ag", "kg", "ltd", "limited", "llc", "inc", "plc", "sas", "sarl", "bvpa", "asbl", "vzw", "co",
})


@lru_cache(maxsize=65536)
def tokens(name: str) -> tuple[str, ...]:
    """Lower-case ASCII words of a name, without legal forms ('Proximus NV' -> ('proximus',))."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_.replace(".", ""))
    kept = tuple(w for w in words if w not in LEGAL_FORMS)
    return kept or tuple(words)


def similarity(a: str, b: str, at_least: float = 0.0) -> float:
    """0..1: the better of token overlap and character similarity of the normalised names.

    Below `at_least` the value is only a lower bound (the costly comparison is skipped when its cheap
    upper bounds show it cannot reach `at_least`).
    """
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    sa, sb = set(ta), set(tb)
    overlap = len(sa & sb) / max(len(sa), len(sb))
    if overlap >= 1.0:
        return overlap
    x, y = " ".join(sorted(sa)), " ".join(sorted(sb))
    if 2 * min(len(x), len(y)) / (len(x) + len(y)) < at_least:  # cheap upper bounds of ratio() first
        return overlap
    if 2 * sum((Counter(x) & Counter(y)).values()) / (len(x) + len(y)) < at_least:
        return overlap
    return max(overlap, SequenceMatcher(None, x, y, autojunk=False).ratio())
