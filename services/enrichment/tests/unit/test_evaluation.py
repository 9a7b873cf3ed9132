"""The evaluation itself: deterministic, and it replays through the service's use cases (a smoke check of
the figures' direction, not their value)."""
from __future__ import annotations

from enrichment_bench.replay import replay_dossier
from enrichment_bench.world import build


def test_the_synthetic_year_is_the_same_for_the_same_seed():
    a, b = build(11), build(11)
    assert [(i.partner.name, i.number, i.day, i.truth) for d in a for i in d.invoices] == \
        [(i.partner.name, i.number, i.day, i.truth) for d in b for i in d.invoices]
    assert len(a) == 3 and all(len(d.invoices) > 100 for d in a)


async def test_learning_shows_in_the_replay():
    d = build(11)[0]
    scores = await replay_dossier(d, 11)
    first = [s for s in scores if s.month == 1 and s.recurring]
    later = [s for s in scores if s.month >= 2 and s.recurring and s.seen_before]
    share = lambda xs: sum(s.lines_right for s in xs) / len(xs)  # noqa: E731
    assert len(scores) == len(d.invoices)
    assert share(later) > share(first) + 0.3, (share(first), share(later))
