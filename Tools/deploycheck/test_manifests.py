"""The Kubernetes manifests (deploy/k8s) are valid for the stated Kubernetes version after
kustomize renders each overlay, and agree with the executables they run: ports, probes,
environment names and peer addresses come from each executable's `--help` and the platform
roster, and the network policies admit exactly the callers the workloads' settings name."""

import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import yaml

import charter_deploy as deploy

KUBERNETES_VERSION = "1.32.0"
K8S = deploy.ROOT / "deploy" / "k8s"
OVERLAYS = sorted(p.name for p in (K8S / "overlays").iterdir() if (p / "kustomization.yaml").exists())
INTERNAL_CLIENT = {"charter.org.uk/internal-client": "true"}


def render(overlay):
    """The overlay rendered by kustomize (kubectl's built-in, or a standalone kustomize)."""
    if shutil.which("kubectl"):
        command = ["kubectl", "kustomize", str(K8S / "overlays" / overlay)]
    elif shutil.which("kustomize"):
        command = ["kustomize", "build", str(K8S / "overlays" / overlay)]
    else:
        raise RuntimeError("neither kubectl nor kustomize is installed (Tools/bootstrap.sh installs kubectl)")
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def documents(overlay):
    return [d for d in yaml.safe_load_all(render(overlay)) if d]


class Workload:
    """One Charter container as a rendered overlay runs it."""

    def __init__(self, document, config):
        self.kind = document["kind"]
        self.document = document
        self.pod = document["spec"]["template"]
        (self.container,) = self.pod["spec"]["containers"]
        self.exe = self.container["image"].rsplit("/", 1)[-1].split(":", 1)[0]
        self.name = document["metadata"]["name"]
        self.env = {}
        for entry in self.container.get("env", []):
            if "value" in entry:
                self.env[entry["name"]] = entry["value"]
            elif "configMapKeyRef" in entry.get("valueFrom", {}):
                ref = entry["valueFrom"]["configMapKeyRef"]
                self.env[entry["name"]] = config[ref["name"]][ref["key"]]
            else:
                self.env[entry["name"]] = None  # from a Secret
        self.ports = {p["name"]: p["containerPort"] for p in self.container["ports"]}
        self.labels = self.pod["metadata"]["labels"]


def workloads(docs):
    config = {d["metadata"]["name"]: d.get("data", {}) for d in docs if d["kind"] == "ConfigMap"}
    return [Workload(d, config) for d in docs if d["kind"] in ("StatefulSet", "Deployment")]


def peer_names(workload, roster):
    """The roster names of the services this workload is configured to call."""
    by_variable = {entry["address_variable"]: exe for exe, entry in roster.items() if entry["address_variable"]}
    return {by_variable[name] for name in workload.env if name in by_variable}


