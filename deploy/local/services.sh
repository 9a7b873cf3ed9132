#!/usr/bin/env bash
# The platform's Python services.
#   services.sh start | stop | status | list   [SERVICE...]   (default: every service that exists)
# A service exists when services/<svc>/src/<pkg>/__main__.py exists (pkg = svc with - -> _).
# It runs as `.venv/bin/python -m <pkg>` with BF_SERVICE=<svc> and BF_HTTP_PORT=$BF_PORT_<SVC> (and
# BF_METRICS_PORT=$BF_METRICS_PORT_<SVC> when set: /metrics on a port of its own),
# logs to .stack/logs/<svc>.log, and is ready when GET http://127.0.0.1:<port>/healthz is 200.
# `start` leaves a healthy service alone, and restarts one whose code (its src/, libs/*/src or the
# virtualenv) changed since it was started.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

START_TIMEOUT="${BF_SERVICE_START_TIMEOUT:-60}"

pkg_of() { echo "${1//-/_}"; }
port_of_service() {
    local var="BF_PORT_$(pkg_of "$1" | tr '[:lower:]' '[:upper:]')"
    [[ -n ${!var:-} ]] || die "service $1: no port: add $var to deploy/local/stack.env"
    echo "${!var}"
}
marker_of() { echo "$PY -m $(pkg_of "$1")"; }
health_url() { echo "http://$BF_BIND:$(port_of_service "$1")/healthz"; }
healthy() { [[ "$(http_code "$(health_url "$1")")" == 200 ]]; }

list_services() {
    local d svc
    for d in "$BF_ROOT"/services/*/; do
        svc="$(basename "$d")"
        [[ -f $d/src/$(pkg_of "$svc")/__main__.py ]] && echo "$svc"
    done
    return 0
}

selected() {
    if (($#)); then printf '%s\n' "$@"; else list_services; fi
}

# True when a file of the service, the shared libs or the venv is newer than its pid file.
code_changed() {
    local svc="$1"
    [[ -n "$(find "$BF_ROOT/services/$svc/src" "$BF_ROOT/libs/contracts/src" "$BF_ROOT/libs/platform/src" \
        "$VENV/.bf-stamp" -newer "$(pidfile "$svc")" -type f ! -name '*.pyc' -print -quit 2>/dev/null)" ]]
}

metrics_port_of_service() {
    local var="BF_METRICS_PORT_$(pkg_of "$1" | tr '[:lower:]' '[:upper:]')"
    echo "${!var:-0}"
}

start_one() {
    local svc="$1" port pkg metrics
    port="$(port_of_service "$svc")"
    pkg="$(pkg_of "$svc")"
    metrics="$(metrics_port_of_service "$svc")"
    require_port_free "service $svc" "$BF_BIND" "$port"
    [[ $metrics == 0 ]] || require_port_free "metrics of $svc" "$BF_BIND" "$metrics"
    start_bg "$svc" "$LOGS/$svc.log" env BF_SERVICE="$svc" BF_HTTP_PORT="$port" BF_METRICS_PORT="$metrics" PYTHONUNBUFFERED=1 \
        OMP_THREAD_LIMIT="${OMP_THREAD_LIMIT:-1}" "$PY" -m "$pkg"
    info "started $svc (pid $(<"$(pidfile "$svc")"), port $port)"
}

do_start() {
    local svc pid waiting=()
    [[ -x $PY ]] || die "no virtualenv: run 'make venv' first"
    for svc in $(selected "$@"); do
        if pid="$(pid_alive "$svc" "$(marker_of "$svc")")"; then
            if code_changed "$svc"; then
                info "$svc: code changed since it started: restarting"
                stop_pid "$svc" 20 >/dev/null
                start_one "$svc"
            elif healthy "$svc"; then
                ok "$svc already running on port $(port_of_service "$svc") (pid $pid)"
                continue
            fi
        else
            start_one "$svc"
        fi
        waiting+=("$svc")
    done
    for svc in "${waiting[@]}"; do
        wait_until "service $svc ($(health_url "$svc"))" "$START_TIMEOUT" "$svc" "$LOGS/$svc.log" healthy "$svc"
        ok "$svc healthy on $(health_url "$svc")"
    done
}

do_stop() {
    local svc services
    # stop every service with a pid file, including ones whose package was removed meanwhile
    if (($#)); then
        services="$*"
    else
        services="$( (list_services; find "$RUN" -name '*.pid' -printf '%f\n' | sed 's/\.pid$//') |
            grep -vxE 'kafka|seaweedfs(-.*)?|tryton|mailsink' | sort -u)"  # components stop themselves
    fi
    local running=()
    for svc in $services; do
        [[ -f $(pidfile "$svc") ]] && running+=("$svc")
    done
    ((${#running[@]})) || { info "no service was running"; return 0; }
    stop_all 20 "${running[@]}"
    for svc in "${running[@]}"; do rm -f "$STACK/prometheus/targets/$svc.json"; done  # a scaled instance's target
}

do_status() {
    local svc pid rc=0 url any=""
    for svc in $(selected "$@"); do
        any=1
        url="http://$BF_BIND:$(port_of_service "$svc")/"
        if pid="$(pid_alive "$svc" "$(marker_of "$svc")")" && healthy "$svc"; then
            printf 'up   %-15s %s (pid %s)\n' "$svc" "$url" "$pid"
        elif [[ -n ${pid:-} ]]; then
            printf 'DOWN %-15s %s (pid %s alive, /healthz not 200)\n' "$svc" "$url" "$pid"
            rc=1
        else
            printf 'DOWN %-15s %s\n' "$svc" "$url"
            rc=1
        fi
    done
    [[ -n $any ]] || echo "     (no service has a __main__.py yet)"
    return $rc
}

do_list() { list_services; }

component_main "$@"
