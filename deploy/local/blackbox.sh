#!/usr/bin/env bash
# The stack's parts that have no /metrics of their own, probed for Prometheus: Debian's prometheus-blackbox-exporter
# on http://$BF_BIND:$BF_PORT_BLACKBOX. Prometheus (prometheus.sh, job `components`) asks it every scrape whether
# Kafka, PostgreSQL, the object store (S3 and the SeaweedFS master), Tryton and the mail sink accept a connection:
# `probe_success{component=...}`, and the alert BfComponentDown when one does not.
#   blackbox.sh install | start | stop | status
# Config: .stack/blackbox/blackbox.yml (written at start; its path marks our process). Log: .stack/logs/blackbox.log.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BIN=prometheus-blackbox-exporter
LOG="$LOGS/blackbox.log"
CONFIG="$STACK/blackbox/blackbox.yml"
URL="http://$BF_BIND:$BF_PORT_BLACKBOX"

ready() { [[ "$(http_code "$URL/-/healthy" 10)" == 200 ]]; }

do_install() {
    if ! command -v "$BIN" >/dev/null; then
        info "installing the blackbox exporter (Debian package $BIN)"
        apt_install "$BIN"
        command -v "$BIN" >/dev/null || die "$BIN still missing after apt-get install"
        disable_system_unit "$BIN"
    fi
    ok "blackbox exporter installed ($(command -v "$BIN"))"
}

do_start() {
    local pid
    command -v "$BIN" >/dev/null || die "$BIN is not installed: run 'bash deploy/local/blackbox.sh install'"
    if pid="$(pid_alive blackbox "$CONFIG")" && ready; then
        ok "blackbox exporter already running on $URL (pid $pid)"
        return 0
    fi
    if [[ -z ${pid:-} ]]; then
        require_port_free "blackbox exporter" "$BF_BIND" "$BF_PORT_BLACKBOX"
        mkdir -p "$(dirname "$CONFIG")"
        cat >"$CONFIG" <<YAML
# Written by deploy/local/blackbox.sh at every start.
modules:
  tcp_connect: {prober: tcp, timeout: 5s}
YAML
        start_bg blackbox "$LOG" "$BIN" --config.file="$CONFIG" --web.listen-address="$BF_BIND:$BF_PORT_BLACKBOX"
    fi
    wait_until "blackbox exporter ($URL)" 30 blackbox "$LOG" ready
    ok "blackbox exporter on $URL (pid $(pid_alive blackbox "$CONFIG"))"
}

do_stop() { stop_pid blackbox 10; }

do_status() {
    local pid
    if pid="$(pid_alive blackbox "$CONFIG")" && ready; then
        echo "up   blackbox        $URL (pid $pid)"
    else
        echo "DOWN blackbox        $URL${pid:+ (pid $pid alive, not answering)}"
        return 1
    fi
}

component_main "$@"
