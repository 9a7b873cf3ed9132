#!/usr/bin/env bash
# Tryton, the reference accounting software: trytond 8.2 with the Belgian chart, on the stack's PostgreSQL.
#   tryton.sh install | template | start | stop | status
# - install:  its own virtualenv ($BF_CACHE/tryton-venv-8.2, shared by clones; trytond's pins stay out
#             of .venv) from deploy/tryton/requirements.txt + the bf_external_id module.
# - template: the template database $BF_TRYTON_TEMPLATE_DB (modules, company, chart, 6-digit accounts),
#             built once (~2-3 min) and rebuilt only when the modules or deploy/tryton/ change (its
#             fingerprint is the database's comment). A dossier database is `createdb -T` of it (< 1 s).
# - start:    install + template + trytond on $BF_BIND:$BF_TRYTON_PORT (deploy/tryton/serve.py, which
#             serves databases cloned after it started). Log: .stack/logs/tryton.log.
# Admin login: $BF_TRYTON_USER / $BF_TRYTON_PASSWORD in every database.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

TRYTON_SRC="$BF_ROOT/deploy/tryton"
# the modules activated in the template: part of its fingerprint, so a changed list rebuilds it
TEMPLATE_MODULES="account_be account_invoice account_statement_coda account_statement_sepa account_statement_rule account_payment_sepa bf_external_id"
TRYTON_VENV="$BF_CACHE/tryton-venv-8.2"
TPY="$TRYTON_VENV/bin/python"
TRYTON_DIR="$STACK/tryton"
CONF="$TRYTON_DIR/trytond.conf"
PASSFILE="$TRYTON_DIR/admin.pass"
LOG="$LOGS/tryton.log"
URL="http://$BF_BIND:$BF_TRYTON_PORT/"

venv_fingerprint() {
    { cat "$TRYTON_SRC/requirements.txt"; find "$TRYTON_SRC/modules" -type f ! -name '*.pyc' | sort | xargs cat; } |
        sha256sum | cut -c1-16
}

template_fingerprint() {
    { venv_fingerprint; cat "$TRYTON_SRC/build_template.py"; echo "$TEMPLATE_MODULES"; } | sha256sum | cut -c1-16
}

pg_bin() {
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r | head -1)"
    [[ -n $d ]] || die "PostgreSQL client not found (run deploy/local/postgres.sh install)"
    echo "$d"
}

psql_q() {
    PGPASSWORD="$BF_PG_PASSWORD" "$(pg_bin)/psql" -h "$BF_PG_HOST" -p "$BF_PG_PORT" -U "$BF_PG_USER" \
        -d postgres -v ON_ERROR_STOP=1 -Atq -c "$1"
}

do_install() {
    local want stamp="$TRYTON_VENV/.bf-stamp" tmp
    want="$(venv_fingerprint)"
    if [[ -x $TPY && -f $stamp && "$(<"$stamp")" == "$want" ]]; then
        ok "Tryton virtualenv up to date ($TRYTON_VENV)"
        return 0
    fi
    if [[ ! -x $TPY ]]; then
        local py="${BF_PYTHON:-$(command -v python3.11 || true)}"
        [[ -n $py ]] || die "python3.11 not found (set BF_PYTHON)"
        info "creating the Tryton virtualenv $TRYTON_VENV"
        "$py" -m venv "$TRYTON_VENV"
        "$TPY" -m pip install -q --upgrade pip
    fi
    info "pip install trytond 8.2 and modules (deploy/tryton/requirements.txt)"
    "$TPY" -m pip install -q -r "$TRYTON_SRC/requirements.txt" || die "pip install of Tryton failed"
    # built from a copy: pip would leave build/ and *.egg-info in the repository
    tmp="$(mktemp -d)"
    cp -r "$TRYTON_SRC/modules/bf_external_id" "$tmp/"
    "$TPY" -m pip install -q --no-deps --force-reinstall "$tmp/bf_external_id" || die "installing bf_external_id failed"
    rm -rf "$tmp"
    echo "$want" >"$stamp"
    ok "Tryton virtualenv ready ($TRYTON_VENV)"
}

