"""Runs the trytond server (same options as the `trytond` command) so that it serves a dossier
database cloned from the template after it started. Two fixes of trytond 8.2 make that work:

1. The root cause of `Fault 255: "'res.user'"` on the first login to a database the server was not
   started with (`trytond -d db1 db2 ...`): `Pool._pools` is a defaultdict, and `Cache.sync` (run
   when the login's transaction starts) looks the new database up through `Pool()`, which leaves
   an EMPTY pool behind; `Pool.database_list()` then lists the database, so the login skips
   `pool.init()` and finds no `res.user`. Here only initialised pools count as loaded.
2. trytond keeps the list of databases for `[session] timeout` seconds (600 s by default) and
answers 404 on a login to a database missing from that list, so a dossier created by
`createdb -T <template>` could not be reached for ten minutes, or until a restart. The list is
only consulted for a database this process has not loaded yet (the first login to it), so
looking it up afresh each time costs one query per new database and nothing afterwards.
"""
import sys

import trytond.config as config

# the backend is chosen from the configuration when trytond.backend is first imported: load it first
config.update_etc()  # TRYTOND_CONFIG
from trytond.backend.postgresql.database import Database  # noqa: E402
from trytond.pool import Pool  # noqa: E402

_list = Database.list


def _fresh_list(self, hostname=None):
    Database._list_cache.pop(hostname, None)
    Database._list_cache_timestamp.pop(hostname, None)
    return _list(self, hostname=hostname)


Database.list = _fresh_list


def _loaded_databases(cls):
    with cls._lock:
        return [name for name, models in cls._pools.items() if models]


Pool.database_list = classmethod(_loaded_databases)

if __name__ == '__main__':
    from trytond.cli import main

    sys.argv[0] = 'trytond'
    sys.exit(main())
