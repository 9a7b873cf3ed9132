# Shared helpers of the local stack. Every deploy/local/*.sh sources this file first.
#
# - finds the repository root from this file's location (works from any clone folder),
# - loads deploy/local/stack.env, letting variables already set in the environment win,
# - defines the state paths (.stack/ by default) and the machine cache (jars, binaries),
# - offers small helpers: step/ok/warn/die, pid files, port checks, waiting, stopping.
# shellcheck shell=bash

set -euo pipefail

BF_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
BF_LOCAL="$BF_ROOT/deploy/local"
cd "$BF_ROOT"

# --- configuration: stack.env, environment overrides win ----------------------------------------
_bf_env_file="$BF_LOCAL/stack.env"
declare -gA _bf_overrides=()
for _k in $(sed -n 's/^[[:space:]]*\(export[[:space:]]\{1,\}\)\{0,1\}\([A-Za-z_][A-Za-z0-9_]*\)=.*/\2/p' "$_bf_env_file"); do
    if [[ -n ${!_k+x} ]]; then _bf_overrides[$_k]="${!_k}"; fi
done
set -a
# shellcheck source=stack.env
. "$_bf_env_file"
set +a
for _k in "${!_bf_overrides[@]}"; do export "$_k=${_bf_overrides[$_k]}"; done
unset _k _bf_env_file
# Settings that follow other ones unless set themselves: notify mails the sink and links to the portal
# (e.g. BF_MAILSINK_PORT=2626 BF_PORT_PORTAL=8200 make up moves notify's SMTP and links along).
[[ -n ${_bf_overrides[BF_NOTIFY_SMTP_PORT]+x} ]] || export BF_NOTIFY_SMTP_PORT="$BF_MAILSINK_PORT"
[[ -n ${_bf_overrides[BF_NOTIFY_PORTAL_URL]+x} ]] || export BF_NOTIFY_PORTAL_URL="http://$BF_BIND:$BF_PORT_PORTAL"

# --- paths ---------------------------------------------------------------------------------------
case "$BF_STACK_DIR" in
    /*) STACK="$BF_STACK_DIR" ;;
    *) STACK="$BF_ROOT/$BF_STACK_DIR" ;;
esac
RUN="$STACK/run"
LOGS="$STACK/logs"
# Machine-wide cache of downloaded jars and built binaries, shared by every clone on this machine.
BF_CACHE="${BF_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/bookingfactory}"
VENV="$BF_ROOT/.venv"
PY="$VENV/bin/python"
export BF_ROOT STACK BF_CACHE

mkdir -p "$RUN" "$LOGS"

# --- output --------------------------------------------------------------------------------------
if [[ -t 1 ]]; then
    _c_bold=$'\e[1m' _c_green=$'\e[32m' _c_yellow=$'\e[33m' _c_red=$'\e[31m' _c_off=$'\e[0m'
else
    _c_bold="" _c_green="" _c_yellow="" _c_red="" _c_off=""
fi
# Steps show the seconds since the top-level command (make up, make down, ...) started.
: "${BF_T0:=$(date +%s)}"
export BF_T0
step() { printf '%s==> %s%s  [%ss]\n' "$_c_bold" "$*" "$_c_off" "$(($(date +%s) - BF_T0))"; }
ok() { printf '    %sok%s %s\n' "$_c_green" "$_c_off" "$*"; }
info() { printf '    %s\n' "$*"; }
warn() { printf '    %swarning:%s %s\n' "$_c_yellow" "$_c_off" "$*" >&2; }
die() { printf '%serror:%s %s\n' "$_c_red" "$_c_off" "$*" >&2; exit 1; }

# Prints the last lines of a log file, indented, to stderr.
log_tail() {
    local file="$1" lines="${2:-40}"
    if [[ -e $file ]]; then
        printf -- '--- last %s lines of %s ---\n' "$lines" "$file" >&2
        tail -n "$lines" "$file" >&2 || true
        printf -- '---\n' >&2
    fi
}

# --- addresses -----------------------------------------------------------------------------------
host_of() { echo "${1%:*}"; }
port_of() { echo "${1##*:}"; }

# True when something accepts TCP connections on host:port.
port_open() {
    local host="$1" port="$2"
    timeout 2 bash -c "exec 3<>/dev/tcp/$host/$port" 2>/dev/null
}

# Who listens on a port (for error messages).
port_owner() {
    ss -Hltnp "( sport = :$1 )" 2>/dev/null | sed -n 's/.*users:((\(.*\))).*/\1/p' | head -1
}