# The configuration file is replaced only when its content changes: its mtime tells a restart is due.
write_config() {
    mkdir -p "$TRYTON_DIR/data"
    cat >"$CONF.new" <<EOF
# Written by deploy/local/tryton.sh at every start (from deploy/local/stack.env): do not edit.
[database]
uri = postgresql://$BF_PG_USER:$BF_PG_PASSWORD@$BF_PG_HOST:$BF_PG_PORT/
# trytond keeps a connection to its maintenance database: not template1, which CREATE DATABASE copies
default_name = postgres
path = $TRYTON_DIR/data
language = nl

[web]
listen = $BF_BIND:$BF_TRYTON_PORT

[session]
authentications = password
EOF
    if cmp -s "$CONF.new" "$CONF"; then rm -f "$CONF.new"; else mv "$CONF.new" "$CONF"; fi
    printf '%s\n' "$BF_TRYTON_PASSWORD" >"$PASSFILE"
    chmod 600 "$CONF" "$PASSFILE"
}

template_comment() {
    psql_q "select coalesce(shobj_description(oid, 'pg_database'), '') from pg_database where datname = '$1'"
}

drop_db() {
    psql_q "update pg_database set datistemplate = false where datname = '$1'"
    psql_q "drop database if exists \"$1\" with (force)"
}

do_template() {
    local tpl="$BF_TRYTON_TEMPLATE_DB" build="${BF_TRYTON_TEMPLATE_DB}_build" want t0=$SECONDS
    write_config
    want="bf-template $(template_fingerprint)"
    if [[ "$(template_comment "$tpl")" == "$want" ]]; then
        ok "Tryton template database $tpl up to date"
        return 0
    fi
    info "building the Tryton template database $tpl (modules, company, Belgian chart; ~2-3 min, once)"
    drop_db "$build"
    psql_q "create database \"$build\" encoding 'UTF8' template template0"
    TRYTONPASSFILE="$PASSFILE" "$TRYTON_VENV/bin/trytond-admin" -c "$CONF" -d "$build" --email admin@example.org \
        -l fr nl --activate-dependencies \
        -u $TEMPLATE_MODULES \
        >>"$TRYTON_DIR/template-build.log" 2>&1 || { log_tail "$TRYTON_DIR/template-build.log"; die "trytond-admin failed"; }
    "$TPY" "$TRYTON_SRC/build_template.py" "$build" "$CONF" >>"$TRYTON_DIR/template-build.log" 2>&1 ||
        { log_tail "$TRYTON_DIR/template-build.log"; die "building the template (company, chart) failed"; }
    drop_db "$tpl"
    psql_q "alter database \"$build\" rename to \"$tpl\""
    psql_q "comment on database \"$tpl\" is '$want'"
    psql_q "update pg_database set datistemplate = true where datname = '$tpl'"
    ok "Tryton template database $tpl built ($((SECONDS - t0))s)"
}

serving() { [[ "$(http_code "$URL")" != 000 ]]; }

code_changed() {
    [[ -n "$(find "$TRYTON_SRC/serve.py" "$TRYTON_VENV/.bf-stamp" "$CONF" -newer "$(pidfile tryton)" -print -quit 2>/dev/null)" ]]
}

do_start() {
    local pid
    do_install
    do_template
    if pid="$(pid_alive tryton "$TRYTON_SRC/serve.py")"; then
        if ! code_changed && serving; then
            ok "Tryton already running on $URL (pid $pid)"
            return 0
        fi
        info "tryton: code or configuration changed since it started: restarting"
        stop_pid tryton 20 >/dev/null
    fi
    require_port_free Tryton "$BF_BIND" "$BF_TRYTON_PORT"
    start_bg tryton "$LOG" env TRYTOND_CONFIG="$CONF" BF_TRYTON_DB_PATTERN="${BF_TRYTON_DB_PREFIX}%" "$TPY" "$TRYTON_SRC/serve.py" -c "$CONF"
    wait_until "Tryton ($URL)" 60 tryton "$LOG" serving
    ok "Tryton 8.2 serving on $URL (template $BF_TRYTON_TEMPLATE_DB, login $BF_TRYTON_USER)"
}

do_stop() {
    stop_pid tryton 20
}

do_status() {
    local pid
    if pid="$(pid_alive tryton "$TRYTON_SRC/serve.py")" && serving; then
        echo "up   tryton          $URL (pid $pid, template $BF_TRYTON_TEMPLATE_DB)"
        return 0
    fi
    echo "DOWN tryton          $URL"
    return 1
}

component_main "$@"
