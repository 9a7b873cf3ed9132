"""The behaviour every ObjectStorage must show; run against the fake (unit) and the real store (integration).

A test module subclasses ObjectStorageContract and provides three fixtures:
``store`` (an ObjectStorage whose bucket exists), ``http`` (an httpx.AsyncClient able to reach
the store's URLs, with no credentials) and ``writes`` (a callable counting object writes).
"""
import asyncio
import hashlib
from datetime import timedelta

import pytest

from runtime.storage import ObjectNotFound, StorageError

PDF = b"%PDF-1.7\n% a tiny test document\n" + bytes(range(256))


class ObjectStorageContract:
    """Abstract suite: not collected by itself (no Test prefix)."""

    async def test_put_stores_under_the_content_address(self, store):
        stored = await store.put_bytes(PDF, "application/pdf")
        digest = hashlib.sha256(PDF).hexdigest()
        assert (stored.key, stored.sha256, stored.size) == (f"sha256/{digest[:2]}/{digest}", digest, len(PDF))
        assert await store.get_bytes(stored.key) == PDF
        assert await store.exists(stored.key)

    async def test_the_same_bytes_are_written_once(self, store, writes):
        first = await store.put_bytes(PDF, "application/pdf")
        before = writes()
        second = await store.put_bytes(PDF, "application/pdf")
        assert second == first
        assert writes() == before

    async def test_an_unknown_key_is_not_found(self, store):
        key = "sha256/00/" + "0" * 64
        assert not await store.exists(key)
        with pytest.raises(ObjectNotFound):
            await store.get_bytes(key)

    async def test_delete_removes_and_is_idempotent(self, store):
        stored = await store.put_bytes(b"to be removed", "text/plain")
        await store.delete(stored.key)
        assert not await store.exists(stored.key)
        await store.delete(stored.key)

    @pytest.mark.parametrize("key", ["", "/abs/key", "sha256/../../etc/passwd"])
    async def test_invalid_keys_are_refused(self, store, key):
        with pytest.raises(StorageError):
            await store.get_bytes(key)

    async def test_an_anonymous_get_is_refused(self, store, http):
        stored = await store.put_bytes(PDF, "application/pdf")
        response = await http.get(store.object_url(stored.key))
        assert response.status_code in (401, 403)
        assert PDF not in response.content

    async def test_a_presigned_url_reads_the_object(self, store, http):
        stored = await store.put_bytes(PDF, "application/pdf")
        response = await http.get(await store.presigned_get(stored.key))
        assert response.status_code == 200
        assert response.content == PDF
        assert response.headers["content-type"] == "application/pdf"

    async def test_a_presigned_url_names_the_download(self, store, http):
        stored = await store.put_bytes(PDF, "application/pdf")
        response = await http.get(await store.presigned_get(stored.key, filename="facture 2024-001.pdf"))
        assert response.status_code == 200
        assert "facture" in response.headers.get("content-disposition", "")

    async def test_a_presigned_url_expires(self, store, http):
        stored = await store.put_bytes(PDF, "application/pdf")
        url = await store.presigned_get(stored.key, expires=timedelta(seconds=1))
        await asyncio.sleep(3)
        response = await http.get(url)
        assert response.status_code in (401, 403)

    async def test_a_presigned_url_is_tied_to_its_key(self, store, http):
        stored = await store.put_bytes(PDF, "application/pdf")
        other = await store.put_bytes(b"another file", "text/plain")
        url = await store.presigned_get(stored.key)
        response = await http.get(url.replace(stored.key, other.key))
        assert response.status_code in (401, 403)

    @pytest.mark.parametrize("expires", [timedelta(0), timedelta(days=8)])
    async def test_presigned_lifetimes_are_bounded(self, store, expires):
        stored = await store.put_bytes(PDF, "application/pdf")
        with pytest.raises(StorageError):
            await store.presigned_get(stored.key, expires=expires)

    async def test_ensure_bucket_twice_is_harmless(self, store):
        await store.ensure_bucket()
        await store.ensure_bucket()
