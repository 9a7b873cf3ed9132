"""Tryton on Kubernetes (infra/tryton.yaml): the accounting software sync-connector posts to, installed and
configured as the local stack does it.
"""
from __future__ import annotations

import configparser
import json
import re
from urllib.parse import urlsplit

from k8s_testkit import (ROOT, PLACEHOLDER, stack_env, kustomization, objects, containers, port_number, secret_values,
                         env_of, allowed, pod_labels)


def tryton_modules(script: str) -> list[set[str]]:
    """The modules of every `-u <modules>` line (trytond-admin) of a shell script, or of its TEMPLATE_MODULES."""
    found = re.findall(r"^\s*-u ((?:\w+ ?)+)", script, re.M) + re.findall(r'^TEMPLATE_MODULES="([\w ]+)"', script, re.M)
    return [set(m.split()) for m in found]


def tryton() -> dict:
    """The Tryton Deployment of infra, its container, Service, ConfigMap (trytond.conf) and template Job."""
    deployments = [d for d in objects("Deployment", "infra").values()
                   if any(c["image"] == "bf-tryton" for c in containers(d))]
    assert len(deployments) == 1, "infra/ must run exactly one Tryton Deployment (image bf-tryton)"
    (deployment,) = deployments
    (container,) = deployment["spec"]["template"]["spec"]["containers"]
    pod = deployment["spec"]["template"]["metadata"]["labels"]
    services = [s for s in objects("Service", "infra").values() if s["spec"]["selector"].items() <= pod.items()]
    assert len(services) == 1, "Tryton needs one Service selecting its pod"
    (config_volume,) = [v for v in deployment["spec"]["template"]["spec"]["volumes"] if "configMap" in v]
    conf = configparser.ConfigParser()
    conf.read_string(objects("ConfigMap", "infra")[config_volume["configMap"]["name"]]["data"]["trytond.conf"])
    jobs = [j for j in objects("Job", "infra").values() if any(c["image"] == "bf-tryton" for c in containers(j))]
    assert len(jobs) == 1, "infra/ must have the Job that builds Tryton's template database"
    return {"deployment": deployment, "container": container, "service": services[0], "conf": conf,
            "config_volume": config_volume["name"], "job": jobs[0]}


def test_tryton_runs_serve_py_on_the_port_of_its_config_service_and_probes():
    t = tryton()
    deployment, container, service, conf = t["deployment"], t["container"], t["service"], t["conf"]
    assert deployment["spec"]["replicas"] == 1, "trytond keeps every dossier database loaded per process: one replica"
    assert "/opt/bf-tryton/serve.py" in container["command"], "the fixes of deploy/tryton/serve.py, as locally"
    env = env_of(container)
    mounted = {m["name"]: m["mountPath"] for m in container["volumeMounts"]}
    assert env["TRYTOND_CONFIG"] == f"{mounted[t['config_volume']]}/trytond.conf"
    assert env["TRYTOND_CONFIG"] in container["command"]
    assert env["BF_TRYTON_DB_PATTERN"] == stack_env()["BF_TRYTON_DB_PREFIX"] + "%"
    port = int(conf["web"]["listen"].rsplit(":", 1)[1])
    assert conf["web"]["listen"].startswith("0.0.0.0:"), "trytond must listen beyond the pod's loopback"
    assert [p["containerPort"] for p in container["ports"]] == [port] == [int(stack_env()["BF_TRYTON_PORT"])]
    assert [port_number(container, p["targetPort"]) for p in service["spec"]["ports"]] == [port]
    ready, alive = container["readinessProbe"], container["livenessProbe"]
    probe = ready["exec"]["command"][-1]  # a JSON-RPC call: trytond answers a GET with 405
    assert f"127.0.0.1:{port}/rpc/" in probe and "common.server.version" in probe
    assert port_number(container, alive["tcpSocket"]["port"]) == port
    assert conf["database"]["path"] in mounted.values(), "attachments need a writable volume (read-only root)"
    assert "/tmp" in mounted.values()
    images = {i["name"]: i for i in kustomization("infra").get("images", [])}
    assert "bf-tryton" in images and images["bf-tryton"]["newName"].endswith("/bf-tryton"), \
        "infra/kustomization.yaml must name Tryton's registry image"