# Fails with a clear message when a port we are about to use is taken by someone else.
require_port_free() {
    local what="$1" host="$2" port="$3"
    if port_open "$host" "$port"; then
        die "$what: port $host:$port is already in use by another process ($(port_owner "$port")).
       Another stack (another clone?) may be running: run 'make down' there, or change the port
       in the environment (see deploy/local/stack.env)."
    fi
}

# HTTP status code of a GET (000 when nothing answers).
http_code() {
    curl -s -o /dev/null -w '%{http_code}' --max-time "${2:-3}" "$1" 2>/dev/null || true
}

# --- processes -----------------------------------------------------------------------------------
pidfile() { echo "$RUN/$1.pid"; }

# Prints the pid of a process we started when it is still alive (and is ours: its command line
# mentions this stack), else nothing. Returns 0 when alive.
pid_alive() {
    local file pid
    file="$(pidfile "$1")"
    [[ -s $file ]] || return 1
    pid="$(<"$file")"
    [[ $pid =~ ^[0-9]+$ ]] || return 1
    [[ -r /proc/$pid/cmdline ]] || return 1
    # A reused pid after a reboot belongs to someone else: check the command line.
    if [[ -n ${2:-} ]]; then
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$2" || return 1
    else
        tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -e "$BF_ROOT" -e "$STACK" || return 1
    fi
    echo "$pid"
}

# Closes every inherited descriptor above 2 (e.g. the `make up` lock, make's jobserver pipes):
# a daemon must not hold them. Call it in the subshell that then starts the daemon.
close_fds() {
    local fd
    for fd in $(ls /proc/$BASHPID/fd); do
        ((fd > 2)) && eval "exec $fd>&-"
    done
    return 0
}

# run_clean COMMAND...: runs COMMAND (which may leave a daemon behind) without our descriptors.
run_clean() { (close_fds && "$@"); }

# start_bg NAME LOGFILE COMMAND...: starts a detached process (own session), records its pid.
start_bg() {
    local name="$1" log="$2"
    shift 2
    : >>"$log"
    printf '\n===== %s: starting %s =====\n' "$(date -Is)" "$name" >>"$log"
    (
        close_fds
        exec setsid "$@" >>"$log" 2>&1 </dev/null
    ) &
    echo $! >"$(pidfile "$name")"
}

# stop_pid NAME [TIMEOUT]: SIGTERM, wait up to TIMEOUT seconds, then SIGKILL. Removes the pid file.
stop_pid() {
    local name="$1" timeout="${2:-30}" pid i
    if pid="$(pid_alive "$name")"; then
        kill -TERM "$pid" 2>/dev/null || true
        for ((i = 0; i < timeout * 10; i++)); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$pid" 2>/dev/null; then
            warn "$name (pid $pid) did not stop within ${timeout}s: SIGKILL"
            kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
            sleep 0.2
        fi
        ok "$name stopped"
    else
        info "$name was not running"
    fi
    rm -f "$(pidfile "$name")"
}

