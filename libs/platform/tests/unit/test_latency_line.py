"""runtime.testing.latency_line: the line make bench-reporting and bench-worklist print per call."""
from runtime.testing import latency_line


def test_p95_under_the_target_is_ok_and_over_it_is_said():
    fast = latency_line("dashboard", [float(n) for n in range(1, 101)], 300)
    assert "p50    50.5 ms" in fast and "p95    95.0 ms" in fast and "max   100.0 ms" in fast
    assert fast.endswith("(target p95 < 300 ms: ok)")
    slow = latency_line("dashboard", [float(n) for n in range(1, 101)], 90)
    assert slow.endswith("(target p95 < 90 ms: OVER TARGET)")


def test_the_name_column_has_the_width_asked():
    assert latency_line("x", [1.0], 10, width=46).startswith("  x" + " " * 46 + "p50")
