#!/usr/bin/env bash
# S3-compatible object store: SeaweedFS (`weed server`: master + volume + filer + S3 gateway).
#   s3.sh start | stop | status | build
# Binary: built from the Go module proxy at the pinned $BF_SEAWEED_VERSION (stack.env) into the
# machine cache ($BF_CACHE/seaweedfs/<version>/weed), once per machine; the Go build cache is kept.
# Access: only the key pair BF_S3_ACCESS_KEY / BF_S3_SECRET_KEY (no anonymous identity).
# State: .stack/seaweedfs/ (data, generated s3.json); log: .stack/logs/seaweedfs.log
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MODULE=github.com/seaweedfs/seaweedfs
SDIR="$STACK/seaweedfs"
SLOG="$LOGS/seaweedfs.log"
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
    if [[ ${1:-} == writable ]]; then
        curl -sf --max-time 3 "$MASTER_URL/dir/assign?count=1" | grep -q '"fid"' || return 1
    fi
    [[ "$(http_code "$S3_URL/healthz")" == 200 ]] || return 1
    [[ "$(http_code "$VOLUME_URL/status")" == 200 ]] || return 1
    [[ "$(http_code "$FILER_URL/healthz")" == 200 ]] || return 1
    curl -sf --max-time 3 "$MASTER_URL/dir/status" | grep -q '"DataNodes"' || return 1
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

do_start() {
    local pid socket_dir
    if pid="$(pid_alive seaweedfs "$SDIR/data")"; then
        if ready >/dev/null 2>&1; then
            ok "SeaweedFS already running, S3 on $BF_S3_ENDPOINT (pid $pid)"
            return 0
        fi
        info "SeaweedFS (pid $pid) is running but not ready yet: waiting"
    else
        require_port_free "SeaweedFS S3" "$S3_HOST" "$S3_PORT"
        require_port_free "SeaweedFS master" "$BF_BIND" "$BF_SEAWEED_MASTER_PORT"
        require_port_free "SeaweedFS volume" "$BF_BIND" "$BF_SEAWEED_VOLUME_PORT"
        require_port_free "SeaweedFS filer" "$BF_BIND" "$BF_SEAWEED_FILER_PORT"
        do_build
        write_identities
        # unix sockets of filer and S3 (their default is /tmp/seaweedfs-*-<port>.sock)
        socket_dir="$RUN"
        ((${#socket_dir} < 80)) || socket_dir="$(mktemp -d /tmp/bf-seaweedfs.XXXXXX)"
        info "starting SeaweedFS $("$WEED" version 2>/dev/null | awk '{print $3}' | head -1)"
        start_bg seaweedfs "$SLOG" "$WEED" server \
            -ip="$BF_BIND" -ip.bind="$BF_BIND" -dir="$SDIR/data" \
            -master.port="$BF_SEAWEED_MASTER_PORT" -master.volumeSizeLimitMB=64 -master.telemetry=false -master.electionTimeout=2s \
            -volume.port="$BF_SEAWEED_VOLUME_PORT" -volume.max=0 -volume.preStopSeconds=1 \
            -filer -filer.port="$BF_SEAWEED_FILER_PORT" -filer.localSocket="$socket_dir/seaweedfs-filer.sock" \
            -s3 -s3.port="$S3_PORT" -s3.ip.bind="$S3_HOST" -s3.config="$SDIR/s3.json" \
            -s3.localSocket="$socket_dir/seaweedfs-s3.sock" -s3.port.iceberg=0 -s3.port.lance=0
    fi
    wait_until "SeaweedFS" "${BF_S3_START_TIMEOUT:-90}" seaweedfs "$SLOG" ready writable
    ok "SeaweedFS ready: S3 on $BF_S3_ENDPOINT (pid $(pid_alive seaweedfs "$SDIR/data"))"
}

do_stop() { stop_pid seaweedfs 30; }

do_status() {
    local pid
    if pid="$(pid_alive seaweedfs "$SDIR/data")" && ready >/dev/null 2>&1; then
        echo "up   seaweedfs       S3 http://$BF_S3_ENDPOINT (pid $pid; master :$BF_SEAWEED_MASTER_PORT, volume :$BF_SEAWEED_VOLUME_PORT, filer :$BF_SEAWEED_FILER_PORT)"
    elif [[ -n ${pid:-} ]]; then
        echo "DOWN seaweedfs       S3 http://$BF_S3_ENDPOINT (pid $pid alive, not answering)"
        return 1
    else
        echo "DOWN seaweedfs       S3 http://$BF_S3_ENDPOINT"
        return 1
    fi
}

component_main "$@"
