"""Settings of the worklist service (BF_WORKLIST_* env)."""
from __future__ import annotations

from runtime.config import Settings


class WorklistSettings(Settings):
    """The frozen settings of the worklist service, read once from the environment."""

    service: str = "worklist"
    # PCMN class 499 is the suspense account ('comptes d'attente', WL-2 red, WL-3 checked)
    worklist_suspense_prefixes: str = "499"

    @property
    def suspense_prefixes(self) -> tuple[str, ...]:
        return tuple(p.strip() for p in self.worklist_suspense_prefixes.split(",") if p.strip())
