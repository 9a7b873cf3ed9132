"""Which peers may name the client in X-Forwarded-For: the configured proxies only (none by default).

uvicorn believes X-Forwarded-For from 127.0.0.1 unless told otherwise, so on one machine anybody could pick the
address a login back-off is keyed on. ``BF_TRUSTED_PROXIES`` (addresses or networks, comma-separated; set it on
Kubernetes to the ingress controller's pod network) is the one list the HTTP server trusts.
"""
from __future__ import annotations

import ipaddress
from typing import Any

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class TrustedProxies:
    """A set of addresses and networks, e.g. ``"127.0.0.1, 10.0.0.0/8"``; ``contains`` tells a peer apart."""

    def __init__(self, spec: str) -> None:
        self.spec = ",".join(part.strip() for part in spec.split(",") if part.strip())
        self.networks: list[Network] = [ipaddress.ip_network(part, strict=False) for part in self.spec.split(",")
                                        if part]

    def __bool__(self) -> bool:
        return bool(self.networks)

    def contains(self, host: str | None) -> bool:
        try:
            address = ipaddress.ip_address(host or "")
        except ValueError:
            return False
        return any(address in network for network in self.networks)


def server_options(settings: Any) -> dict[str, Any]:
    """uvicorn.Config options: forwarded headers believed from the trusted proxies only, never by default."""
    trusted = TrustedProxies(getattr(settings, "trusted_proxies", "") or "")
    if not trusted:
        return {"proxy_headers": False}
    return {"proxy_headers": True, "forwarded_allow_ips": trusted.spec}