class Manifests(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.roster = deploy.roster()
        cls.rendered = {overlay: documents(overlay) for overlay in OVERLAYS}

    def test_both_overlays_exist(self):
        self.assertEqual(OVERLAYS, ["local", "production"])

    def test_every_rendered_overlay_is_valid_for_the_stated_kubernetes_version(self):
        for overlay in OVERLAYS:
            with self.subTest(overlay=overlay), tempfile.NamedTemporaryFile("w", suffix=".yaml") as f:
                f.write(render(overlay))
                f.flush()
                result = subprocess.run(
                    ["kubernetes-validate", "--strict", "-k", KUBERNETES_VERSION, "--quiet", f.name],
                    capture_output=True,
                    text=True,
                )
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_every_deployable_executable_runs_exactly_once(self):
        for overlay, docs in self.rendered.items():
            with self.subTest(overlay=overlay):
                self.assertEqual(sorted(w.exe for w in workloads(docs)), deploy.shipped_executables())

    def test_ports_env_and_probes_match_each_executables_help_and_the_roster(self):
        for overlay, docs in self.rendered.items():
            services = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Service"}
            for w in workloads(docs):
                with self.subTest(overlay=overlay, exe=w.exe):
                    options = deploy.help_options(w.exe)
                    settings = {env for env, _ in options.values()}
                    for name in w.env:
                        self.assertIn(name, settings | {"BOOTSTRAP_ADMIN_PASSWORD"}, f"{w.exe} reads no {name}")
                    port = self.roster[w.exe]["port"]
                    self.assertEqual(int(w.env["PORT"]), port)
                    self.assertEqual(w.env["HOST"], "0.0.0.0")
                    serving = "grpc" if self.roster[w.exe]["grpc_service"] else "http"
                    self.assertEqual(w.ports[serving], port)
                    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
                        spec = w.container[probe]
                        if serving == "grpc":
                            self.assertEqual(spec["grpc"]["port"], port, probe)
                        else:
                            self.assertIn(spec["httpGet"]["port"], (port, serving), probe)
                    # The Service of the same name as the roster entry sends its port there.
                    short = w.exe.removeprefix("charter-")
                    self.assertEqual(w.name, short)
                    service_ports = services[short]["spec"]["ports"]
                    self.assertIn(port, [p["port"] for p in service_ports])
                    # Metrics: the setting, the container port and the scrape annotations agree.
                    annotations = w.pod["metadata"].get("annotations", {})
                    self.assertEqual(annotations.get("prometheus.io/scrape"), "true")
                    self.assertEqual(int(annotations["prometheus.io/port"]), int(w.env["METRICS_PORT"]))
                    self.assertEqual(w.ports["metrics"], int(w.env["METRICS_PORT"]))
                    # Peers: every address is the peer's Service name and roster port.
                    for peer in peer_names(w, self.roster):
                        variable = self.roster[peer]["address_variable"]
                        expected = f"{peer.removeprefix('charter-')}:{self.roster[peer]['port']}"
                        self.assertEqual(w.env[variable], expected, variable)
                    # Every setting without a default that names a file or peer is set.
                    for flag, (env, default) in options.items():
                        if flag.endswith("-addr"):
                            self.assertIn(env, w.env, f"{w.exe} must be told {env}")

    def test_stores_have_one_writer_and_their_own_volume(self):
        for overlay, docs in self.rendered.items():
            for w in workloads(docs):
                with self.subTest(overlay=overlay, exe=w.exe):
                    if not self.roster[w.exe]["grpc_service"]:  # the gateway stores nothing
                        self.assertEqual(w.kind, "Deployment")
                        continue
                    mounts = {m["mountPath"]: m["name"] for m in w.container["volumeMounts"]}
                    self.assertIn(w.env["DATA_DIR"], mounts)
                    volume = mounts[w.env["DATA_DIR"]]
                    if w.kind == "StatefulSet":
                        self.assertEqual(w.document["spec"]["replicas"], 1)
                        claims = [c["metadata"]["name"] for c in w.document["spec"]["volumeClaimTemplates"]]
                        self.assertIn(volume, claims)
                    else:
                        # A read model rebuilt from the feeds: each replica its own scratch volume.
                        self.assertEqual(w.exe, "charter-public-map")
                        (spec,) = [v for v in w.pod["spec"]["volumes"] if v["name"] == volume]
                        self.assertIn("emptyDir", spec)

    def test_pods_run_locked_down_and_outlive_their_drain(self):
        for overlay, docs in self.rendered.items():
            for w in workloads(docs):
                with self.subTest(overlay=overlay, exe=w.exe):
                    pod = w.pod["spec"]
                    self.assertTrue(pod["securityContext"]["runAsNonRoot"])
                    self.assertEqual(pod["securityContext"]["seccompProfile"]["type"], "RuntimeDefault")
                    self.assertGreater(pod["terminationGracePeriodSeconds"], 10)
                    container = w.container["securityContext"]
                    self.assertTrue(container["readOnlyRootFilesystem"])
                    self.assertFalse(container["allowPrivilegeEscalation"])
                    self.assertEqual(container["capabilities"]["drop"], ["ALL"])
                    self.assertIn("memory", w.container["resources"]["limits"])

    def test_network_policies_admit_exactly_the_real_callers(self):
        for overlay, docs in self.rendered.items():
            policies = {d["metadata"]["name"]: d["spec"] for d in docs if d["kind"] == "NetworkPolicy"}
            self.assertEqual(policies["default-deny"], {"podSelector": {}, "policyTypes": ["Ingress", "Egress"]})
            ws = workloads(docs)
            for w in ws:
                with self.subTest(overlay=overlay, exe=w.exe):
                    policy = policies[w.name]
                    self.assertEqual(policy["podSelector"]["matchLabels"], {"app.kubernetes.io/name": w.name})
                    callers = {
                        caller.labels["app.kubernetes.io/name"] for caller in ws if w.exe in peer_names(caller, self.roster)
                    }
                    admitted = set()
                    port = self.roster[w.exe]["port"]
                    for rule in policy.get("ingress", []):
                        self.assertEqual([p["port"] for p in rule["ports"]], [port])
                        for source in rule["from"]:
                            labels = source.get("podSelector", {}).get("matchLabels", {})
                            if labels == INTERNAL_CLIENT or "namespaceSelector" in source:
                                continue
                            admitted.add(labels["app.kubernetes.io/name"])
                    self.assertEqual(admitted, callers)
                    called = set()
                    for rule in policy.get("egress", []):
                        for target in rule["to"]:
                            called.add(target["podSelector"]["matchLabels"]["app.kubernetes.io/name"])
                    self.assertEqual(called, {p.removeprefix("charter-") for p in peer_names(w, self.roster)})


if __name__ == "__main__":
    unittest.main()
