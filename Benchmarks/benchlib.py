"""Measuring helpers shared by the benchmark scripts (plan.sh, emulator.sh): whole processes run
under GNU time for peak RSS, workflow steps that must exit as expected, commands measured in
rounds back to back, and the formatting of figures. The scripts run their Python with
PYTHONPATH=Benchmarks and set `TIME_DIR` to Benchmarks/out/ before the first run."""
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

MIB = 1024 * 1024

# Where GNU time writes its figure (one temporary file per run); the scripts set Benchmarks/out/.
TIME_DIR = None


class StepFailed(Exception):
    pass


def log(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def base_environment():
    """The caller's environment without the variables that would point vccctl away from the
    workspace's .vccctl/ (state, embedded org, connection file), and without colour."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("VCCCTL_STATE", "VCCCTL_LOCAL_ORG", "VCCCTL_CONNECTION")}
    env["NO_COLOR"] = "1"
    return env


def run(argv, cwd, env, rss=False, stdout=subprocess.PIPE):
    """Runs argv once. Returns (wall s, exit status, stdout, stderr, peak KiB or None)."""
    timefile = None
    if rss:
        fd, timefile = tempfile.mkstemp(dir=TIME_DIR, prefix=".time-")
        os.close(fd)
        argv = ["/usr/bin/time", "-f", "%M", "-o", timefile] + argv
    start = time.perf_counter()
    proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=stdout,
                          stderr=subprocess.PIPE, cwd=cwd, env=env)
    wall = time.perf_counter() - start
    peak = None
    if timefile is not None:
        with open(timefile) as f:
            lines = f.read().split()
        os.unlink(timefile)
        # On a non-zero exit GNU time writes "Command exited with non-zero status N" first.
        peak = int(lines[-1]) if lines and lines[-1].isdigit() else None
    text = lambda b: b.decode(errors="replace") if isinstance(b, bytes) else ""
    return wall, proc.returncode, text(proc.stdout), text(proc.stderr), peak


def tail(stdout, stderr, n=12):
    return "\n".join((stderr.strip() + "\n" + stdout.strip()).strip().splitlines()[-n:])


def fmt(value, spec):
    return "—" if value is None else format(value, spec)


def step(what, argv, cwd, env, ok=(0,)):
    """One workflow step under GNU time; returns (wall s, peak MiB, status, stdout)."""
    log(f"  {what}: {' '.join(os.path.basename(a) if i == 0 else a for i, a in enumerate(argv))}")
    wall, status, stdout, stderr, peak = run(argv, cwd, env, rss=True)
    peak_mib = peak / 1024 if peak is not None else None
    log(f"  {what}: {wall:.2f} s, exit {status}, peak {fmt(peak_mib, '.1f')} MB")
    if status not in ok:
        raise StepFailed(f"{what} exited {status} (expected {' or '.join(map(str, ok))}):\n"
                         f"{tail(stdout, stderr)}")
    return wall, peak_mib, status, stdout


def measure(commands, rounds):
    """Each command once under GNU time (peak RSS; also warms the page cache), then `rounds`
    rounds that run them back to back, so that all see the same machine: this VM's speed drifts
    by tens of percent over a minute. `commands` are (name, argv, cwd, env, stdout mode).
    Returns per command {walls, peak_mib, stderrs}."""
    results = []
    for name, argv, cwd, env, stdout in commands:
        _, status, so, se, peak = run(argv, cwd, env, rss=True, stdout=stdout)
        if status != 0:
            raise StepFailed(f"{name} exited {status}:\n{tail(so, se)}")
        results.append({"name": name, "argv": argv, "cwd": cwd, "env": env, "stdout_mode": stdout,
                        "walls": [], "stderrs": [], "stdout": so,
                        "peak_mib": peak / 1024 if peak is not None else None})
    for i in range(rounds):
        for r in results:
            wall, status, so, se, _ = run(r["argv"], r["cwd"], r["env"], stdout=r["stdout_mode"])
            if status != 0:
                raise StepFailed(f"{r['name']} exited {status} in round {i + 1}:\n{tail(so, se)}")
            r["walls"].append(wall)
            r["stderrs"].append(se)
        log(f"  round {i + 1}/{rounds}: " + ", ".join(f"{r['name']} {r['walls'][-1]:.3f} s" for r in results))
    return results


def median_wall(result):
    """The median wall time of a measured command, or None when it was not measured."""
    return statistics.median(result["walls"]) if result and result["walls"] else None


def median_ratio(numerator, denominator):
    """The median of the per-round ratios of two commands measured in the same rounds."""
    return statistics.median(n / d for n, d in zip(numerator["walls"], denominator["walls"]))


def machine():
    """'Linux x86_64, 2 CPUs, <CPU model>' for the headers of the reports."""
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs{', ' + cpu if cpu else ''}"


def token_environment(config):
    """The environment for vccctl: a token for every variable the configuration names, and none
    of the variables that would point vccctl away from the workspace's .vccctl/."""
    env = base_environment()
    with open(config, encoding="utf-8") as f:
        for name in sorted(set(re.findall(r"token: \{env: ([A-Za-z_][A-Za-z0-9_]*)\}", f.read()))):
            env[name] = f"bench-token-{name.lower()}"
    return env


def linked_accounts(config):
    """The account keys that have a link, in file order (generate.py's layout)."""
    keys, current = [], None
    with open(config, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^  ([^\s#:][^:]*):\s*$", line)
            if m:
                current = m.group(1)
            elif current is not None and re.match(r"^    link: \{", line):
                keys.append(current)
    return keys


def finish(script, out, filename, preamble, header, aligns, rows, notes, problems):
    """Prints the report (preamble lines, a Markdown table of `rows` under `header` with column
    `aligns`, then `notes`), writes it to out/filename, prints each problem and exits 1 when any."""
    lines = [*preamble, "", "| " + " | ".join(header) + " |", "|" + "|".join(aligns) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    lines += ["", *notes]
    report = "\n".join(lines) + "\n"
    print(report, end="")
    with open(os.path.join(out, filename), "w") as f:
        f.write(report)
    for problem in problems:
        print(f"\n{script}: {problem}", file=sys.stderr)
    sys.exit(1 if problems else 0)
