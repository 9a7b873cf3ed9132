"""Object storage: the same contract suite against the real S3 server of the stack (a throw-away bucket)."""
import importlib.util
import json
import sys
import uuid
from pathlib import Path

import httpx
import pytest

from runtime.config import Settings
from runtime.storage import ObjectStore

pytestmark = pytest.mark.integration


def _load_contract():
    name = "bf_platform_storage_contract"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parents[1] / "storage_contract.py")
        sys.modules[name] = module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    return sys.modules[name].ObjectStorageContract


def _remove_bucket(store: ObjectStore) -> None:
    client = store._client  # test clean-up only
    if not client.bucket_exists(store.bucket):
        return
    for obj in client.list_objects(store.bucket, recursive=True):
        client.remove_object(store.bucket, obj.object_name)
    client.remove_bucket(store.bucket)


@pytest.fixture
async def real_store():
    store = ObjectStore.from_settings(Settings(), bucket=f"bf-test-{uuid.uuid4().hex[:12]}")
    await store.ensure_bucket()
    yield store
    _remove_bucket(store)


class TestRealObjectStore(_load_contract()):
    @pytest.fixture
    def store(self, real_store):
        return real_store

    @pytest.fixture
    async def http(self):
        async with httpx.AsyncClient(timeout=10) as client:  # plain: no credentials, no signature
            yield client

    @pytest.fixture
    def writes(self, store, monkeypatch):
        count = {"n": 0}
        put = store._client.put_object

        def counting_put(*args, **kw):
            count["n"] += 1
            return put(*args, **kw)

        monkeypatch.setattr(store._client, "put_object", counting_put)
        return lambda: count["n"]


async def test_ensure_bucket_takes_a_public_policy_away(real_store):
    public = {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": ["s3:GetObject"],
                       "Resource": [f"arn:aws:s3:::{real_store.bucket}/*"]}],
    }
    try:
        real_store._client.set_bucket_policy(real_store.bucket, json.dumps(public))
    except Exception as exc:  # the server does not support bucket policies: nothing can be public
        pytest.skip(f"server refuses bucket policies: {exc}")
    stored = await real_store.put_bytes(b"secret invoice", "text/plain")
    async with httpx.AsyncClient(timeout=10) as client:
        if (await client.get(real_store.object_url(stored.key))).status_code != 200:
            pytest.skip("the server ignores bucket policies: nothing to take away")
        await real_store.ensure_bucket()
        response = await client.get(real_store.object_url(stored.key))
    assert response.status_code in (401, 403)
