"""notify's outgoing mail on Kubernetes: the SMTP relay it may reach, its login, and the portal its links name.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from k8s_testkit import (PLACEHOLDER, stack_env, inline_patches, objects, containers, secret_values, env_of, allowed,
                         pod_labels)


SMTP_TLS = {25: {"none", "starttls"}, 465: {"tls"}, 587: {"starttls"}}  # submission ports and what they speak


def test_notify_sends_mail_through_a_relay_it_may_reach():
    notify = objects("Deployment", "base")["notify"]
    (container,) = containers(notify)
    env = env_of(container)
    port = int(env["BF_NOTIFY_SMTP_PORT"])
    assert env["BF_NOTIFY_SMTP_HOST"] and "@" in env["BF_NOTIFY_MAIL_FROM"]
    assert env["BF_NOTIFY_SMTP_TLS"] in SMTP_TLS.get(port, ()), f"port {port} does not speak {env['BF_NOTIFY_SMTP_TLS']}"
    notify_pod = pod_labels(notify)
    assert allowed("egress", notify_pod, {}, port, container), f"notify may not leave for its relay on {port}"
    for name, other in objects("Deployment", "base").items():
        if name != "notify":
            assert not any(allowed("egress", pod_labels(other), {}, p, container) for p in SMTP_TLS), \
                f"{name} may send mail: only notify does"
    local = stack_env()  # the same settings exist in the local stack, where they point at the mail sink
    assert {n for n in env if n.startswith("BF_NOTIFY_")} - local.keys() <= \
        {"BF_NOTIFY_SMTP_USERNAME", "BF_NOTIFY_SMTP_PASSWORD"}
    assert (local["BF_NOTIFY_SMTP_HOST"], local["BF_NOTIFY_SMTP_PORT"]) == ("127.0.0.1", local["BF_MAILSINK_PORT"])


def test_notify_links_point_at_the_public_portal():
    url = urlsplit(env_of(containers(objects("Deployment", "base")["notify"])[0])["BF_NOTIFY_PORTAL_URL"])
    ingress = objects("Ingress", "base")["portal"]["spec"]
    assert url.scheme == "https" and url.path in ("", "/")
    assert url.hostname in {rule["host"] for rule in ingress["rules"]}
    assert url.hostname in {h for tls in ingress["tls"] for h in tls["hosts"]}, "links to a host without TLS"


def test_notify_smtp_login_comes_from_a_template_secret_production_leaves_out():
    env = env_of(containers(objects("Deployment", "base")["notify"])[0])
    secrets = objects("Secret", "base")
    refs = [env[n]["secretKeyRef"] for n in ("BF_NOTIFY_SMTP_USERNAME", "BF_NOTIFY_SMTP_PASSWORD")]
    for ref in refs:
        value = secret_values(secrets[ref["name"]])[ref["key"]]
        assert value.startswith(PLACEHOLDER), f"Secret {ref['name']}/{ref['key']} holds a real value"
    deleted = {patch["metadata"]["name"] for folder, patch in inline_patches() if folder == "overlays/production"
               and isinstance(patch, dict) and patch.get("$patch") == "delete" and patch["kind"] == "Secret"}
    assert set(secrets) <= deleted, f"production would apply placeholder Secrets: {set(secrets) - deleted}"
