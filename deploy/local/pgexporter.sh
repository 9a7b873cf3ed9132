#!/usr/bin/env bash
# PostgreSQL's metrics for Prometheus: Debian's prometheus-postgres-exporter (pg_up, connections per database,
# transactions, locks, ...) on http://$BF_BIND:$BF_PORT_PG_EXPORTER/metrics, reading the stack's server as $BF_PG_USER.
#   pgexporter.sh install | start | stop | status
# Log: .stack/logs/pgexporter.log. Prometheus (prometheus.sh) scrapes it as service=postgres.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BIN=prometheus-postgres-exporter
LOG="$LOGS/pgexporter.log"
URL="http://$BF_BIND:$BF_PORT_PG_EXPORTER/metrics"
WEB="$STACK/pgexporter/web.yml"  # an empty web config (no TLS, no login: loopback); its path marks our process

ready() { [[ "$(http_code "$URL" 10)" == 200 ]]; }

do_install() {
    if ! command -v "$BIN" >/dev/null; then
        info "installing the PostgreSQL exporter (Debian package $BIN)"
        apt_install "$BIN"
        command -v "$BIN" >/dev/null || die "$BIN still missing after apt-get install"
        disable_system_unit "$BIN"
    fi
    ok "PostgreSQL exporter installed ($(command -v "$BIN"))"
}

do_start() {
    local pid dsn
    command -v "$BIN" >/dev/null || die "$BIN is not installed: run 'bash deploy/local/pgexporter.sh install'"
    if pid="$(pid_alive pgexporter "$WEB")" && ready; then
        ok "PostgreSQL exporter already running on $URL (pid $pid)"
        return 0
    fi
    if [[ -z ${pid:-} ]]; then
        require_port_free "PostgreSQL exporter" "$BF_BIND" "$BF_PORT_PG_EXPORTER"
        mkdir -p "$(dirname "$WEB")"
        echo "# plain HTTP on loopback (deploy/local/pgexporter.sh)" >"$WEB"
        dsn="postgresql://$BF_PG_USER:$BF_PG_PASSWORD@$BF_PG_HOST:$BF_PG_PORT/postgres?sslmode=disable"
        start_bg pgexporter "$LOG" env DATA_SOURCE_NAME="$dsn" "$BIN" --web.listen-address="$BF_BIND:$BF_PORT_PG_EXPORTER" \
            --web.config.file="$WEB"  # one connection, to postgres: pg_stat_database covers every database
    fi
    wait_until "PostgreSQL exporter ($URL)" 30 pgexporter "$LOG" ready
    ok "PostgreSQL exporter on $URL (pid $(pid_alive pgexporter "$WEB"))"
}

do_stop() { stop_pid pgexporter 10; }

do_status() {
    local pid
    if pid="$(pid_alive pgexporter "$WEB")" && ready; then
        echo "up   pgexporter      $URL (pid $pid)"
    else
        echo "DOWN pgexporter      $URL${pid:+ (pid $pid alive, not answering)}"
        return 1
    fi
}

component_main "$@"
