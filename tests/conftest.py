"""Fixtures for the cross-service tests: real Postgres and Kafka of the local stack."""
import pytest

from runtime.config import Settings
from runtime.testing import temp_database


@pytest.fixture
def settings() -> Settings:
    return Settings(service="skeleton")


@pytest.fixture
async def sender_db(settings):
    async with temp_database(settings) as dsn:
        yield dsn


@pytest.fixture
async def receiver_db(settings):
    async with temp_database(settings) as dsn:
        yield dsn
