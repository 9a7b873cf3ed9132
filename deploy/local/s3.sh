#!/usr/bin/env bash
# S3-compatible object store: SeaweedFS, three processes: `weed master`, `weed volume`, and
# `weed filer -s3` (the filer with the S3 gateway).
#   s3.sh start | stop | status | build
# Binary: built from the Go module proxy at the pinned $BF_SEAWEED_VERSION (stack.env) into the
# machine cache ($BF_CACHE/seaweedfs/<version>/weed), once per machine; the Go build cache is kept.
# Access: only the key pair BF_S3_ACCESS_KEY / BF_S3_SECRET_KEY (no anonymous identity).
# State: .stack/seaweedfs/ (data, generated s3.json); logs: .stack/logs/seaweedfs-{master,volume,filer}.log
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODULE=github.com/seaweedfs/seaweedfs
SDIR="$STACK/seaweedfs"
WEED_DIR="$BF_CACHE/seaweedfs/$BF_SEAWEED_VERSION"
WEED="$WEED_DIR/weed"
S3_HOST="$(host_of "$BF_S3_ENDPOINT")"
S3_PORT="$(port_of "$BF_S3_ENDPOINT")"
MASTER_URL="http://$BF_BIND:$BF_SEAWEED_MASTER_PORT"
VOLUME_URL="http://$BF_BIND:$BF_SEAWEED_VOLUME_PORT"
FILER_URL="http://$BF_BIND:$BF_SEAWEED_FILER_PORT"
S3_URL="http://$BF_S3_ENDPOINT"

do_build() {
    local json src tmp start=$SECONDS
    [[ -x $WEED ]] && return 0
    command -v go >/dev/null || die "Go is needed to build SeaweedFS (the machine's Go toolchain)"
    mkdir -p "$BF_CACHE/seaweedfs"
    exec {lockfd}>"$BF_CACHE/seaweedfs/build.lock"
    flock "$lockfd" # another clone may be building the same binary
    [[ -x $WEED ]] && return 0
    info "building SeaweedFS $BF_SEAWEED_VERSION from the Go module proxy (once per machine; the first build takes minutes)"
    json="$(GOTOOLCHAIN=local GOFLAGS=-mod=mod go mod download -json "$MODULE@$BF_SEAWEED_VERSION")" ||
        die "go mod download $MODULE@$BF_SEAWEED_VERSION failed: $json"
    src="$(python3 -c 'import json,sys; print(json.load(sys.stdin)["Dir"])' <<<"$json")"
    [[ -d $src ]] || die "go mod download gave no source folder: $json"
    # The module cache is read-only and the module has replace directives (`go install` refuses):
    # build in a writable copy.
    tmp="$BF_CACHE/seaweedfs/src-$BF_SEAWEED_VERSION"
    rm -rf "$tmp"
    cp -r "$src" "$tmp"
    chmod -R u+w "$tmp"
    mkdir -p "$WEED_DIR"
    if ! (cd "$tmp" && GOTOOLCHAIN=local GOFLAGS=-buildvcs=false go build -ldflags='-s -w' -o "$WEED.tmp" ./weed) \
        >"$BF_CACHE/seaweedfs/build.log" 2>&1; then
        tail -30 "$BF_CACHE/seaweedfs/build.log" >&2
        die "SeaweedFS build failed (log: $BF_CACHE/seaweedfs/build.log)"
    fi
    mv "$WEED.tmp" "$WEED"
    rm -rf "$tmp"
    ok "SeaweedFS built in $((SECONDS - start))s: $("$WEED" version 2>/dev/null | head -1)"
}

write_identities() {
    # Only our key pair; no "anonymous" identity, so unsigned requests are refused.
    mkdir -p "$SDIR/data"
    (umask 077 && python3 - "$SDIR/s3.json" <<'EOF'
import json, os, sys
config = {
    "identities": [
        {
            "name": "bookingfactory",
            "credentials": [
                {"accessKey": os.environ["BF_S3_ACCESS_KEY"], "secretKey": os.environ["BF_S3_SECRET_KEY"]}
            ],
            "actions": ["Admin", "Read", "List", "Tagging", "Write"],
        }
    ]
}
with open(sys.argv[1], "w") as f:
    json.dump(config, f, indent=2)
EOF
    )
}

# Ready when all four parts answer, a volume server has joined the master, and S3 accepts a
# signed request with our key (when the virtualenv is there to sign it). `ready writable` also
# waits until the master assigns file ids: after a restart on existing data it refuses writes for
# a warm-up of ~15 s ("master is warming up"); a fresh store has none.
ready() {
    [[ "$(http_code "$S3_URL/healthz")" == 200 ]] || return 1
    [[ "$(http_code "$VOLUME_URL/status")" == 200 ]] || return 1
    [[ "$(http_code "$FILER_URL/healthz")" == 200 ]] || return 1
    curl -sf --max-time 3 "$MASTER_URL/dir/status" | grep -q '"DataNodes"' || return 1
    # only once the volume server has joined: an assign before would make the master grow volumes
    if [[ ${1:-} == writable ]]; then
        curl -sf --max-time 3 "$MASTER_URL/dir/assign?count=1" | grep -q '"fid"' || return 1
    fi
    if [[ -x $PY ]]; then
        "$PY" - <<'EOF' || return 1
import os
from minio import Minio
client = Minio(os.environ["BF_S3_ENDPOINT"], os.environ["BF_S3_ACCESS_KEY"], os.environ["BF_S3_SECRET_KEY"],
               secure=False, region=os.environ.get("BF_S3_REGION") or None)
client.list_buckets()
EOF
    fi
}

# The three processes, in start order (stopped in reverse: the filer flushes to the volumes, the
# volumes report to the master). One `weed server` would stop its volume server before its filer.
PARTS=(master volume filer)

