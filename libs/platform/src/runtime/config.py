"""Settings of a service: read once from the environment (names and defaults as in deploy/local/stack.env)."""
from __future__ import annotations

import os
from functools import cached_property

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Frozen settings shared by every service; a service subclasses it to add its own."""

    model_config = SettingsConfigDict(env_prefix="BF_", frozen=True, extra="ignore")

    service: str = Field(default="unnamed", description="service name, e.g. 'ingest'")
    bind: str = "127.0.0.1"
    http_port: int = 0

    kafka_bootstrap: str = "127.0.0.1:9092"
    kafka_partitions: int = 12

    pg_host: str = "127.0.0.1"
    pg_port: int = 55432
    pg_user: str = "bf"
    pg_password: str = "bf-local-password"
    pg_database: str = ""

    s3_endpoint: str = "127.0.0.1:8333"
    s3_access_key: str = "bf-access-key"
    s3_secret_key: str = "bf-secret-key-local"
    s3_region: str = "us-east-1"
    s3_bucket: str = "bf-documents"
    s3_secure: bool = False

    # identity: tokens are signed by the office service, verified by every service
    jwt_issuer: str = "bookingfactory-office"
    jwt_audience: str = "booking-factory"

    # the HTTP edge (runtime.http): request-body limits per route class (runtime.limits), the proxies whose
    # X-Forwarded-For names the client (runtime.proxies; none by default), the port of a separate /metrics
    # listener (0: /metrics on the HTTP port, except on a public app such as the portal, which has none there),
    # and whether a public app serves its OpenAPI pages
    http_max_body_bytes: int = 1024 * 1024
    http_max_upload_bytes: int = 100 * 1024 * 1024
    trusted_proxies: str = ""
    metrics_port: int = 0
    http_docs: bool = False

    otlp_endpoint: str = ""
    log_level: str = "INFO"

    # consumer reliability; the consumer group defaults to bf-<service> (tests running a
    # second instance beside the stack's set their own)
    consumer_group: str = ""
    retry_attempts: int = 3
    retry_backoff_s: float = 0.2
    # runtime.dispatch.KeyedDispatcher applies that many records at once, one at a time per (topic, dossier), the
    # dossiers in turn (no dossier behind another's backlog). Above 1 also so that a record waiting for its
    # dossier's dossier.changed (runtime.replica.require) leaves a worker free to apply that dossier.changed
    consumer_concurrency: int = 4

    @cached_property
    def database(self) -> str:
        return self.pg_database or f"bf_{self.service.replace('-', '_')}"

    def dsn(self, database: str | None = None) -> str:
        db = database or self.database
        return f"postgresql://{self.pg_user}:{self.pg_password}@{self.pg_host}:{self.pg_port}/{db}"

    @staticmethod
    def service_url(name: str) -> str:
        """Base URL of another service: BF_URL_<NAME>, else 127.0.0.1 on its BF_PORT_<NAME>."""
        key = name.upper().replace("-", "_")
        if os.environ.get(f"BF_URL_{key}"):
            return os.environ[f"BF_URL_{key}"].rstrip("/")
        port = os.environ.get(f"BF_PORT_{key}")
        if not port:
            raise LookupError(f"no address for service {name!r}: set BF_URL_{key} or BF_PORT_{key}")
        return f"http://127.0.0.1:{port}"

    @property
    def jwks_url(self) -> str:
        return f"{self.service_url('office')}/.well-known/jwks.json"

    @property
    def client_id(self) -> str:
        return f"bf-{self.service}"
