"""Fixtures for tests against the real Postgres and Kafka of the local stack."""
import pytest

from runtime.config import Settings
from runtime.testing import temp_database


@pytest.fixture
def settings() -> Settings:
    return Settings(service="platform-test")


@pytest.fixture
async def dsn(settings):
    async with temp_database(settings) as dsn:
        yield dsn
