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
   only consulted for a database this process has not loaded yet (the first login to it), so it
   is looked up afresh each time, among the databases named like $BF_TRYTON_DB_PATTERN only.
3. A login to a database that does not exist waited 30 s for a connection before its 404: it is
   looked up in that list first. Pools of databases dropped since are released then too.
"""
import sys

import trytond.config as config

# the backend is chosen from the configuration when trytond.backend is first imported: load it first
config.update_etc()  # TRYTOND_CONFIG
from trytond.backend.postgresql.database import Database  # noqa: E402
from http import HTTPStatus  # noqa: E402

import trytond.security as security  # noqa: E402
from trytond.pool import Pool  # noqa: E402
from trytond.transaction import Transaction  # noqa: E402
from werkzeug.exceptions import abort  # noqa: E402

import os  # noqa: E402

from psycopg import connect  # noqa: E402

# Only databases named like this are offered (the stack's PostgreSQL also holds every service's and
# test's databases; testing each one made a login to an unknown database take 30 s).
PATTERN = os.environ.get('BF_TRYTON_DB_PATTERN', '%')


def _fresh_list(self, hostname=None):
    connection = self.get_connection()
    try:
        with connection.cursor() as cursor:
            cursor.execute('SELECT datname FROM pg_database WHERE datistemplate = false AND datname LIKE %s '
                'ORDER BY datname', (PATTERN,))
            names = [name for name, in cursor]
    finally:
        connection.rollback()
        self.put_connection(connection)
    found = []
    for name in names:
        try:
            with connect(self._connection_params(name)['conninfo']) as conn:
                if self._test(conn, hostname=hostname):
                    found.append(name)
        except Exception:
            continue
    # databases dropped since (tests, removed dossiers): let their loaded pools go
    for name in Pool.database_list():
        if name not in found and name.startswith(PATTERN.rstrip('%')):
            Pool.stop(name)
    return found


Database.list = _fresh_list


def _login_known(dbname, *args, **kwargs):
    """An unknown database answers 404 at once (the login's transaction waited 30 s for it)."""
    if dbname not in Pool.database_list():
        with Transaction().start(None, 0, readonly=True) as transaction:
            if dbname not in transaction.database.list():
                abort(HTTPStatus.NOT_FOUND)
    return _login(dbname, *args, **kwargs)


_login = security.login
security.login = _login_known


def _loaded_databases(cls):
    with cls._lock:
        return [name for name, models in cls._pools.items() if models]


Pool.database_list = classmethod(_loaded_databases)

if __name__ == '__main__':
    from trytond.cli import main

    sys.argv[0] = 'trytond'
    sys.exit(main())
