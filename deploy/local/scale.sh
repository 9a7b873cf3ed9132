#!/usr/bin/env bash
# Run N instances of a consumer service on the local stack:  scale.sh SERVICE N   (make scale SERVICE=recognition N=2)
# The first instance is the one services.sh starts (port BF_PORT_<SVC>); instances 2..N run as <svc>-2 .. <svc>-N,
# same code, database and consumer group (bf-<svc>: Kafka shares the partitions between them), on HTTP port
# BF_PORT_<SVC> + 100*(k-1) and without a /metrics listener of their own (their /metrics on that port, when the service
# serves it there, is a Prometheus target of its own: .stack/prometheus/targets/<svc>-<k>.json). Instances above N are stopped;
# N=1 leaves only the first. `make down` stops them all (services.sh stops every service pid file).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

svc="${1:?usage: scale.sh SERVICE N}"
n="${2:?usage: scale.sh SERVICE N}"
[[ $n =~ ^[1-9][0-9]*$ ]] || die "N must be a positive number, not '$n'"
pkg="${svc//-/_}"
[[ -f $BF_ROOT/services/$svc/src/$pkg/__main__.py ]] || die "no service '$svc'"
var="BF_PORT_$(tr '[:lower:]' '[:upper:]' <<<"$pkg")"
base="${!var:?no $var in stack.env}"
timeout="${BF_SERVICE_START_TIMEOUT:-60}"
TARGETS="$STACK/prometheus/targets"  # Prometheus's file_sd directory (prometheus.sh): read every 10 s

# An instance whose /metrics is on its HTTP port becomes a scrape target of its own (its series differ by instance).
scrape_target() {
    [[ "$(http_code "http://$BF_BIND:$2/metrics" 10)" == 200 ]] || return 0
    mkdir -p "$TARGETS"
    printf '[{"targets": ["%s:%s"], "labels": {"service": "%s"}}]\n' "$BF_BIND" "$2" "$svc" >"$TARGETS/$1.json"
}

bash "$BF_LOCAL/services.sh" start "$svc" >/dev/null
for ((k = 2; k <= n; k++)); do
    name="$svc-$k" port=$((base + 100 * (k - 1)))
    if pid_alive "$name" "-m $pkg" >/dev/null; then
        ok "$name already running on port $port"
        continue
    fi
    require_port_free "$name" "$BF_BIND" "$port"
    start_bg "$name" "$LOGS/$name.log" env BF_SERVICE="$svc" BF_HTTP_PORT="$port" BF_METRICS_PORT=0 \
        PYTHONUNBUFFERED=1 OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}" "$PY" -m "$pkg"
    wait_until "$name (http://$BF_BIND:$port/healthz)" "$timeout" "$name" "$LOGS/$name.log" \
        bash -c "[[ \$(curl -s -o /dev/null -w '%{http_code}' http://$BF_BIND:$port/healthz) == 200 ]]"
    ok "$name healthy on port $port (log: $LOGS/$name.log)"
    scrape_target "$name" "$port"
done
for file in "$RUN/$svc"-*.pid; do
    [[ -e $file ]] || continue
    name="$(basename "$file" .pid)" k="${name##*-}"
    if [[ $k =~ ^[0-9]+$ ]] && ((k > n)); then
        stop_pid "$name" 20 >/dev/null
        rm -f "$TARGETS/$name.json"
        ok "stopped $name"
    fi
done
info "$svc: $n instance(s) in consumer group bf-$svc"
