#!/usr/bin/env bash
# `make down`: stops Prometheus and Alertmanager, the services, then the mail sink, Tryton, Kafka, SeaweedFS and PostgreSQL (SIGTERM, wait, SIGKILL
# after a timeout). State in .stack/ is kept; remove .stack/ after `make down` for a clean slate.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

down_all() {
    step "Prometheus, Alertmanager, PostgreSQL and blackbox exporters"
    bash "$BF_LOCAL/prometheus.sh" stop
    bash "$BF_LOCAL/alertmanager.sh" stop
    bash "$BF_LOCAL/pgexporter.sh" stop
    bash "$BF_LOCAL/blackbox.sh" stop
    step "Services"
    bash "$BF_LOCAL/services.sh" stop
    step "Mail sink"
    bash "$BF_LOCAL/mailsink.sh" stop
    step "Tryton"
    bash "$BF_LOCAL/tryton.sh" stop
    step "Kafka"
    bash "$BF_LOCAL/kafka.sh" stop
    step "SeaweedFS"
    bash "$BF_LOCAL/s3.sh" stop
    step "PostgreSQL"
    bash "$BF_LOCAL/postgres.sh" stop
    step "The stack is down (state kept in $STACK)"
}

with_lock stack down_all
