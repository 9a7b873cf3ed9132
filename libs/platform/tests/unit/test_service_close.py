"""ServiceSpec.close: what a service's deps opened is closed by runtime.service.stop, after its tasks ended and
before the producer and pool; a failing close does not keep them open (issue 19 item 1: no lazy resources)."""
import asyncio

from runtime.config import Settings
from runtime.service import Runtime, stop


class Part:
    def __init__(self, order: list[str], name: str) -> None:
        self.order, self.name = order, name

    async def stop(self) -> None:
        self.order.append(self.name)

    async def close(self) -> None:
        self.order.append(self.name)


async def test_stop_closes_the_deps_after_the_tasks_and_before_producer_and_pool():
    order: list[str] = []

    async def task() -> None:
        try:
            await asyncio.Event().wait()
        finally:
            order.append("task")

    async def close(deps) -> None:
        order.append(f"close {deps}")

    rt = Runtime(settings=Settings(service="t"), pool=Part(order, "pool"), producer=Part(order, "producer"),
                 deps="deps", close_deps=close)
    rt.tasks.append(asyncio.create_task(task()))
    await asyncio.sleep(0)
    await stop(rt)
    assert order == ["task", "close deps", "producer", "pool"]


async def test_a_failing_close_still_stops_producer_and_pool():
    order: list[str] = []

    async def close(deps) -> None:
        raise RuntimeError("boom")

    rt = Runtime(settings=Settings(service="t"), pool=Part(order, "pool"), producer=Part(order, "producer"),
                 deps=object(), close_deps=close)
    await stop(rt)
    assert order == ["producer", "pool"]
