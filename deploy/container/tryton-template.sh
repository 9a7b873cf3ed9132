#!/usr/bin/env bash
# Builds the Tryton template database every dossier database is cloned from, in the image of
# Tryton.Containerfile (the Job bf-tryton-template of deploy/k8s/infra/tryton.yaml). The steps of
# `deploy/local/tryton.sh template`: idempotent, rebuilt only when the image's deploy/tryton/ changed
# (its fingerprint is the database's comment); built under another name and renamed at the end, so a
# failed build never leaves a half template behind.
#
# Environment: TRYTOND_CONFIG (its [database] uri names the server), PGUSER/PGPASSWORD (libpq),
# TRYTONPASSFILE (the admin password every dossier database inherits), BF_TRYTON_TEMPLATE_DB.
# Unlike the local stack's role, the cluster's role `bf` is no superuser: `ALTER DATABASE ...
# IS_TEMPLATE` (allowed to the owner) instead of updating pg_database.
set -euo pipefail

SRC="${BF_TRYTON_SRC:-/opt/bf-tryton}"   # deploy/tryton/ as copied into the image
CONF="${TRYTOND_CONFIG:?TRYTOND_CONFIG must name trytond.conf}"
TPL="${BF_TRYTON_TEMPLATE_DB:-tryton_template}"
BUILD="${TPL}_build"
PG_URI="$(sed -n 's/^uri[[:space:]]*=[[:space:]]*//p' "$CONF" | head -1)"
[[ -n $PG_URI ]] || { echo "error: no [database] uri in $CONF" >&2; exit 1; }

psql_q() {
    psql -d "${PG_URI%/}/postgres" -v ON_ERROR_STOP=1 -Atq -c "$1"
}

# the same inputs as deploy/local/tryton.sh (LC_ALL=C: the same order on every machine)
venv_fingerprint() {
    { cat "$SRC/requirements.txt"; find "$SRC/modules" -type f ! -name '*.pyc' | LC_ALL=C sort | xargs cat; } |
        sha256sum | cut -c1-16
}

template_fingerprint() {
    { venv_fingerprint; cat "$SRC/build_template.py"; } | sha256sum | cut -c1-16
}

exists() {
    [[ "$(psql_q "select count(*) from pg_database where datname = '$1'")" == 1 ]]
}

drop_db() {
    if exists "$1"; then
        psql_q "alter database \"$1\" is_template false"
        psql_q "drop database \"$1\" with (force)"
    fi
}

until psql_q "select 1" >/dev/null; do
    echo "waiting for PostgreSQL (${PG_URI})"
    sleep 5
done

want="bf-template $(template_fingerprint)"
have="$(psql_q "select coalesce(shobj_description(oid, 'pg_database'), '') from pg_database where datname = '$TPL'")"
if [[ $have == "$want" ]]; then
    echo "Tryton template database $TPL up to date ($want)"
    exit 0
fi

t0=$SECONDS
echo "building the Tryton template database $TPL (modules, company, Belgian chart; ~2-3 min)"
drop_db "$BUILD"
psql_q "create database \"$BUILD\" encoding 'UTF8' template template0"
trytond-admin -c "$CONF" -d "$BUILD" --email admin@example.org \
    -l fr nl --activate-dependencies \
    -u account_be account_invoice account_statement_coda account_statement_sepa account_statement_rule account_payment_sepa bf_external_id
python "$SRC/build_template.py" "$BUILD" "$CONF"
drop_db "$TPL"
psql_q "alter database \"$BUILD\" rename to \"$TPL\""
psql_q "comment on database \"$TPL\" is '$want'"
psql_q "alter database \"$TPL\" is_template true"
echo "Tryton template database $TPL built ($((SECONDS - t0))s, $want)"
