"""make bench-day (issue 18): the day it replays has the shape of an office's day — arrivals only in office hours,
the 09:00 and 14:00 bursts the busiest hours, reproducible."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from day import DAY_END, DAY_START, arrivals  # noqa: E402


def test_the_day_has_its_bursts_at_nine_and_two_and_nothing_outside_office_hours():
    moments = arrivals(5000)
    assert len(moments) == 5000 and moments == sorted(moments)
    assert 0 <= moments[0] and moments[-1] < (DAY_END - DAY_START) * 3600
    per_hour = Counter(DAY_START + int(t // 3600) for t in moments)
    busiest = [hour for hour, _ in per_hour.most_common(2)]
    assert sorted(busiest) == [9, 14]
    assert per_hour[9] > 2 * per_hour[8] and per_hour[14] > 2 * per_hour[12]
    assert arrivals(100) == arrivals(100)  # the same day every run
