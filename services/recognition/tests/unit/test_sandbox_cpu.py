"""The sandbox tells the CPU time its child used: what `make bench-recognition` counts per document (issue 14/18
throughput targets: CPU seconds per document, load-independent)."""
from recognition.extractors.base import Context
from recognition.sandbox import Sandbox, SandboxLimits


def test_cpu_seconds_of_the_child():
    box = Sandbox(SandboxLimits(memory_mb=1024, timeout_s=60))
    try:
        assert box.cpu_seconds() == 0.0, "no child yet"
        box.run("extract", b"<html/>", Context())
        started = box.cpu_seconds()
        assert started > 0, "starting the child (imports) takes CPU"
        box.run("extract", b"<html/>", Context())
        assert box.cpu_seconds() >= started
        box.close()
        assert box.cpu_seconds() == 0.0, "the child is gone"
    finally:
        box.close()
