#!/usr/bin/env bash
# PostgreSQL from Debian's packages: a private cluster for this stack.
#   postgres.sh start | stop | status | install
# Cluster: .stack/postgres/data, TCP only on $BF_PG_HOST:$BF_PG_PORT, password (scram) auth.
# The bootstrap superuser is $BF_PG_USER / $BF_PG_PASSWORD (services and tests create their own
# databases). As root the server runs as the `postgres` OS user; when that user cannot reach
# .stack/ (a parent folder is not traversable, e.g. a clone under /root), the cluster lives in
# /var/lib/bookingfactory/<clone id>/postgres and .stack/postgres is a symlink to it.
# Log: .stack/logs/postgres.log (a symlink to the cluster's log file).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_LINK="$STACK/postgres"

find_pg_bin() {
    local d
    if [[ -n ${BF_PG_BIN:-} ]]; then
        echo "$BF_PG_BIN"
        return
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
        [[ -x $d/initdb && -x $d/pg_ctl ]] && echo "$d" && return
    done
}

ensure_installed() {
    PG_BIN="$(find_pg_bin)"
    if [[ -z $PG_BIN ]]; then
        info "PostgreSQL server not installed: installing postgresql-15"
        apt_install postgresql-15
        PG_BIN="$(find_pg_bin)"
        [[ -n $PG_BIN ]] || die "postgresql-15 installed but no initdb found under /usr/lib/postgresql"
    fi
}

if ((EUID == 0)); then
    PG_OS_USER=postgres
    as_pg() { (cd / && runuser -u postgres -- "$@"); } # from /: our folder may be closed to it
else
    PG_OS_USER="$(id -un)"
    as_pg() { "$@"; }
fi

# Sets PG_BASE (cluster folder), creating it (or the machine fallback) when missing.
resolve_base() {
    local fallback
    fallback="/var/lib/bookingfactory/$(printf '%s' "$STACK" | sha256sum | cut -c1-12)/postgres"
    if [[ -L $PG_LINK ]]; then
        PG_BASE="$(readlink -f "$PG_LINK")"
    elif [[ -d $PG_LINK ]]; then
        PG_BASE="$PG_LINK"
    elif ((EUID != 0)) || as_pg test -x "$STACK" 2>/dev/null; then
        PG_BASE="$PG_LINK"
    else
        # A fresh .stack: anything left at the fallback belongs to an earlier .stack of this clone.
        info "the postgres OS user cannot reach $STACK: cluster in $fallback (.stack/postgres links there)"
        rm -rf "$fallback"
        PG_BASE="$fallback"
        mkdir -p "$PG_BASE"
        ln -sfn "$PG_BASE" "$PG_LINK"
    fi
    mkdir -p "$PG_BASE"
    [[ $PG_OS_USER == "$(id -un)" ]] || chown "$PG_OS_USER:" "$PG_BASE"
    PG_DATA="$PG_BASE/data"
    PG_LOGFILE="$PG_BASE/postgres.log"
    ln -sfn "$PG_LOGFILE" "$LOGS/postgres.log"
}

# Settings written at every start, so stack.env changes (port, address) apply without re-initdb.
write_settings() {
    as_pg tee "$PG_DATA/bf.conf" >/dev/null <<EOF
# Written by deploy/local/postgres.sh at every start (from deploy/local/stack.env): do not edit.
listen_addresses = '$BF_PG_HOST'
port = $BF_PG_PORT
unix_socket_directories = ''
max_connections = 300
shared_buffers = 128MB
max_wal_size = 256MB
password_encryption = scram-sha-256
log_line_prefix = '%m [%p] %q%u@%d '
log_timezone = 'UTC'
timezone = 'UTC'
EOF
}

init_cluster() {
    local pwfile
    info "initdb $PG_DATA (superuser $BF_PG_USER)"
    pwfile="$(mktemp)"
    printf '%s\n' "$BF_PG_PASSWORD" >"$pwfile"
    [[ $PG_OS_USER == "$(id -un)" ]] || chown "$PG_OS_USER:" "$pwfile"
    if ! as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U "$BF_PG_USER" --pwfile="$pwfile" \
        -A scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-instructions >"$PG_BASE/initdb.log" 2>&1; then
        rm -f "$pwfile"
        cat "$PG_BASE/initdb.log" >&2
        die "initdb failed"
    fi
    rm -f "$pwfile"
    as_pg tee "$PG_DATA/pg_hba.conf" >/dev/null <<'EOF'
# TCP on loopback only, password (scram) for everyone.
local   all             all                                     scram-sha-256
host    all             all             127.0.0.1/32            scram-sha-256
host    all             all             ::1/128                 scram-sha-256
host    replication     all             127.0.0.1/32            scram-sha-256
EOF
    printf "\ninclude_if_exists = 'bf.conf'\n" | as_pg tee -a "$PG_DATA/postgresql.conf" >/dev/null
}

