"""Readiness probe for the local Kafka broker, standard library only.

Sends a Metadata request (v4, no topics) and succeeds when the broker answers with itself in the
broker list and a controller id: then the broker has joined the KRaft quorum and serves requests.
Usage: python3 kafka_ready.py HOST:PORT   (exit 0 = ready, 1 = not ready)
"""
import socket
import struct
import sys


def _string(data: bytes, pos: int) -> tuple[str | None, int]:
    (length,) = struct.unpack_from(">h", data, pos)
    pos += 2
    if length < 0:
        return None, pos
    return data[pos : pos + length].decode(), pos + length


def probe(host: str, port: int, timeout: float = 3.0) -> str:
    client_id = b"bf-ready"
    body = struct.pack(">hhih", 3, 4, 7, len(client_id)) + client_id  # Metadata v4, header v1
    body += struct.pack(">ib", 0, 0)  # topics: empty array, allow_auto_topic_creation=false
    with socket.create_connection((host, port), timeout=timeout) as sock:
        sock.settimeout(timeout)
        sock.sendall(struct.pack(">i", len(body)) + body)
        header = _recv(sock, 4)
        (size,) = struct.unpack(">i", header)
        data = _recv(sock, size)
    correlation_id, _throttle, brokers = struct.unpack_from(">iii", data, 0)
    if correlation_id != 7:
        raise RuntimeError("unexpected correlation id")
    pos = 12
    for _ in range(brokers):
        pos += 4  # node_id
        _host, pos = _string(data, pos)
        pos += 4  # port
        _rack, pos = _string(data, pos)
    cluster_id, pos = _string(data, pos)
    (controller_id,) = struct.unpack_from(">i", data, pos)
    if brokers < 1 or controller_id < 0:
        raise RuntimeError(f"not ready: {brokers} broker(s), controller {controller_id}")
    return cluster_id or "?"


def _recv(sock: socket.socket, n: int) -> bytes:
    buf = b""
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if not chunk:
            raise ConnectionError("connection closed")
        buf += chunk
    return buf


if __name__ == "__main__":
    address = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1:9092"
    host, _, port = address.rpartition(":")
    try:
        print(probe(host, int(port)))
    except Exception as exc:  # noqa: BLE001 - any failure means "not ready"
        print(f"kafka not ready at {address}: {exc}", file=sys.stderr)
        sys.exit(1)
