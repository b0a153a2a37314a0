#!/usr/bin/env bash
# Benchmark `vccctl validate` against the libyaml floor. See Benchmarks/README.md.
#
#   Benchmarks/validate.sh                          # builds vccctl (release), then measures
#   VCCCTL_BIN=/path/to/vccctl Benchmarks/validate.sh   # measures that binary; no swift build
#
# Prints a Markdown table to stdout (and writes it to Benchmarks/out/results.md); progress goes to
# stderr. Timings never fail the script; it exits non-zero only when something could not run, or
# when vccctl or the floor rejects one of the (valid) generated configurations.
set -euo pipefail

SCRIPT_NAME=validate.sh
# shellcheck source=Benchmarks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

# size label, locations, timed runs
SIZES=(
  "10k 10000 15"
  "100k 100000 15"
  "1M 1000000 5"
)

require_gnu_time
resolve_vccctl
build_floor

# Configurations, generated once and cached (delete Benchmarks/out/ to regenerate).
CASES=()
for entry in "${SIZES[@]}"; do
  read -r label locations runs <<<"$entry"
  file="$OUT/config-$label.yaml"
  if [ ! -f "$file" ]; then
    log "generating $file ($locations locations)"
    python3 "$BENCH_DIR/generate.py" --locations "$locations" --out "$file" --seed 1
  fi
  CASES+=("$label:$file:$runs")
done

log "measuring (vccctl: $VCCCTL)"
python3 - "$FLOOR" "$VCCCTL" "$OUT" "${CASES[@]}" <<'PY'
"""Times whole processes: the floor and `vccctl validate FILE`, same method for both."""
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

floor, vccctl, out = sys.argv[1:4]
cases = [arg.split(":", 2) for arg in sys.argv[4:]]  # label, file, runs

MIB = 1024 * 1024
# From the issue: (max ratio vccctl/floor, max peak RSS in MiB), per size.
TARGETS = {"100k": (2.0, 100), "1M": (2.0, 1024)}
TARGET_TEXT = {"100k": "≤ 2x floor, < 100 MB", "1M": "≤ 2x floor, < 1 GB"}


def log(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def run(argv, rss=False):
    """Runs argv once from out/. Returns (wall s, exit status, stdout, stderr, peak KiB or None)."""
    timefile = None
    if rss:
        fd, timefile = tempfile.mkstemp(dir=out, prefix=".time-")
        os.close(fd)
        argv = ["/usr/bin/time", "-f", "%M", "-o", timefile] + argv
    start = time.perf_counter()
    proc = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, cwd=out)
    wall = time.perf_counter() - start
    peak = None
    if timefile is not None:
        with open(timefile) as f:
            lines = f.read().split()
        os.unlink(timefile)
        # On a non-zero exit GNU time writes "Command exited with non-zero status N" first.
        peak = int(lines[-1]) if lines and lines[-1].isdigit() else None
    return wall, proc.returncode, proc.stdout.decode(errors="replace"), \
        proc.stderr.decode(errors="replace"), peak


def measure_pair(argvs, runs):
    """For each of the two commands (floor, vccctl): one run under GNU time (peak RSS; also warms
    the page cache). Then `runs` rounds that run the two back to back, so that both see the same
    machine: this VM's speed drifts by tens of percent over a minute, and the ratio is what counts."""
    results = []
    for name, argv in argvs:
        _, status, stdout, stderr, peak = run(argv, rss=True)
        results.append({"name": name, "argv": argv, "wall": None, "walls": [], "stderrs": [],
                        "peak_mib": peak / 1024 if peak is not None else None,
                        "failure": (status, stdout, stderr) if status != 0 else None, "stdout": stdout})
    ratios = []
    if all(r["failure"] is None for r in results):
        for i in range(runs):
            walls = []
            for r in results:
                wall, status, stdout, stderr, _ = run(r["argv"])
                if status != 0:
                    r["failure"] = (status, stdout, stderr)
                    break
                r["walls"].append(wall)
                r["stderrs"].append(stderr)
                walls.append(wall)
                log(f"  {r['name']} run {i + 1}/{runs}: {wall:.3f} s")
            if len(walls) < 2:
                break
            ratios.append(walls[1] / walls[0])
    for r in results:
        r["wall"] = statistics.median(r["walls"]) if r["walls"] else None
    return results[0], results[1], (statistics.median(ratios) if ratios else None)


def fmt(value, spec):
    return "—" if value is None else format(value, spec)


rows, notes, problems = [], [], []
for label, path, runs in cases:
    runs = int(runs)
    size_mib = os.path.getsize(path) / MIB
    log(f"{label}: {os.path.basename(path)} ({size_mib:.1f} MB), {runs} runs each")
    fl, vc, ratio = measure_pair([("floor", [floor, path]), ("vccctl", [vccctl, "validate", path])], runs)
    if vc["failure"] is not None:
        status, stdout, stderr = vc["failure"]
        verdict = f"FAIL (exit {status})"
        tail = "\n".join((stderr or stdout).strip().splitlines()[-10:])
        problems.append(f"vccctl validate {path} exited {status}:\n{tail}")
    elif label in TARGETS:
        max_ratio, max_mib = TARGETS[label]
        misses = []
        if ratio is None or ratio > max_ratio:
            misses.append("time")
        if vc["peak_mib"] is None or vc["peak_mib"] >= max_mib:
            misses.append("memory")
        verdict = "PASS" if not misses else f"MISS ({', '.join(misses)})"
    else:
        verdict = "—"
    if fl["failure"] is not None:
        status, _, stderr = fl["failure"]
        problems.append(f"floor {path} exited {status}: {stderr.strip()}")

    rows.append([label, f"{size_mib:.1f}", fmt(fl["wall"], ".3f"), fmt(vc["wall"], ".3f"),
                 fmt(ratio, ".2f"), fmt(vc["peak_mib"], ".1f"), fmt(fl["peak_mib"], ".1f"),
                 TARGET_TEXT.get(label, "—"), verdict])

    parse = [float(m.group(1)) for s in fl["stderrs"]
             for m in [re.search(r"parse ([0-9.]+) s", s)] if m]
    events = fl["stdout"].strip()
    notes.append(f"- {label}: floor {events or '?'} events; in-process parse median "
                 f"{fmt(statistics.median(parse) if parse else None, '.3f')} s; "
                 f"floor runs {', '.join(f'{w:.3f}' for w in fl['walls'])} s; "
                 f"vccctl runs {', '.join(f'{w:.3f}' for w in vc['walls']) or '—'} s")

cpu = ""
try:
    with open("/proc/cpuinfo") as f:
        cpu = next((line.split(":", 1)[1].strip() for line in f
                    if line.startswith("model name")), "")
except OSError:
    pass
header = ["size", "file MB", "floor s", "vccctl s", "ratio", "vccctl peak MB", "floor peak MB",
          "target", "result"]
lines = [
    f"`vccctl validate` vs. the libyaml floor, {time.strftime('%Y-%m-%d')}, "
    f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs{', ' + cpu if cpu else ''}.",
    "Wall times are medians of whole-process runs, floor and vccctl run back to back; ratio = median of the per-round ratios; MB = MiB; peak = max RSS (GNU time %M).",
    "",
    "| " + " | ".join(header) + " |",
    "|" + "|".join(["---:"] * 7 + ["---", "---"]) + "|",
]
lines += ["| " + " | ".join(row) + " |" for row in rows]
lines += ["", *notes]
report = "\n".join(lines) + "\n"
print(report, end="")
with open(os.path.join(out, "results.md"), "w") as f:
    f.write(report)

for problem in problems:
    print(f"\nvalidate.sh: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
