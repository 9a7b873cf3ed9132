"""Runs the office service: `python -m office` (signing keys are created before it serves)."""
import asyncio
from datetime import timedelta

from runtime.db import create_pool, ensure_database
from runtime.migrations import migrate_dsn
from runtime.service import main as run

from office.adapters.keyring import ensure_keys
from office.adapters.unit_of_work import PgUnitOfWork
from office.bootstrap import SPEC
from office.config import OfficeSettings
from office.handlers.context import utc_now
from office.handlers.republishing import republish_pending


async def prepare(settings: OfficeSettings) -> None:
    """Create and migrate the database, make sure a current signing key exists (first start, rotation) and publish
    the dossiers a migration asked to publish again (republishing)."""
    await ensure_database(settings.dsn("postgres"), settings.database)
    await migrate_dsn(settings.dsn(), SPEC.migrations)
    pool = await create_pool(settings.dsn(), min_size=1, max_size=1)  # the codecs the repositories read with
    try:
        async with PgUnitOfWork(pool) as uow:
            await ensure_keys(uow.signing_keys, timedelta(days=settings.office_signing_key_rotation_days), utc_now())
        await republish_pending(lambda: PgUnitOfWork(pool))
    finally:
        await pool.close()


def main() -> None:
    asyncio.run(prepare(OfficeSettings(service=SPEC.name)))
    run(SPEC)


if __name__ == "__main__":
    main()