def test_tryton_uses_the_postgres_cluster_with_the_roles_secret():
    t = tryton()
    (cluster,) = objects("Cluster", "infra").values()
    config = objects("ConfigMap", "base")["bf-config"]["data"]
    parts = urlsplit(t["conf"]["database"]["uri"])
    assert parts.scheme == "postgresql" and parts.password is None and parts.username is None, \
        "credentials come from PGUSER/PGPASSWORD (the Secret), never from trytond.conf"
    assert (parts.hostname, parts.port) == (f"{cluster['metadata']['name']}-rw", int(config["BF_PG_PORT"]))
    assert t["conf"]["database"]["default_name"] == "postgres", "template1 would block every CREATE DATABASE"
    secret = cluster["spec"]["bootstrap"]["initdb"]["secret"]["name"]
    assert secret_values(objects("Secret", "infra")[secret])["username"] == config["BF_PG_USER"]
    for workload in (t["deployment"], t["job"]):
        for c in containers(workload):
            env, name = env_of(c), workload["metadata"]["name"]
            assert env["PGUSER"] == {"secretKeyRef": {"name": secret, "key": "username"}}, name
            assert env["PGPASSWORD"] == {"secretKeyRef": {"name": secret, "key": "password"}}, name
        assert allowed("egress", pod_labels(workload), {"cnpg.io/cluster": cluster["metadata"]["name"]}, 5432, {}), \
            f"{workload['metadata']['name']} may not reach Postgres"


def test_tryton_template_job_does_what_the_local_stack_does():
    t = tryton()
    (job_container,) = containers(t["job"])
    env = env_of(job_container)
    local = (ROOT / "deploy/local/tryton.sh").read_text()
    script = (ROOT / "deploy/container/tryton-template.sh").read_text()
    assert tryton_modules(script) == tryton_modules(local) != [], "other modules than deploy/local/tryton.sh"
    for step in ("-l fr nl", "--activate-dependencies", "build_template.py", "template template0", "is_template true"):
        assert step in script, step
    containerfile = (ROOT / "deploy/container/Tryton.Containerfile").read_text()
    assert f"deploy/container/tryton-template.sh /usr/local/bin/{job_container['command'][0]}" in containerfile
    assert env["BF_TRYTON_TEMPLATE_DB"] == stack_env()["BF_TRYTON_TEMPLATE_DB"]
    assert env["TRYTOND_CONFIG"] == env_of(t["container"])["TRYTOND_CONFIG"]
    mounts = {m["mountPath"]: m["name"] for m in job_container["volumeMounts"]}
    volumes = {v["name"]: v for v in t["job"]["spec"]["template"]["spec"]["volumes"]}
    passdir, passfile = env["TRYTONPASSFILE"].rsplit("/", 1)
    admin = volumes[mounts[passdir]]["secret"]
    (item,) = admin["items"]
    assert item["path"] == passfile
    sync = containers(objects("Deployment", "base")["sync-connector"])[0]
    assert env_of(sync)["BF_TRYTON_PASSWORD"] == {"secretKeyRef": {"name": admin["secretName"], "key": item["key"]}}, \
        "sync-connector must log in with the admin password the template was built with"
    assert t["job"]["spec"].get("ttlSecondsAfterFinished"), "a finished Job must go, or the next apply cannot run it"


def test_sync_connector_reaches_tryton():
    t = tryton()
    sync = objects("Deployment", "base")["sync-connector"]
    env = env_of(containers(sync)[0])
    port = t["container"]["ports"][0]["containerPort"]
    service = t["service"]
    urls = json.loads(env["BF_TRYTON_INSTALLATIONS"]).values()
    assert urls and all(u in {f"http://{service['metadata']['name']}:{p['port']}" for p in service["spec"]["ports"]
                              if port_number(t["container"], p["targetPort"]) == port} for u in urls)
    for name in ("BF_TRYTON_DB_PREFIX", "BF_TRYTON_TEMPLATE_DB", "BF_TRYTON_USER"):
        assert env[name] == stack_env()[name], name
    assert env_of(t["container"])["BF_TRYTON_DB_PATTERN"] == env["BF_TRYTON_DB_PREFIX"] + "%"
    tryton_pod, sync_pod = pod_labels(t["deployment"]), pod_labels(sync)
    assert allowed("egress", sync_pod, tryton_pod, port, t["container"]), "sync-connector may not leave for Tryton"
    assert allowed("ingress", tryton_pod, sync_pod, port, t["container"]), "Tryton does not admit sync-connector"
    for name, other in objects("Deployment", "base").items():
        if name != "sync-connector":
            assert not allowed("ingress", tryton_pod, pod_labels(other), port, t["container"]), \
                f"{name} may reach Tryton: only sync-connector posts"
    secret = objects("Secret", "infra")[env["BF_TRYTON_PASSWORD"]["secretKeyRef"]["name"]]
    assert secret_values(secret)[env["BF_TRYTON_PASSWORD"]["secretKeyRef"]["key"]].startswith(PLACEHOLDER)


def test_tryton_containerfile_installs_what_the_local_stack_installs():
    text = (ROOT / "deploy/container/Tryton.Containerfile").read_text()
    assert re.search(r"^FROM python:3\.11-slim\s*$", text, re.M) and re.search(r"^USER (?!root|0\b)", text, re.M)
    for needed in ("deploy/tryton/requirements.txt", "deploy/tryton/modules/bf_external_id",
                   "COPY deploy/tryton/ /opt/bf-tryton/", "libpq5", "postgresql-client"):
        assert needed in text, needed
