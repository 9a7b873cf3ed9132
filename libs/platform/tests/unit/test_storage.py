"""Object storage: the contract suite against the in-memory fake, plus offline checks of the real adapter."""
import importlib.util
import sys
import time
from pathlib import Path

import httpx
import pytest

from runtime.config import Settings
from runtime.storage import FakeObjectStore, ObjectStore, StorageError, content_disposition, http_pool


def _load_contract():
    name = "bf_platform_storage_contract"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parents[1] / "storage_contract.py")
        sys.modules[name] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[name].ObjectStorageContract


class TestFakeObjectStore(_load_contract()):
    @pytest.fixture
    async def store(self):
        fake = FakeObjectStore()
        await fake.ensure_bucket()
        return fake

    @pytest.fixture
    async def http(self, store):
        async with httpx.AsyncClient(transport=store.http_transport()) as client:
            yield client

    @pytest.fixture
    def writes(self, store):
        return lambda: store.writes


def test_content_disposition_keeps_unicode_and_escapes_quotes():
    header = content_disposition('reçu "mars".pdf')
    assert header.startswith('attachment; filename="re_u _mars_.pdf"')
    assert "filename*=UTF-8''re%C3%A7u%20%22mars%22.pdf" in header


def test_the_http_pool_has_explicit_timeouts_and_bounded_retries():
    pool = http_pool()
    assert pool.connection_pool_kw["timeout"].connect_timeout == 5.0
    assert pool.connection_pool_kw["timeout"].read_timeout == 60.0
    assert pool.connection_pool_kw["retries"].total == 3


def test_building_a_store_connects_to_nothing():
    store = ObjectStore.from_settings(Settings(s3_endpoint="127.0.0.1:1", s3_bucket="b"))
    assert store.bucket == "b"
    assert store.object_url("sha256/ab/abc") == "http://127.0.0.1:1/b/sha256/ab/abc"


async def test_an_unreachable_store_gives_a_storage_error_quickly():
    store = ObjectStore("127.0.0.1:1", "k", "s", "bf-test", pool=http_pool(connect_s=0.5, retries=1))
    started = time.monotonic()
    with pytest.raises(StorageError, match="unreachable"):
        await store.exists("sha256/ab/abc")
    assert time.monotonic() - started < 5