# stop_all TIMEOUT NAME...: like stop_pid for several processes at once (SIGTERM to all, then wait).
stop_all() {
    local timeout="$1" name pid i
    shift
    local -A pids=()
    for name in "$@"; do
        if pid="$(pid_alive "$name")"; then
            pids[$name]=$pid
            kill -TERM "$pid" 2>/dev/null || true
        else
            info "$name was not running"
            rm -f "$(pidfile "$name")"
        fi
    done
    for ((i = 0; i < timeout * 10; i++)); do
        for name in "${!pids[@]}"; do
            if ! kill -0 "${pids[$name]}" 2>/dev/null; then
                ok "$name stopped"
                rm -f "$(pidfile "$name")"
                unset "pids[$name]"
            fi
        done
        ((${#pids[@]})) || return 0
        sleep 0.1
    done
    for name in "${!pids[@]}"; do
        warn "$name (pid ${pids[$name]}) did not stop within ${timeout}s: SIGKILL"
        kill -KILL -- "-${pids[$name]}" 2>/dev/null || kill -KILL "${pids[$name]}" 2>/dev/null || true
        rm -f "$(pidfile "$name")"
    done
}

# wait_until DESCRIPTION TIMEOUT NAME LOGFILE COMMAND...: polls COMMAND every 0.5 s until it
# succeeds. Fails with the log's tail when TIMEOUT passes or when process NAME dies meanwhile
# (NAME may be "-" for no process check).
wait_until() {
    local what="$1" timeout="$2" name="$3" log="$4" start=$SECONDS
    shift 4
    until "$@" >/dev/null 2>&1; do
        if [[ $name != - ]] && ! pid_alive "$name" >/dev/null; then
            log_tail "$log"
            die "$what: the process exited while starting (log: $log)"
        fi
        if ((SECONDS - start >= timeout)); then
            log_tail "$log"
            die "$what: not ready after ${timeout}s (log: $log)"
        fi
        sleep 0.5
    done
}

# --- locking and packages ------------------------------------------------------------------------
# with_lock NAME COMMAND...: runs COMMAND holding an exclusive lock (concurrent make up / test).
with_lock() {
    local name="$1"
    shift
    exec {_bf_lock_fd}>"$RUN/$name.lock"
    if ! flock -n "$_bf_lock_fd"; then
        info "waiting: another '$name' step (make up/down) of this stack is running..."
        flock "$_bf_lock_fd"
    fi
    "$@"
}

_bf_apt_updated=""
# apt_install PACKAGE...: installs Debian packages (apt-get update once per run first).
apt_install() {
    local sudo=""
    if ((EUID != 0)); then
        command -v sudo >/dev/null || die "need root (or sudo) to install: $*"
        sudo="sudo"
    fi
    local out aptlock
    out="$(mktemp)"
    # Two stack steps at once (make up beside make eval) would race for apt's list lock, which
    # `apt-get update` does not wait for: they take turns on a lock of their own.
    mkdir -p "$BF_CACHE"
    exec {aptlock}>"$BF_CACHE/apt.lock"
    flock "$aptlock"
    if [[ -z $_bf_apt_updated ]]; then
        info "apt-get update"
        $sudo apt-get update -qq -o DPkg::Lock::Timeout=300 >"$out" 2>&1 || { cat "$out" >&2; die "apt-get update failed"; }
        _bf_apt_updated=1
    fi
    info "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        -o DPkg::Lock::Timeout=300 "$@" >"$out" 2>&1 ||
        { cat "$out" >&2; die "apt-get install $* failed"; }
    rm -f "$out"
    exec {aptlock}>&-
}

# disable_system_unit UNIT: a Debian package that enabled a system-wide server (Prometheus on :9090, ...) where
# systemd runs: the stack runs its own, on its own ports and state, so that one is stopped and disabled.
disable_system_unit() {
    if [[ -d /run/systemd/system ]] && systemctl is-enabled "$1" >/dev/null 2>&1; then
        warn "disabling the system unit $1 that Debian's package enabled (the stack runs its own)"
        systemctl disable --now "$1" >/dev/null 2>&1 || warn "could not disable $1: stop it yourself"
    fi
}

# Dispatches a component script's subcommand: component_main "$@" with functions do_start,
# do_stop, do_status (and optional extra subcommands).
component_main() {
    local cmd="${1:-status}"
    shift || true
    if declare -F "do_$cmd" >/dev/null; then
        "do_$cmd" "$@"
    else
        die "usage: $(basename "$0") {start|stop|status} (unknown subcommand '$cmd')"
    fi
}
