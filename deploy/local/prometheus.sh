#!/usr/bin/env bash
# The metrics store: Prometheus from Debian's package (with promtool), scraping every service's /metrics and itself
# and Alertmanager and PostgreSQL's exporter (pgexporter.sh), and probing the other parts through the blackbox exporter (blackbox.sh), evaluating deploy/observability/rules.yml, sending alerts to Alertmanager (alertmanager.sh).
#   prometheus.sh install | start | stop | status | reload
# Query API and UI on http://$BF_BIND:$BF_PORT_METRICS (/api/v1/query), the dashboard page (generated from
# deploy/observability/dashboards.py) on /consoles/bookingfactory.html. Config, data (kept $BF_METRICS_RETENTION)
# and extra scrape targets (targets/*.json, job bookingfactory: e.g. a test's throwaway process) in .stack/prometheus/;
# log: .stack/logs/prometheus.log. `start` on a running Prometheus reloads it when the config or the rules changed.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DIR="$STACK/prometheus"
CONFIG="$DIR/prometheus.yml"
CONSOLES="$DIR/consoles"
LOG="$LOGS/prometheus.log"
URL="http://$BF_BIND:$BF_PORT_METRICS"
RULES="$BF_ROOT/deploy/observability/rules.yml"
DASHBOARD="$URL/consoles/bookingfactory.html"

ready() { [[ "$(http_code "$URL/-/ready")" == 200 ]]; }

do_install() {
    if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null; then
        info "installing Prometheus (Debian package prometheus, with promtool)"
        apt_install prometheus
        command -v prometheus >/dev/null && command -v promtool >/dev/null \
            || die "prometheus/promtool still missing after apt-get install prometheus"
        disable_system_unit prometheus
    fi
    ok "Prometheus $(prometheus --version 2>&1 | awk 'NR==1 {print $3}') and promtool installed"
}

# The scrape targets: each service's /metrics address (its own metrics port where it has one: the portal's).
service_targets() {
    local svc var port
    for svc in $(bash "$BF_LOCAL/services.sh" list); do
        var="$(echo "${svc//-/_}" | tr '[:lower:]' '[:upper:]')"
        port="BF_METRICS_PORT_$var"
        port="${!port:-}"
        if [[ -z $port || $port == 0 ]]; then port="BF_PORT_$var"; port="${!port}"; fi
        printf '      - {targets: ["%s:%s"], labels: {service: %s}}\n' "$BF_BIND" "$port" "$svc"
    done
}

# The parts probed for a connection (job components): address and name.
component_targets() {
    local name address
    while read -r name address; do
        printf '      - {targets: ["%s"], labels: {component: %s}}\n' "$address" "$name"
    done <<LIST
kafka $BF_KAFKA_BOOTSTRAP
postgres $BF_PG_HOST:$BF_PG_PORT
object-store $BF_S3_ENDPOINT
object-store-master $BF_BIND:$BF_SEAWEED_MASTER_PORT
tryton $BF_BIND:$BF_TRYTON_PORT
mailsink $BF_BIND:$BF_MAILSINK_PORT
LIST
}

write_config() {
    cat <<YAML
# Written by deploy/local/prometheus.sh at every start: edit that script (or stack.env), not this file.
global: {scrape_interval: 15s, evaluation_interval: 15s}
rule_files: ["$RULES"]
alerting:
  alertmanagers: [{static_configs: [{targets: ["$BF_BIND:$BF_PORT_ALERTMANAGER"]}]}]
scrape_configs:
  - job_name: bookingfactory
    honor_labels: true  # a service's own 'service' label wins; the target's names every other series
    static_configs:
$(service_targets)
      - {targets: ["$BF_BIND:$BF_PORT_METRICS"], labels: {service: prometheus}}
      - {targets: ["$BF_BIND:$BF_PORT_ALERTMANAGER"], labels: {service: alertmanager}}
      - {targets: ["$BF_BIND:$BF_PORT_PG_EXPORTER"], labels: {service: postgres}}
      - {targets: ["$BF_BIND:$BF_PORT_BLACKBOX"], labels: {service: blackbox}}  # down: no probe answers (BfServiceDown)
    file_sd_configs: [{files: ["$DIR/targets/*.json"], refresh_interval: 10s}]
  - job_name: components  # the parts without /metrics, probed by the blackbox exporter (blackbox.sh)
    metrics_path: /probe
    params: {module: [tcp_connect]}
    static_configs:
$(component_targets)
    relabel_configs:
      - {source_labels: [__address__], target_label: __param_target}
      - {target_label: __address__, replacement: "$BF_BIND:$BF_PORT_BLACKBOX"}
YAML
}

prepare() {
    mkdir -p "$DIR/data" "$DIR/targets" "$CONSOLES"
    "$PY" "$BF_ROOT/deploy/observability/generate.py" console "$CONSOLES" || die "could not generate the dashboard page"
    write_config >"$CONFIG.new"
    promtool check config "$CONFIG.new" >"$DIR/check.out" 2>&1 || { cat "$DIR/check.out" >&2; die "bad config $CONFIG.new"; }
    if cmp -s "$CONFIG.new" "$CONFIG" && [[ ! $RULES -nt $CONFIG ]]; then rm -f "$CONFIG.new"; return 1; fi
    mv "$CONFIG.new" "$CONFIG"
}

do_start() {
    local pid changed=0
    command -v prometheus >/dev/null || die "Prometheus is not installed: run 'bash deploy/local/prometheus.sh install'"
    [[ -x $PY ]] || die "no virtualenv: run 'make venv' first"
    prepare && changed=1
    if pid="$(pid_alive prometheus "$CONFIG")" && ready; then
        if ((changed)); then do_reload; else ok "Prometheus already running on $URL (pid $pid)"; fi
        return 0
    fi
    if [[ -z ${pid:-} ]]; then
        require_port_free "Prometheus" "$BF_BIND" "$BF_PORT_METRICS"
        start_bg prometheus "$LOG" prometheus --config.file="$CONFIG" --storage.tsdb.path="$DIR/data" \
            --storage.tsdb.retention.time="$BF_METRICS_RETENTION" --web.listen-address="$BF_BIND:$BF_PORT_METRICS" \
            --web.enable-lifecycle --web.console.templates="$CONSOLES" --web.console.libraries="$CONSOLES"
    fi
    wait_until "Prometheus ($URL)" 60 prometheus "$LOG" ready
    ok "Prometheus on $URL (pid $(pid_alive prometheus "$CONFIG"), retention $BF_METRICS_RETENTION); dashboard $DASHBOARD"
}

do_reload() {
    [[ "$(curl -s -o /dev/null -w '%{http_code}' -X POST --max-time 10 "$URL/-/reload")" == 200 ]] \
        || die "Prometheus did not reload $CONFIG (log: $LOG)"
    ok "Prometheus reloaded its config and rules ($URL)"
}

do_stop() { stop_pid prometheus 20; }

do_status() {
    local pid
    if pid="$(pid_alive prometheus "$CONFIG")" && ready; then
        echo "up   prometheus      $URL (pid $pid, dashboard $DASHBOARD)"
    else
        echo "DOWN prometheus      $URL${pid:+ (pid $pid alive, not ready)}"
        return 1
    fi
}

component_main "$@"
