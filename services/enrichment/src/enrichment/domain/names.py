"""Company names compared the way a bookkeeper would: case, accents, punctuation and legal forms ignored."""
from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

LEGAL_FORMS = frozenset({
    "bv", "bvba", "nv", "sa", "sprl", "srl", "scrl", "sc", "cv", "cvba", "vof", "comm", "commv", "scs", "snc",
    "gmbh", "ag", "kg", "ltd", "limited", "llc", "inc", "plc", "sas", "sarl", "bvpa", "asbl", "vzw", "co",
})


def tokens(name: str) -> tuple[str, ...]:
    """Lower-case ASCII words of a name, without legal forms ('Proximus NV' -> ('proximus',))."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", ascii_.replace(".", ""))
    kept = tuple(w for w in words if w not in LEGAL_FORMS)
    return kept or tuple(words)


def similarity(a: str, b: str) -> float:
    """0..1: the better of token overlap and character similarity of the normalised names."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    sa, sb = set(ta), set(tb)
    overlap = len(sa & sb) / max(len(sa), len(sb))
    chars = SequenceMatcher(None, " ".join(sorted(sa)), " ".join(sorted(sb))).ratio()
    return max(overlap, chars)
