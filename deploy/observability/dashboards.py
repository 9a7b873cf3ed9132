"""The operator's dashboard: the one definition of its panels.

deploy/observability/generate.py renders it as a Grafana dashboard (deploy/k8s/observability/grafana-dashboard.yaml)
and as the local page Prometheus serves on `make up` (console template bookingfactory.html). Each query names the
labels its legend shows; values are what Prometheus answers, never markup.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Query:
    """One PromQL expression of a panel and the labels that name its lines."""

    expr: str
    legend: tuple[str, ...] = ()
    prefix: str = ""  # put before the label values, e.g. "p95"


@dataclass(frozen=True)
class Panel:
    """A time-series panel: a title, a unit (Grafana's unit ids: short, s, percentunit) and its queries."""

    title: str
    unit: str
    queries: tuple[Query, ...]
    help: str = ""


def _quantile(q: float) -> Query:
    expr = (f"histogram_quantile({q}, sum by (service, topic, le) "
            f"(rate(bf_handler_latency_seconds_bucket{{outcome=\"ok\"}}[5m])))")
    return Query(expr, ("service", "topic"), f"p{round(q * 100)}")


def _stage_quantile(q: float) -> Query:
    """Upload -> stage (issue 18): reporting observes bf_stage_seconds once per document and stage, by the stage
    event's own time; over an hour, as validation and booking wait for people and are sparse."""
    return Query(f"histogram_quantile({q}, sum by (stage, le) (rate(bf_stage_seconds_bucket[1h])))", ("stage",),
                 f"p{round(q * 100)}")


# The pipeline's stages, as the topics their events are published on: received, recognised, proposed, validated, booked.
STAGES = "document.received|document.recognized|proposal.created|proposal.validated|booking.recorded"
TITLE = "Booking factory: pipeline and services"
UID = "bookingfactory-overview"

PANELS: tuple[Panel, ...] = (
    Panel("Documents per minute per stage", "short", (
        Query(f"sum by (topic) (rate(bf_events_published_total{{topic=~\"{STAGES}\"}}[5m])) * 60", ("topic",)),),
        "Events published per minute: document.received (received), document.recognized (recognised), "
        "proposal.created (proposed), proposal.validated (validated), booking.recorded (booked or refused)."),
    Panel("Stage latency p50 / p95 (since upload)", "s", (_stage_quantile(0.5), _stage_quantile(0.95)),
          "Time from a document's upload to each stage it reached in the last hour: received (sent into processing; "
          "includes the wait in the mailbox), recognised, proposed, validated, booked, by the time of the stage's "
          "event (not when reporting read it); once per document and stage."),
    Panel("Handler time p50 / p95 (handling one message)", "s", (_quantile(0.5), _quantile(0.95)),
          "Time a service takes to handle one consumed event, per topic."),
    Panel("Consumer lag per group and topic", "short", (
        Query("sum by (group, topic) (bf_consumer_lag)", ("group", "topic")),),
        "Messages not yet committed; measured by each service every 30 s."),
    Panel("Outbox backlog", "short", (
        Query("sum by (service) (bf_outbox_backlog)", ("service",)),),
        "Events written but not yet published to Kafka."),
    Panel("Outbox oldest unpublished event age", "s", (
        Query("(time() - bf_outbox_oldest_unpublished_timestamp_seconds)"
              " * (bf_outbox_oldest_unpublished_timestamp_seconds > bool 0)", ("service",)),),
        "0 while nothing waits; above 60 s alerts (BfOutboxStale)."),
    Panel("Dead letters (last hour)", "short", (
        Query("sum by (service, topic) (increase(bf_events_dlq_total[1h]))", ("service", "topic")),),
        "Messages sent to a .dlq topic; replay with make replay-dlq."),
    Panel("Technical errors: failed handling attempts per minute", "short", (
        Query("sum by (service, topic) (rate(bf_handler_latency_seconds_count{outcome=~\"retry|dlq\"}[5m])) * 60",
              ("service", "topic")),
        Query("sum by (service, dependency) (bf_dependency_waiting)", ("service", "dependency"), "waiting on"),),
        "Attempts that failed (retried or dead-lettered), and consumers waiting for an unavailable dependency."),
    Panel("Recognition error ratio", "percentunit", (
        Query("sum(rate(bf_handler_latency_seconds_count{service=\"recognition\", topic=\"document.received\","
              " outcome=~\"retry|dlq\"}[10m])) / sum(rate(bf_handler_latency_seconds_count{service=\"recognition\","
              " topic=\"document.received\", outcome=~\"ok|retry|dlq\"}[10m]))", (), "errors"),),
        "Above 5% alerts (BfRecognitionErrors)."),
    Panel("Sync with the accounting software: failed runs and refused bookings (last hour)", "short", (
        Query("sum by (reason) (increase(bf_sync_runs_total{outcome=\"failed\"}[1h]))", ("reason",), "failed sync"),
        Query("sum by (software) (increase(bf_sync_postings_total{outcome=\"refused\"}[1h]))", ("software",),
              "refused booking"),),
        "A failed sync run or a refused booking leaves its dossier needing support or a collaborator."),
    Panel("Dossiers needing support (sync status)", "short", (
        Query("max by (status) (bf_sync_dossiers{status=~\"needs_support|needs_collaborator\"})", ("status",)),),
        "Active dossiers whose sync status is needs_support (the software cannot be reached, or refused what nobody "
        "at the office can fix) or needs_collaborator, counted in sync-connector's database every 15 s (max: each "
        "instance counts the same); any needs_support for 5 minutes alerts (BfDossierNeedsSupport)."),
    Panel("Mail (last hour)", "short", (
        Query("sum(increase(bf_notify_mails_sent_total[1h]))", (), "sent"),
        Query("sum(increase(bf_notify_mails_failed_total[1h]))", (), "given up"),
        Query("sum(increase(bf_notify_mail_retries_total[1h]))", (), "retried"),),
        "Outgoing mail of notify."),
    Panel("HTTP error rate per service (5xx share of answers)", "percentunit", (
        Query("sum by (service) (rate(bf_http_requests_total{status=~\"5..\"}[5m]))"
              " / sum by (service) (rate(bf_http_requests_total[5m]))", ("service",)),),
        "Answers 500-599 over all answers (probes not counted); above 5% for 5 minutes alerts (BfHttpErrors)."),
    Panel("HTTP client errors per minute (4xx, by service and status)", "short", (
        Query("sum by (service, status) (rate(bf_http_requests_total{status=~\"4..\"}[5m])) * 60",
              ("service", "status")),),
        "Refused requests: a rise of 401/403 can be someone probing; of 422, a client sending bad input."),
    Panel("HTTP latency per service (p50, p95)", "s", (
        Query("histogram_quantile(0.5, sum by (service, le) (rate(bf_http_request_duration_seconds_bucket[5m])))",
              ("service",), "p50"),
        Query("histogram_quantile(0.95, sum by (service, le) (rate(bf_http_request_duration_seconds_bucket[5m])))",
              ("service",), "p95"),),
        "Time from a request's arrival to the end of its answer, all routes of the service."),
    Panel("HTTP 503 answers per minute (dependency unavailable)", "short", (
        Query("sum by (service, dependency) (rate(bf_dependency_unavailable_responses_total[5m])) * 60",
              ("service", "dependency")),),
        "Requests answered 503 + Retry-After while a dependency was away."),
    Panel("PostgreSQL connections", "short", (
        Query("sum(pg_stat_database_numbackends)", (), "in use"),
        Query("max(pg_settings_max_connections)", (), "max_connections"),
        Query("pg_up", (), "server up (1)"),),
        "All databases of the server (pgexporter.sh locally); above 80% of max_connections alerts."),
    Panel("Services up", "short", (
        Query('up{job="bookingfactory"}', ("service",)),),
        "1 when Prometheus reaches the service's (or component's) /metrics; 0 for a minute alerts (BfServiceDown)."),
    Panel("Kafka, PostgreSQL, object store, Tryton, mail: accepting connections", "short", (
        Query('probe_success{job="components"}', ("component",)),),
        "1 when the part accepts a connection (blackbox exporter's probe); 0 for a minute alerts (BfComponentDown)."),
)
