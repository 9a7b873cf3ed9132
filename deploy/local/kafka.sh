#!/usr/bin/env bash
# Apache Kafka (KRaft, single node) from Maven Central jars on Java 17.
#   kafka.sh start | stop | status | fetch
# Jars: resolved by Maven from deploy/local/kafka/pom.xml into the machine cache
# ($BF_CACHE/kafka/<version>-<pom hash>/lib), so a second clone does not download them again.
# State: .stack/kafka/ (data, generated server.properties, cluster id); log: .stack/logs/kafka.log
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

KDIR="$STACK/kafka"
KLOG="$LOGS/kafka.log"
KCONF="$KDIR/server.properties"
BROKER_HOST="$(host_of "$BF_KAFKA_BOOTSTRAP")"
BROKER_PORT="$(port_of "$BF_KAFKA_BOOTSTRAP")"
L4J="-Dlog4j2.configurationFile=$BF_LOCAL/kafka/log4j2.properties"
KAFKA_HEAP="${BF_KAFKA_HEAP:--Xmx1g -Xms256m}"

lib_dir() {
    local pom_hash
    pom_hash="$(sha256sum "$BF_LOCAL/kafka/pom.xml" | cut -c1-12)"
    echo "$BF_CACHE/kafka/$BF_KAFKA_VERSION-$pom_hash/lib"
}

ensure_java() {
    local major
    if ! command -v java >/dev/null; then
        apt_install openjdk-17-jre-headless
    fi
    major="$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    [[ ${major%%.*} -ge 17 ]] || die "Kafka needs Java 17+, found java $major"
}

do_fetch() {
    local lib tmp
    lib="$(lib_dir)"
    if [[ -n "$(compgen -G "$lib/kafka_2.13-*.jar")" ]]; then
        [[ ${1:-} == quiet ]] || ok "Kafka $BF_KAFKA_VERSION jars cached ($lib)"
        return 0
    fi
    ensure_java
    command -v mvn >/dev/null || apt_install maven
    info "fetching Kafka $BF_KAFKA_VERSION jars from Maven Central (once per machine) -> $lib"
    tmp="$(mktemp -d)"
    cp "$BF_LOCAL/kafka/pom.xml" "$tmp/pom.xml"
    if ! (cd "$tmp" && mvn -q -B -Dkafka.version="$BF_KAFKA_VERSION" dependency:copy-dependencies \
        -DincludeScope=runtime -DoutputDirectory="$tmp/lib" >"$tmp/mvn.log" 2>&1); then
        cat "$tmp/mvn.log" >&2
        rm -rf "$tmp"
        die "Maven could not resolve the Kafka jars"
    fi
    mkdir -p "$(dirname "$lib")"
    rm -rf "$lib"
    mv "$tmp/lib" "$lib"
    rm -rf "$tmp"
    ok "Kafka jars cached ($(find "$lib" -name '*.jar' | wc -l) jars)"
}

write_config() {
    mkdir -p "$KDIR/data"
    sed -e "s|@BIND@|$BF_BIND|g" \
        -e "s|@BROKER_PORT@|$BROKER_PORT|g" \
        -e "s|@CONTROLLER_PORT@|$BF_KAFKA_CONTROLLER_PORT|g" \
        -e "s|@DATA_DIR@|$KDIR/data|g" \
        -e "s|@PARTITIONS@|$BF_KAFKA_PARTITIONS|g" \
        "$BF_LOCAL/kafka/server.properties.in" >"$KCONF"
}

ready() { python3 "$BF_LOCAL/kafka_ready.py" "$BF_KAFKA_BOOTSTRAP"; }

do_start() {
    local pid lib cluster_id
    if pid="$(pid_alive kafka "$KCONF")"; then
        if ready >/dev/null 2>&1; then
            ok "Kafka already running on $BF_KAFKA_BOOTSTRAP (pid $pid)"
            return 0
        fi
        info "Kafka (pid $pid) is running but not ready yet: waiting"
    else
        require_port_free Kafka "$BROKER_HOST" "$BROKER_PORT"
        require_port_free "Kafka controller" "$BF_BIND" "$BF_KAFKA_CONTROLLER_PORT"
        ensure_java
        do_fetch quiet
        lib="$(lib_dir)"
        write_config
        if [[ ! -f $KDIR/data/meta.properties ]]; then
            if [[ ! -s $KDIR/cluster.id ]]; then
                # the tool also logs to stdout: the id is its last line
                java -cp "$lib/*" "$L4J" kafka.tools.StorageTool random-uuid | tail -n1 >"$KDIR/cluster.id"
            fi
            cluster_id="$(<"$KDIR/cluster.id")"
            [[ $cluster_id =~ ^[A-Za-z0-9_-]{22}$ ]] || die "bad Kafka cluster id '$cluster_id' in $KDIR/cluster.id"
            info "formatting Kafka storage (cluster id $cluster_id)"
            java -cp "$lib/*" "$L4J" kafka.tools.StorageTool format --standalone --ignore-formatted \
                -t "$cluster_id" -c "$KCONF" >>"$KLOG" 2>&1 || {
                log_tail "$KLOG"
                die "Kafka storage format failed"
            }
        fi
        info "starting Kafka $BF_KAFKA_VERSION ($KAFKA_HEAP)"
        # shellcheck disable=SC2086 # KAFKA_HEAP holds several JVM options
        start_bg kafka "$KLOG" java $KAFKA_HEAP -XX:+UseG1GC -Djava.awt.headless=true "$L4J" \
            -cp "$lib/*" kafka.Kafka "$KCONF"
    fi
    wait_until "Kafka" "${BF_KAFKA_START_TIMEOUT:-120}" kafka "$KLOG" ready
    ok "Kafka ready on $BF_KAFKA_BOOTSTRAP (pid $(pid_alive kafka "$KCONF"))"
}

do_stop() { stop_pid kafka 60; }

do_status() {
    local pid
    if pid="$(pid_alive kafka "$KCONF")" && ready >/dev/null 2>&1; then
        echo "up   kafka           $BF_KAFKA_BOOTSTRAP (pid $pid)"
    elif [[ -n ${pid:-} ]]; then
        echo "DOWN kafka           $BF_KAFKA_BOOTSTRAP (pid $pid alive, broker not answering)"
        return 1
    else
        echo "DOWN kafka           $BF_KAFKA_BOOTSTRAP"
        return 1
    fi
}

component_main "$@"