part_alive() { pid_alive "seaweedfs-$1" "$SDIR/data"; }

start_part() {
    local part="$1" socket_dir="$RUN"
    # unix sockets of filer and S3 (their default is /tmp/seaweedfs-*-<port>.sock)
    ((${#socket_dir} < 80)) || socket_dir="$(mktemp -d /tmp/bf-seaweedfs.XXXXXX)"
    case $part in
        master)
            mkdir -p "$SDIR/data/m$BF_SEAWEED_MASTER_PORT"
            start_bg seaweedfs-master "$LOGS/seaweedfs-master.log" "$WEED" master \
                -ip="$BF_BIND" -ip.bind="$BF_BIND" -port="$BF_SEAWEED_MASTER_PORT" \
                -mdir="$SDIR/data/m$BF_SEAWEED_MASTER_PORT" -volumeSizeLimitMB=64 \
                -electionTimeout=2s -telemetry=false
            ;;
        volume)
            start_bg seaweedfs-volume "$LOGS/seaweedfs-volume.log" "$WEED" volume \
                -ip="$BF_BIND" -ip.bind="$BF_BIND" -port="$BF_SEAWEED_VOLUME_PORT" \
                -master="$BF_BIND:$BF_SEAWEED_MASTER_PORT" -dir="$SDIR/data" -max=0 -preStopSeconds=0
            ;;
        filer)
            start_bg seaweedfs-filer "$LOGS/seaweedfs-filer.log" "$WEED" filer \
                -ip="$BF_BIND" -ip.bind="$BF_BIND" -port="$BF_SEAWEED_FILER_PORT" \
                -master="$BF_BIND:$BF_SEAWEED_MASTER_PORT" -defaultStoreDir="$SDIR/data" \
                -localSocket="$socket_dir/seaweedfs-filer.sock" \
                -s3 -s3.port="$S3_PORT" -s3.ip.bind="$S3_HOST" -s3.config="$SDIR/s3.json" \
                -s3.localSocket="$socket_dir/seaweedfs-s3.sock" -s3.port.iceberg=0 -s3.port.lance=0
            ;;
    esac
}

part_ready() {
    case $1 in
        master) [[ "$(http_code "$MASTER_URL/cluster/status")" == 200 ]] ;;
        volume) [[ "$(http_code "$VOLUME_URL/status")" == 200 ]] ;;
        filer) [[ "$(http_code "$FILER_URL/healthz")" == 200 ]] ;;
    esac
}

do_start() {
    local part pids=()
    if pid_alive seaweedfs "$SDIR/data" >/dev/null; then
        info "replacing the single 'weed server' of an earlier deploy/local by its three processes"
        stop_pid seaweedfs 30
    fi
    for part in "${PARTS[@]}"; do
        if part_alive "$part" >/dev/null; then
            continue
        fi
        [[ ${#pids[@]} -gt 0 ]] || {
            do_build
            write_identities
            info "starting SeaweedFS $("$WEED" version 2>/dev/null | awk '{print $3}' | head -1)"
        }
        case $part in
            master) require_port_free "SeaweedFS master" "$BF_BIND" "$BF_SEAWEED_MASTER_PORT" ;;
            volume) require_port_free "SeaweedFS volume" "$BF_BIND" "$BF_SEAWEED_VOLUME_PORT" ;;
            filer)
                require_port_free "SeaweedFS filer" "$BF_BIND" "$BF_SEAWEED_FILER_PORT"
                require_port_free "SeaweedFS S3" "$S3_HOST" "$S3_PORT"
                ;;
        esac
        start_part "$part"
        pids+=("$part")
        wait_until "SeaweedFS $part" 60 "seaweedfs-$part" "$LOGS/seaweedfs-$part.log" part_ready "$part"
    done
    if ((${#pids[@]} == 0)) && ready >/dev/null 2>&1; then
        ok "SeaweedFS already running, S3 on $BF_S3_ENDPOINT"
        return 0
    fi
    wait_until "SeaweedFS" "${BF_S3_START_TIMEOUT:-90}" - "$LOGS/seaweedfs-filer.log" ready writable
    ok "SeaweedFS ready: S3 on $BF_S3_ENDPOINT (master, volume, filer+S3: pids $(pids_text))"
}

pids_text() {
    local part out=()
    for part in "${PARTS[@]}"; do out+=("$(part_alive "$part" || echo -)"); done
    echo "${out[*]}"
}

do_stop() {
    local i
    for ((i = ${#PARTS[@]} - 1; i >= 0; i--)); do
        stop_pid "seaweedfs-${PARTS[i]}" 30
    done
    [[ ! -f $(pidfile seaweedfs) ]] || stop_pid seaweedfs 30 # the single `weed server` of earlier versions
}

do_status() {
    local part down=()
    for part in "${PARTS[@]}"; do
        part_alive "$part" >/dev/null || down+=("$part")
    done
    if ((${#down[@]} == 0)) && ready >/dev/null 2>&1; then
        echo "up   seaweedfs       S3 http://$BF_S3_ENDPOINT (pids $(pids_text); master :$BF_SEAWEED_MASTER_PORT, volume :$BF_SEAWEED_VOLUME_PORT, filer :$BF_SEAWEED_FILER_PORT)"
    elif ((${#down[@]} == 0)); then
        echo "DOWN seaweedfs       S3 http://$BF_S3_ENDPOINT (processes alive, not answering)"
        return 1
    elif ((${#down[@]} < ${#PARTS[@]})); then
        echo "DOWN seaweedfs       S3 http://$BF_S3_ENDPOINT (not running: ${down[*]})"
        return 1
    else
        echo "DOWN seaweedfs       S3 http://$BF_S3_ENDPOINT"
        return 1
    fi
}

component_main "$@"