pg_running() { as_pg "$PG_BIN/pg_ctl" status -D "$PG_DATA" >/dev/null 2>&1; }
pg_ready() { "$PG_BIN/pg_isready" -q -h "$BF_PG_HOST" -p "$BF_PG_PORT" -t 2; }
psql_bf() {
    PGPASSWORD="$BF_PG_PASSWORD" "$PG_BIN/psql" -h "$BF_PG_HOST" -p "$BF_PG_PORT" -U "$BF_PG_USER" \
        -d postgres -v ON_ERROR_STOP=1 -Atq "$@"
}

do_install() {
    ensure_installed
    ok "PostgreSQL server $("$PG_BIN/postgres" --version | awk '{print $3}') ($PG_BIN)"
}

do_start() {
    ensure_installed
    resolve_base
    if [[ -f $PG_DATA/PG_VERSION ]] && pg_running; then
        if pg_ready; then
            ok "PostgreSQL already running on $BF_PG_HOST:$BF_PG_PORT"
            return 0
        fi
    else
        require_port_free PostgreSQL "$BF_PG_HOST" "$BF_PG_PORT"
        [[ -f $PG_DATA/PG_VERSION ]] || init_cluster
        write_settings
        touch "$PG_LOGFILE"
        [[ $PG_OS_USER == "$(id -un)" ]] || chown "$PG_OS_USER:" "$PG_LOGFILE"
        info "starting PostgreSQL $(<"$PG_DATA/PG_VERSION") ($PG_DATA)"
        run_clean as_pg "$PG_BIN/pg_ctl" start -D "$PG_DATA" -l "$PG_LOGFILE" -w -t 60 >/dev/null || {
            log_tail "$PG_LOGFILE"
            die "PostgreSQL did not start"
        }
    fi
    wait_until PostgreSQL 60 - "$PG_LOGFILE" pg_ready
    # The bootstrap superuser: check it logs in over TCP with the password from stack.env.
    local superuser
    superuser="$(psql_bf -c "select rolsuper and rolcanlogin from pg_roles where rolname = current_user" 2>&1)" ||
        die "cannot log in to PostgreSQL as $BF_PG_USER over TCP: $superuser"
    [[ $superuser == t ]] || die "role $BF_PG_USER is not a LOGIN SUPERUSER"
    if [[ "$(psql_bf -c "select 1 from pg_database where datname = '$BF_PG_USER'")" != 1 ]]; then
        psql_bf -c "create database \"$BF_PG_USER\"" # so that `psql -U $BF_PG_USER` has a default db
    fi
    ok "PostgreSQL ready on $BF_PG_HOST:$BF_PG_PORT (superuser $BF_PG_USER)"
}

do_stop() {
    PG_BIN="$(find_pg_bin)"
    if [[ -z $PG_BIN || ! -e $PG_LINK ]]; then
        info "postgres was not running"
        return 0
    fi
    resolve_base
    if [[ -f $PG_DATA/PG_VERSION ]] && pg_running; then
        as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m fast -w -t 60 >/dev/null ||
            as_pg "$PG_BIN/pg_ctl" stop -D "$PG_DATA" -m immediate -w -t 30 >/dev/null ||
            die "PostgreSQL did not stop"
        ok "postgres stopped"
    else
        info "postgres was not running"
    fi
}

do_status() {
    PG_BIN="$(find_pg_bin)"
    if [[ -n $PG_BIN && -e $PG_LINK ]]; then
        resolve_base
        if [[ -f $PG_DATA/PG_VERSION ]] && pg_running && pg_ready; then
            echo "up   postgres        $BF_PG_HOST:$BF_PG_PORT (user $BF_PG_USER, data $PG_DATA)"
            return 0
        fi
    fi
    echo "DOWN postgres        $BF_PG_HOST:$BF_PG_PORT"
    return 1
}

component_main "$@"
