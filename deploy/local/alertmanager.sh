#!/usr/bin/env bash
# Alertmanager (Debian's package prometheus-alertmanager): receives the alerts of the local Prometheus and mails them
# to $BF_ALERT_MAIL_TO through the mail sink (smtp://$BF_BIND:$BF_MAILSINK_PORT, no login, no TLS): an operator finds
# them in .stack/mail/*.eml (`make mail`). Grouped by alert and service, resolved alerts mailed too.
#   alertmanager.sh install | start | stop | status
# UI and API on http://$BF_BIND:$BF_PORT_ALERTMANAGER; no cluster (single node); config and silences in
# .stack/alertmanager/; log: .stack/logs/alertmanager.log.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="$STACK/alertmanager"
CONFIG="$DIR/alertmanager.yml"
LOG="$LOGS/alertmanager.log"
URL="http://$BF_BIND:$BF_PORT_ALERTMANAGER"

ready() { [[ "$(http_code "$URL/-/ready")" == 200 ]]; }

do_install() {
    if ! command -v prometheus-alertmanager >/dev/null; then
        info "installing Alertmanager (Debian package prometheus-alertmanager)"
        apt_install prometheus-alertmanager
        command -v prometheus-alertmanager >/dev/null || die "prometheus-alertmanager still missing after apt-get install"
        disable_system_unit prometheus-alertmanager
    fi
    ok "Alertmanager $(prometheus-alertmanager --version 2>&1 | awk 'NR==1 {print $3}') installed"
}

write_config() {
    cat <<YAML
# Written by deploy/local/alertmanager.sh at every start: edit that script (or stack.env), not this file.
global:
  smtp_smarthost: "$BF_BIND:$BF_MAILSINK_PORT"
  smtp_from: "alertmanager@bookingfactory.example"
  smtp_require_tls: false
route:
  receiver: operator
  group_by: [alertname, service]
  group_wait: 10s
  group_interval: 1m
  repeat_interval: 4h
receivers:
  - name: operator
    email_configs:
      - to: "$BF_ALERT_MAIL_TO"
        send_resolved: true
YAML
}

do_start() {
    local pid changed=0
    command -v prometheus-alertmanager >/dev/null \
        || die "Alertmanager is not installed: run 'bash deploy/local/alertmanager.sh install'"
    mkdir -p "$DIR/data"
    write_config >"$CONFIG.new"
    cmp -s "$CONFIG.new" "$CONFIG" || changed=1
    mv "$CONFIG.new" "$CONFIG"
    if pid="$(pid_alive alertmanager "$CONFIG")" && ready; then
        if ((changed)); then
            curl -s -o /dev/null -X POST --max-time 10 "$URL/-/reload" || die "Alertmanager did not reload (log: $LOG)"
            ok "Alertmanager reloaded its config ($URL)"
        else
            ok "Alertmanager already running on $URL (pid $pid)"
        fi
        return 0
    fi
    if [[ -z ${pid:-} ]]; then
        require_port_free "Alertmanager" "$BF_BIND" "$BF_PORT_ALERTMANAGER"
        start_bg alertmanager "$LOG" prometheus-alertmanager --config.file="$CONFIG" --storage.path="$DIR/data" \
            --web.listen-address="$BF_BIND:$BF_PORT_ALERTMANAGER" --cluster.listen-address=
    fi
    wait_until "Alertmanager ($URL)" 60 alertmanager "$LOG" ready
    ok "Alertmanager on $URL (pid $(pid_alive alertmanager "$CONFIG")): alerts mailed to $BF_ALERT_MAIL_TO via the mail sink"
}

do_stop() { stop_pid alertmanager 20; }

do_status() {
    local pid
    if pid="$(pid_alive alertmanager "$CONFIG")" && ready; then
        echo "up   alertmanager    $URL (pid $pid, alerts mailed to $BF_ALERT_MAIL_TO via the mail sink)"
    else
        echo "DOWN alertmanager    $URL${pid:+ (pid $pid alive, not ready)}"
        return 1
    fi
}

component_main "$@"
