"""Object storage of files (originals, pages, exports): content-addressed, private, S3 via the minio SDK.

Objects are stored under ``sha256/<2 hex>/<64 hex>`` of their bytes, so the same file is kept
once. Buckets are private: nothing is readable without credentials or a short-lived presigned
URL. The minio SDK is synchronous, so each call runs in a worker thread with explicit timeouts.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import io
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qs, quote, urlencode

import certifi
import httpx
import urllib3
from minio import Minio
from minio.error import MinioException, S3Error, ServerError

DEFAULT_EXPIRY = timedelta(minutes=5)
_MAX_EXPIRY = timedelta(days=7)  # the S3 SigV4 limit
_NOT_FOUND = {"NoSuchKey", "NoSuchObject", "NotFound", "ResourceNotFound"}
_NO_POLICY = {"NoSuchBucketPolicy", "NotImplemented", "NoSuchPolicy"}
T = TypeVar("T")


class StorageError(Exception):
    """The object store failed or refused a request."""


class StorageUnavailable(StorageError):
    """The object store could not be reached or failed on its side (5xx): a passing outage, not a bad request."""


class ObjectNotFound(StorageError):
    """No object under that key."""

    def __init__(self, key: str) -> None:
        super().__init__(f"no object under key {key!r}")
        self.key = key


@dataclass(frozen=True)
class StoredObject:
    """Where a file was stored and what it was: its key, sha256 (hex) and size in bytes."""

    key: str
    sha256: str
    size: int


class ObjectStorage(Protocol):
    """What a service may do with stored files.

    ``put_bytes`` is idempotent (same bytes → same key, stored once); ``get_bytes`` raises
    ObjectNotFound for an unknown key; ``delete`` of an unknown key does nothing;
    ``presigned_get`` gives a URL readable without credentials until it expires. An unreachable
    or failing (5xx) store raises StorageUnavailable, a passing outage; every other failure is a
    StorageError.
    """

    async def ensure_bucket(self) -> None: ...
    async def put_bytes(self, data: bytes, content_type: str) -> StoredObject: ...
    async def get_bytes(self, key: str) -> bytes: ...
    async def exists(self, key: str) -> bool: ...
    async def presigned_get(self, key: str, expires: timedelta = DEFAULT_EXPIRY, filename: str | None = None) -> str: ...
    async def delete(self, key: str) -> None: ...


def content_key(data: bytes) -> StoredObject:
    """The content address of some bytes."""
    digest = hashlib.sha256(data).hexdigest()
    return StoredObject(key=f"sha256/{digest[:2]}/{digest}", sha256=digest, size=len(data))


def content_disposition(filename: str) -> str:
    """An RFC 6266 attachment header for a file name (ASCII fallback plus UTF-8 form)."""
    ascii_name = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_" for c in filename)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def _check(key: str, expires: timedelta | None = None) -> None:
    if not key or key.startswith("/") or ".." in key.split("/"):
        raise StorageError(f"invalid object key {key!r}")
    if expires is not None and not timedelta(seconds=1) <= expires <= _MAX_EXPIRY:
        raise StorageError(f"presigned URL lifetime must be between 1 s and 7 days, not {expires}")


def _status(exc: MinioException) -> int:
    """The HTTP status behind a minio error (0 when unknown)."""
    response = getattr(exc, "response", None)
    status = getattr(response, "status", None) or getattr(exc, "_code", None) or getattr(exc, "status_code", 0)
    return int(status or 0)


def http_pool(connect_s: float = 5.0, read_s: float = 60.0, retries: int = 3, secure: bool = False) -> urllib3.PoolManager:
    """A urllib3 pool with explicit timeouts and a few retries with backoff for transient failures."""
    retry = urllib3.Retry(
        total=retries, connect=retries, read=retries, backoff_factor=0.2, status_forcelist=(500, 502, 503, 504)
    )
    extra: dict[str, Any] = {"cert_reqs": "CERT_REQUIRED", "ca_certs": certifi.where()} if secure else {}
    return urllib3.PoolManager(
        timeout=urllib3.Timeout(connect=connect_s, read=read_s), retries=retry, maxsize=10, **extra
    )


class ObjectStore:
    """The S3 object store of a service (one private bucket), over the minio SDK."""

    def __init__(
        self, endpoint: str, access_key: str, secret_key: str, bucket: str, *, region: str = "us-east-1",
        secure: bool = False, pool: urllib3.PoolManager | None = None,
    ) -> None:
        self.bucket, self.region = bucket, region
        self._base = f"{'https' if secure else 'http'}://{endpoint}"
        self._client = Minio(
            endpoint, access_key=access_key, secret_key=secret_key, secure=secure, region=region,
            http_client=pool or http_pool(secure=secure),
        )

    @classmethod
    def from_settings(cls, settings: Any, bucket: str | None = None) -> "ObjectStore":
        """The store described by runtime.config.Settings (s3_* fields)."""
        return cls(
            settings.s3_endpoint, settings.s3_access_key, settings.s3_secret_key, bucket or settings.s3_bucket,
            region=settings.s3_region, secure=settings.s3_secure,
        )

    async def _call(self, fn: Callable[..., T], *args: Any, **kw: Any) -> T:
        try:
            return await asyncio.to_thread(fn, *args, **kw)
        except S3Error as exc:
            if exc.code in _NOT_FOUND:
                raise ObjectNotFound(exc.object_name or "") from exc
            kind = StorageUnavailable if _status(exc) >= 500 else StorageError
            raise kind(f"object store refused the request: {exc.code}: {exc.message}") from exc
        except (ServerError, urllib3.exceptions.HTTPError, OSError) as exc:
            raise StorageUnavailable(f"object store unreachable or failing: {exc}") from exc
        except MinioException as exc:  # e.g. a response that is not S3's: a 5xx from a proxy is an outage
            kind = StorageUnavailable if _status(exc) >= 500 else StorageError
            raise kind(f"object store answered unexpectedly: {exc}") from exc
        except ValueError as exc:  # the SDK's own argument checks (bucket name, ...)
            raise StorageError(f"invalid object store request: {exc}") from exc

    async def ensure_bucket(self) -> None:
        """Create the bucket if missing and make sure it has no bucket policy (nothing public)."""
        if not await self._call(self._client.bucket_exists, self.bucket):
            try:
                await self._call(self._client.make_bucket, self.bucket, location=self.region)
            except StorageError as exc:  # another instance created it meanwhile
                if not await self._call(self._client.bucket_exists, self.bucket):
                    raise exc
        try:
            policy = await self._call(self._client.get_bucket_policy, self.bucket)
        except StorageError as exc:
            if isinstance(exc.__cause__, S3Error) and exc.__cause__.code in _NO_POLICY:
                return
            raise
        if policy:
            await self._call(self._client.delete_bucket_policy, self.bucket)

    async def put_bytes(self, data: bytes, content_type: str) -> StoredObject:
        """Store bytes under their content address; bytes already stored are not written again."""
        stored = content_key(data)
        if not await self.exists(stored.key):
            await self._call(
                self._client.put_object, self.bucket, stored.key, io.BytesIO(data), len(data),
                content_type=content_type, metadata={"sha256": stored.sha256},
            )
        return stored

    async def get_bytes(self, key: str) -> bytes:
        """The bytes stored under a key; ObjectNotFound if none."""
        _check(key)
        return await self._call(self._read, key)

    def _read(self, key: str) -> bytes:
        response = self._client.get_object(self.bucket, key)
        try:
            return response.read()
        finally:
            response.close()
            response.release_conn()

    async def exists(self, key: str) -> bool:
        """Whether an object is stored under the key."""
        _check(key)
        try:
            await self._call(self._client.stat_object, self.bucket, key)
        except ObjectNotFound:
            return False
        return True

    async def presigned_get(self, key: str, expires: timedelta = DEFAULT_EXPIRY, filename: str | None = None) -> str:
        """A URL that reads the object without credentials until it expires (offered for download as filename)."""
        _check(key, expires)
        params = {"response-content-disposition": content_disposition(filename)} if filename else None
        return await self._call(self._client.presigned_get_object, self.bucket, key, expires, response_headers=params)

    async def delete(self, key: str) -> None:
        """Remove the object under the key (nothing happens if there is none)."""
        _check(key)
        await self._call(self._client.remove_object, self.bucket, key)

    def object_url(self, key: str) -> str:
        """The plain (unsigned) URL of an object; reading it without a signature must be refused."""
        return f"{self._base}/{self.bucket}/{quote(key)}"


class FakeObjectStore:
    """An in-memory ObjectStorage for unit tests, with presigned URLs served by ``http_transport``."""

    def __init__(self, bucket: str = "fake-bucket", clock: Callable[[], float] = time.time) -> None:
        self.bucket = bucket
        self.objects: dict[str, tuple[bytes, str]] = {}
        self.writes = 0
        self._clock = clock
        self._secret = secrets.token_bytes(16)
        self._base = "http://fake-object-store.invalid"

    async def ensure_bucket(self) -> None:
        """Nothing to create in memory."""

    async def put_bytes(self, data: bytes, content_type: str) -> StoredObject:
        stored = content_key(data)
        if stored.key not in self.objects:
            self.objects[stored.key] = (bytes(data), content_type)
            self.writes += 1
        return stored

    async def get_bytes(self, key: str) -> bytes:
        _check(key)
        if key not in self.objects:
            raise ObjectNotFound(key)
        return self.objects[key][0]

    async def exists(self, key: str) -> bool:
        _check(key)
        return key in self.objects

    async def presigned_get(self, key: str, expires: timedelta = DEFAULT_EXPIRY, filename: str | None = None) -> str:
        _check(key, expires)
        query = {"expires": str(int(self._clock() + expires.total_seconds())), "filename": filename or ""}
        query["signature"] = self._sign(key, query["expires"], query["filename"])
        return f"{self.object_url(key)}?{urlencode(query)}"

    async def delete(self, key: str) -> None:
        _check(key)
        self.objects.pop(key, None)

    def object_url(self, key: str) -> str:
        return f"{self._base}/{self.bucket}/{quote(key)}"

    def _sign(self, key: str, expires: str, filename: str) -> str:
        return hmac.new(self._secret, f"{key}\n{expires}\n{filename}".encode(), hashlib.sha256).hexdigest()

    def http_transport(self) -> httpx.MockTransport:
        """An httpx transport answering GETs of object URLs like S3 would (403 without a valid signature)."""
        return httpx.MockTransport(self._serve)

    def _serve(self, request: httpx.Request) -> httpx.Response:
        key = request.url.path.removeprefix(f"/{self.bucket}/")
        query = {k: v[0] for k, v in parse_qs(request.url.query.decode(), keep_blank_values=True).items()}
        expected = self._sign(key, query.get("expires", ""), query.get("filename", ""))
        if not hmac.compare_digest(query.get("signature", ""), expected):
            return httpx.Response(403, text="AccessDenied")
        if int(query["expires"]) < self._clock():
            return httpx.Response(403, text="Request has expired")
        if key not in self.objects:
            return httpx.Response(404, text="NoSuchKey")
        data, content_type = self.objects[key]
        headers = {"content-type": content_type}
        if query["filename"]:
            headers["content-disposition"] = content_disposition(query["filename"])
        return httpx.Response(200, content=data, headers=headers)
