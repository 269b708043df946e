"""What the deployment checks need to know about the built executables and the host's packages.

The images under deploy/images and the manifests under deploy/k8s describe executables built
from this repository; these functions read the facts those files must agree with from the
executables themselves (their `--help`, their `ldd` closure, the platform roster printed by
`charter services --env`), never from a second hand-written list.
"""

import os
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IMAGES = ROOT / "deploy" / "images"


def bin_dirs():
    """Build product directories, release (what the images ship) before debug."""
    dirs = []
    if os.environ.get("CHARTER_BIN"):
        dirs.append(Path(os.environ["CHARTER_BIN"]))
    for config in ("release", "debug"):
        dirs.append(ROOT / ".build" / config)
    return [d for d in dirs if d.is_dir()]


def executable(name):
    """The most recently built executable `name` (a stale build elsewhere must not speak for the
    source), or None when it is not built."""
    built = [d / name for d in bin_dirs() if (d / name).is_file() and os.access(d / name, os.X_OK)]
    return max(built, key=lambda p: p.stat().st_mtime) if built else None


def roster():
    """The platform roster as {executable: {"port": int, "address_variable": str|None}}."""
    cli = executable("charter")
    if cli is None:
        raise RuntimeError("the charter CLI is not built (swift build)")
    env = dict(
        line.split("=", 1)
        for line in subprocess.run([cli, "services", "--env"], check=True, capture_output=True, text=True)
        .stdout.splitlines()
        if "=" in line
    )
    table = subprocess.run([cli, "services"], check=True, capture_output=True, text=True).stdout.splitlines()
    services = {}
    for row in table[1:]:
        cells = row.split()
        if len(cells) < 4:
            continue
        exe, port, variable = cells[0], int(cells[2]), cells[3]
        services[exe] = {
            "port": port,
            "address_variable": None if variable == "-" else variable,
            "grpc_service": None if cells[1] == "(HTTP)" else cells[1],
        }
    for exe, entry in services.items():
        prefix = exe.removeprefix("charter-").upper().replace("-", "_")
        entry["port_variable"] = prefix + "_PORT" if prefix + "_PORT" in env else None
    return services


HELP_OPTION = re.compile(r"^\s+(--[a-z0-9-]+)(?: (\S+))?\s+\(([A-Z0-9_]+)(?:, default ([^)]*))?\)", re.M)


def help_options(exe):
    """`--flag` -> (ENV_NAME, default or None), read from the executable's `--help`."""
    path = executable(exe)
    if path is None:
        raise RuntimeError(f"{exe} is not built")
    text = subprocess.run([path, "--help"], capture_output=True, text=True).stdout
    return {m.group(1): (m.group(3), m.group(4)) for m in HELP_OPTION.finditer(text)}


def products():
    """The executables Package.swift builds."""
    return set(re.findall(r'\.executable\(name: "([^"]+)"', (ROOT / "Package.swift").read_text()))


def shipped_executables():
    """The roster's executables this package builds that are deployable units (all but the
    interop test peer); the roster names services before they exist."""
    return sorted(exe for exe in roster() if exe in products() and exe != "charter-interop-server")


# --- images ---------------------------------------------------------------------------------


def dockerfile(exe):
    return IMAGES / exe / "Dockerfile"


def runtime_packages(text):
    """The packages the runtime stage installs: the `apt-get install` after `# runtime-packages:`."""
    _, marker, rest = text.partition("# runtime-packages:")
    if not marker:
        raise ValueError("no '# runtime-packages:' marker")
    command = re.sub(r"\\\n", " ", rest.split("\nCOPY", 1)[0])
    install = re.search(r"apt-get install ([^&]*)", command)
    if not install:
        raise ValueError("no apt-get install after the runtime-packages marker")
    return {word for word in install.group(1).split() if not word.startswith("-")}


def shared_libraries(binary):
    """Every shared library the binary loads (ldd's whole closure), as absolute paths, except the
    Swift toolchain's own: the images link the Swift runtime statically (--static-swift-stdlib)."""
    out = subprocess.run(["ldd", str(binary)], check=True, capture_output=True, text=True).stdout
    libraries = []
    for line in out.splitlines():
        match = re.search(r"(/\S+)", line.split("=>", 1)[-1])
        if not match:
            continue  # linux-vdso
        path = match.group(1)
        real = os.path.realpath(path)
        if "/swift/" in real or real.startswith("/opt/"):
            continue
        libraries.append(path)
    return libraries


def owning_package(path):
    """The Debian package that installed a library file (trying the merged-/usr spellings)."""
    real = os.path.realpath(path)
    candidates = {path, real}
    for p in list(candidates):
        if p.startswith("/usr/lib/"):
            candidates.add(p[len("/usr"):])
        elif p.startswith("/lib"):
            candidates.add("/usr" + p)
    for candidate in candidates:
        result = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
        if result.returncode == 0:
            return result.stdout.split(":", 1)[0].split(",")[0].strip()
    raise LookupError(f"no Debian package owns {path}")


def _dependencies(package):
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Depends}, ${Pre-Depends}", package], capture_output=True, text=True
    )
    if result.returncode != 0:
        return set()
    names = set()
    for clause in result.stdout.split(","):
        for alternative in clause.split("|"):
            name = alternative.strip().split(" ", 1)[0].split(":", 1)[0]
            if name:
                names.add(name)
    return names


def dependency_closure(packages):
    """The packages apt installs along with `packages` (their recursive Depends/Pre-Depends)."""
    seen, queue = set(), list(packages)
    while queue:
        package = queue.pop()
        if package in seen:
            continue
        seen.add(package)
        queue.extend(_dependencies(package) - seen)
    return seen


def missing_runtime_packages(binary, listed):
    """{library: package} for every library of the binary that the listed packages do not bring."""
    covered = dependency_closure(listed)
    missing = {}
    for library in shared_libraries(binary):
        package = owning_package(library)
        if package not in covered:
            missing[library] = package
    return missing
