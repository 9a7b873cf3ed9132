#!/usr/bin/env bash
# The mail sink: where the local stack's outgoing e-mail lands (deploy/local/mailsink.py, aiosmtpd).
#   mailsink.sh start | stop | status | list [N] | show [N]
# SMTP on $BF_BIND:$BF_MAILSINK_PORT (notify sends there: BF_NOTIFY_SMTP_HOST/PORT in stack.env),
# one file per message in .stack/mail/*.eml (sorted by arrival); log: .stack/logs/mailsink.log.
# `make mail` lists the last messages; `mailsink.sh show 1` prints the newest.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SINK="$BF_LOCAL/mailsink.py"
MAIL="$STACK/mail"
LOG="$LOGS/mailsink.log"
ADDR="$BF_BIND:$BF_MAILSINK_PORT"

listening() { port_open "$BF_BIND" "$BF_MAILSINK_PORT"; }

do_start() {
    local pid
    [[ -x $PY ]] || die "no virtualenv: run 'make venv' first"
    if pid="$(pid_alive mailsink "$SINK")"; then
        if listening; then
            ok "mail sink already running on $ADDR (pid $pid, mail in $MAIL)"
            return 0
        fi
        info "mail sink (pid $pid) is running but not listening yet: waiting"
    else
        require_port_free "mail sink" "$BF_BIND" "$BF_MAILSINK_PORT"
        mkdir -p "$MAIL"
        start_bg mailsink "$LOG" env PYTHONUNBUFFERED=1 "$PY" "$SINK" serve \
            --host "$BF_BIND" --port "$BF_MAILSINK_PORT" --dir "$MAIL"
    fi
    wait_until "mail sink ($ADDR)" 30 mailsink "$LOG" listening
    ok "mail sink on $ADDR (pid $(pid_alive mailsink "$SINK")): outgoing mail lands in $MAIL/*.eml"
}

do_stop() { stop_pid mailsink 10; }

do_status() {
    local pid count
    count="$( (find "$MAIL" -maxdepth 1 -name '*.eml' 2>/dev/null || true) | wc -l)"
    if pid="$(pid_alive mailsink "$SINK")" && listening; then
        echo "up   mailsink        smtp://$ADDR (pid $pid, $count messages in $MAIL)"
    elif [[ -n ${pid:-} ]]; then
        echo "DOWN mailsink        smtp://$ADDR (pid $pid alive, not listening)"
        return 1
    else
        echo "DOWN mailsink        smtp://$ADDR"
        return 1
    fi
}

do_list() { "$PY" "$SINK" list "$@" --dir "$MAIL"; }

do_show() { "$PY" "$SINK" show "$@" --dir "$MAIL"; }

component_main "$@"
