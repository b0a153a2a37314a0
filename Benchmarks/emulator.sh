#!/usr/bin/env bash
# Benchmark vccctl's Salesforce REST target through `vccctl emulator serve` (TLS, loopback)
# against the embedded target, in the same run: first apply, API calls, no-op plan. See
# Benchmarks/README.md.
#
#   Benchmarks/emulator.sh                              # builds vccctl (release), 10k and 100k
#   Benchmarks/emulator.sh --sizes 10k                  # only these sizes (10k, 100k; comma-separated)
#   VCCCTL_BIN=/path/to/vccctl Benchmarks/emulator.sh   # measures that binary; no swift build
#   Benchmarks/emulator.sh --rounds 3                   # timed rounds per size (or EMULATOR_ROUNDS)
#
# Prints a Markdown table to stdout (and writes it to Benchmarks/out/emulator-results.md); progress
# goes to stderr. Timings and API-call counts never fail the script; it exits 1 when a step of the
# workflow fails (seed, emulator start, apply, a plan that is not a no-op) and 2 when something it
# needs is missing.
set -euo pipefail

SCRIPT_NAME=emulator.sh
# shellcheck source=Benchmarks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
usage() { sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

SIZE_LIST=10k,100k
ROUNDS=${EMULATOR_ROUNDS:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --sizes) [ $# -ge 2 ] || die "--sizes needs a list"; SIZE_LIST=$2; shift ;;
    --sizes=*) SIZE_LIST=${1#--sizes=} ;;
    --rounds) [ $# -ge 2 ] || die "--rounds needs a number"; ROUNDS=$2; shift ;;
    --rounds=*) ROUNDS=${1#--rounds=} ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
  shift
done
if [ -n "$ROUNDS" ]; then
  case "$ROUNDS" in ''|*[!0-9]*|0) die "--rounds/EMULATOR_ROUNDS must be a positive integer, got '$ROUNDS'" ;; esac
fi

# size label, locations, timed rounds (default)
SIZES=()
IFS=, read -r -a wanted <<<"$SIZE_LIST"
for size in "${wanted[@]}"; do
  case "$size" in
    10k) SIZES+=("10k 10000 10") ;;
    100k) SIZES+=("100k 100000 5") ;;
    *) die "unknown size '$size' (10k, 100k)" ;;
  esac
done
[ ${#SIZES[@]} -gt 0 ] || die "--sizes is empty"

require_gnu_time
SQLITE3=$(command -v sqlite3) || {
  log "installing the sqlite3 CLI (Debian package 'sqlite3')"
  apt_install sqlite3
  SQLITE3=$(command -v sqlite3) || die "sqlite3 CLI not found"
}

resolve_vccctl .build-bench
build_floor

CASES=()
for entry in "${SIZES[@]}"; do
  read -r label locations runs <<<"$entry"
  ensure_inputs "$label" "$locations"
  CASES+=("$label:$CONFIG:$DIRECTORY:${ROUNDS:-$runs}")
done

log "measuring (vccctl: $VCCCTL)"
PYTHONPATH="$BENCH_DIR" python3 - "$FLOOR" "$SQLITE3" "$VCCCTL" "$OUT" "${CASES[@]}" <<'PY'
"""Per size: the configuration without its tokens and links (settings only); the embedded target
in one workspace and the REST target through the emulator in another, each seeded, applied once
and checked to plan a no-op; then timed rounds of the libyaml floor and both no-op plans."""
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import benchlib
from benchlib import MIB, StepFailed, fmt, log, measure, run, step, tail

floor, sqlite3, vccctl, out = sys.argv[1:5]
benchlib.TIME_DIR = out
cases = [arg.split(":", 3) for arg in sys.argv[5:]]  # label, config, directory, rounds

# From the issue: a no-op plan at 100k through the emulator within 3x the embedded target's (same
# run); applying N new records costs at most ceil(N/1000) + 10 API calls, a refresh of N records
# at most ceil(N/2000) + 10.
MAX_PLAN_RATIO = {"100k": 3.0}
apply_budget = lambda n: math.ceil(n / 1000) + 10
refresh_budget = lambda n: math.ceil(n / 2000) + 10
READY_TIMEOUT_S = 120


def settings_only(config, dest):
    """Writes the configuration without its `token:` and `link:` lines (generate.py's layout, one
    line each): the REST target cannot reach VCC yet, so secrets and links would stay waiting and
    neither plan would be a no-op. Returns the number of lines removed."""
    removed = 0
    with open(config, encoding="utf-8") as src, open(dest, "w", encoding="utf-8") as dst:
        for line in src:
            if re.match(r"^    (token|link): \{", line):
                removed += 1
            else:
                dst.write(line)
    return removed


def count_resources(state):
    return int(subprocess.run([sqlite3, state, "SELECT count(*) FROM resource"], capture_output=True,
                              text=True, check=True).stdout.strip())


def api_used(data, env):
    """The API calls the emulator's orgs have used, summed (`vccctl sim api-usage`)."""
    _, status, so, se, _ = run([vccctl, "sim", "api-usage", "--data", data, "--format", "json"], data, env)
    if status != 0:
        raise StepFailed(f"sim api-usage exited {status}:\n{tail(so, se)}")
    return sum(org["used"] for org in json.loads(so))


class Emulator:
    """`vccctl emulator serve` on a free port with a self-signed CA; stopped with SIGTERM."""

    def __init__(self, workdir, env):
        self.data = os.path.join(workdir, "emu")
        self.ready = os.path.join(workdir, "ready.json")
        self.logfile = os.path.join(workdir, "emulator.log")
        self.env, self.proc, self.peak_mib = env, None, None
        self.url = self.ca_file = None

    def start(self):
        argv = [vccctl, "emulator", "serve", "--port", "0", "--data", self.data, "--tls-self-signed",
                "--ready-file", self.ready]
        log("  emulator: " + " ".join(["vccctl"] + argv[1:]))
        with open(self.logfile, "wb") as logf:
            self.proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=logf, stderr=logf,
                                         cwd=os.path.dirname(self.data), env=self.env)
        deadline = time.monotonic() + READY_TIMEOUT_S
        while not os.path.exists(self.ready):
            if self.proc.poll() is not None:
                raise StepFailed(f"the emulator exited {self.proc.returncode} before it was ready:\n"
                                 f"{self.log_tail()}")
            if time.monotonic() > deadline:
                raise StepFailed(f"the emulator wrote no ready file in {READY_TIMEOUT_S} s:\n{self.log_tail()}")
            time.sleep(0.05)
        with open(self.ready, encoding="utf-8") as f:
            ready = json.load(f)
        self.url, self.ca_file = ready.get("url"), ready.get("ca_file")
        if not self.url or not self.ca_file:
            raise StepFailed(f"the ready file {self.ready} has no url or ca_file")
        log(f"  emulator: listening on {self.url} (pid {self.proc.pid})")

    def sample_peak(self):
        """The emulator's peak RSS so far (VmHWM), while it runs."""
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        self.peak_mib = int(line.split()[1]) / 1024
        except (OSError, AttributeError):
            pass

    def log_tail(self):
        try:
            with open(self.logfile, encoding="utf-8", errors="replace") as f:
                return "\n".join(f.read().strip().splitlines()[-12:])
        except OSError:
            return ""

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        self.sample_peak()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            log(f"  emulator: no exit 30 s after SIGTERM; killing pid {self.proc.pid}")
            self.proc.kill()
            self.proc.wait()
        log(f"  emulator: stopped (exit {self.proc.returncode})")


def prepare_embedded(workspace, config, directory, env, info):
    """Fresh workspace, seed, first apply (settings only: must exit 0), no-op check."""
    os.makedirs(workspace)
    info["emb_seed_s"], _, _, _ = step("embedded seed", [vccctl, "sim", "seed", directory], workspace, env)
    info["emb_apply_s"], info["emb_apply_mib"], _, stdout = step(
        "embedded first apply", [vccctl, "apply", config, "--auto-approve"], workspace, env)
    m = re.search(r"Apply complete! (.*)", stdout)
    info["emb_apply_summary"] = m.group(1).strip().rstrip(".") if m else None
    step("embedded no-op check", [vccctl, "plan", config, "--detailed-exitcode"], workspace, env)
    info["emb_resources"] = count_resources(os.path.join(workspace, ".vccctl", "state.sqlite"))


def prepare_emulator(workspace, config, directory, env, emulator, info):
    """Seed the running emulator's org, write the connection file, first apply through it (API
    calls counted by the emulator), the refresh's calls from `plan --format json`, no-op check.
    Returns the --connection arguments."""
    os.makedirs(workspace)
    info["emu_seed_s"], _, _, _ = step(
        "emulator seed", [vccctl, "sim", "seed", "--data", emulator.data, directory], workspace, env)
    # Outside the configuration's directory (a directory is read whole, as configuration).
    connection = os.path.join(workspace, "connection.yaml")
    with open(connection, "w", encoding="utf-8") as f:
        f.write("version: 1\ntarget: emulator\nstate: sqlite:.vccctl/emulator-state.sqlite\n"
                f"emulator: {{url: {json.dumps(emulator.url)}, caFile: {json.dumps(emulator.ca_file)}}}\n")
    conn = ["--connection", connection]

    before = api_used(emulator.data, env)
    info["emu_apply_s"], info["emu_apply_mib"], _, stdout = step(
        "emulator first apply", [vccctl, "apply", config, "--auto-approve", *conn], workspace, env)
    info["emu_apply_metered"] = api_used(emulator.data, env) - before
    m = re.search(r"Apply complete! (.*)", stdout)
    info["emu_apply_summary"] = m.group(1).strip().rstrip(".") if m else None
    # The apply plans first (its refresh reads the org: "N spent reading"), then writes ("N spent
    # writing"); the target is on the writes. The emulator's meter counts both.
    m = re.search(r"API calls: (\d+) spent reading, about (\d+) to apply", stdout)
    if m:
        info["emu_apply_reading"], info["emu_apply_estimate"] = int(m.group(1)), int(m.group(2))
    m = re.search(r"API calls: (\d+) spent writing", stdout)
    if not m:
        raise StepFailed(f"the emulator apply's output has no 'API calls: N spent writing':\n{stdout[-2000:]}")
    info["emu_apply_calls"] = int(m.group(1))

    before = api_used(emulator.data, env)
    _, _, _, stdout = step("emulator plan (json)", [vccctl, "plan", config, "--format", "json", *conn],
                           workspace, env)
    info["emu_plan_calls_metered"] = api_used(emulator.data, env) - before
    plan = json.loads(stdout)
    info["emu_refresh_calls"] = plan["api_calls"]["refresh"]
    summary = plan["summary"]
    if summary["add"] or summary["change"] or summary["destroy"] or plan["changes"]:
        raise StepFailed(f"the plan through the emulator after the first apply is not a no-op: {summary}")
    step("emulator no-op check", [vccctl, "plan", config, "--detailed-exitcode", *conn], workspace, env)
    info["emu_resources"] = count_resources(os.path.join(workspace, ".vccctl", "emulator-state.sqlite"))
    return conn


def stop_on_sigterm(signum, frame):
    raise SystemExit(128 + signum)  # so that `finally` stops the emulator


signal.signal(signal.SIGTERM, stop_on_sigterm)
med = benchlib.median_wall
plan_rows, api_rows, notes, problems = [], [], [], []
for label, original, directory, rounds in cases:
    rounds = int(rounds)
    workdir = os.path.join(out, f"emulator-{label}")
    shutil.rmtree(workdir, ignore_errors=True)
    os.makedirs(os.path.join(workdir, "config"))
    config = os.path.join(workdir, "config", f"config-{label}.yaml")
    removed = settings_only(original, config)
    log(f"{label}: {os.path.basename(original)} without {removed} token/link lines "
        f"({os.path.getsize(config) / MIB:.1f} MB), {os.path.basename(directory)}; {rounds} rounds")
    env = benchlib.base_environment()
    info, emb, emu, yfl = {}, None, None, None
    ratio = emb_ratio = emu_ratio = None
    emulator = Emulator(workdir, env)
    try:
        embedded_ws = os.path.join(workdir, "embedded")
        prepare_embedded(embedded_ws, config, directory, env, info)
        emulator.start()
        rest_ws = os.path.join(workdir, "rest")
        conn = prepare_emulator(rest_ws, config, directory, env, emulator, info)
        yfl, emb, emu = measure([
            ("libyaml floor", [floor, config], out, env, subprocess.PIPE),
            ("embedded plan", [vccctl, "plan", config, "--detailed-exitcode"], embedded_ws, env,
             subprocess.PIPE),
            ("emulator plan", [vccctl, "plan", config, "--detailed-exitcode", *conn], rest_ws, env,
             subprocess.PIPE),
        ], rounds)
        ratio = benchlib.median_ratio(emu, emb)
        emb_ratio = benchlib.median_ratio(emb, yfl)
        emu_ratio = benchlib.median_ratio(emu, yfl)
    except StepFailed as failure:
        problems.append(f"{label}: {failure}")
    finally:
        emulator.stop()

    if ratio is None:
        plan_verdict = "FAIL"
    elif label in MAX_PLAN_RATIO:
        plan_verdict = "PASS" if ratio <= MAX_PLAN_RATIO[label] else "MISS"
    else:
        plan_verdict = "—"
    plan_rows.append([label, fmt(med(yfl), ".3f"), fmt(med(emb), ".3f"), fmt((emb or {}).get("peak_mib"), ".1f"),
                      fmt(med(emu), ".3f"), fmt((emu or {}).get("peak_mib"), ".1f"), fmt(ratio, ".2f"),
                      fmt(emb_ratio, ".1f"), fmt(emu_ratio, ".1f"),
                      f"≤ {MAX_PLAN_RATIO[label]:g}x embedded" if label in MAX_PLAN_RATIO else "—",
                      plan_verdict])

    records = info.get("emu_resources")
    def calls_cells(calls, budget):
        if calls is None or records is None:
            return [fmt(calls, "d"), "—", "FAIL"]
        limit = budget(records)
        return [f"{calls}", f"≤ {limit}", "PASS" if calls <= limit else "MISS"]
    api_rows.append([label, fmt(records, "d"),
                     fmt(info.get("emb_apply_s"), ".2f"), fmt(info.get("emb_apply_mib"), ".1f"),
                     fmt(info.get("emu_apply_s"), ".2f"), fmt(info.get("emu_apply_mib"), ".1f"),
                     *calls_cells(info.get("emu_apply_calls"), apply_budget),
                     *calls_cells(info.get("emu_refresh_calls"), refresh_budget)])

    if info:
        parts = [f"settings only ({removed} token/link lines removed)"]
        if "emb_seed_s" in info:
            parts.append(f"embedded: seed {info['emb_seed_s']:.2f} s, first apply "
                         f"({info.get('emb_apply_summary') or '?'}), {info.get('emb_resources', '?')} "
                         f"resources in state")
        if "emu_seed_s" in info:
            parts.append(f"emulator: seed {info['emu_seed_s']:.2f} s, first apply "
                         f"({info.get('emu_apply_summary') or '?'}), {info.get('emu_resources', '?')} "
                         f"resources in state; the apply's own plan spent {info.get('emu_apply_reading', '?')} "
                         f"calls reading (estimate to apply: {info.get('emu_apply_estimate', '?')}), "
                         f"the emulator metered {info.get('emu_apply_metered', '?')} for the whole apply; "
                         f"it metered {info.get('emu_plan_calls_metered', '?')} for the json plan")
        parts.append(f"emulator peak RSS {fmt(emulator.peak_mib, '.1f')} MB (VmHWM at the end)")
        notes.append(f"- {label}: " + "; ".join(parts))
    if emb is not None:
        notes.append(f"  - libyaml floor peak {fmt(yfl['peak_mib'], '.1f')} MB, "
                     f"{yfl['stdout'].strip() or '?'} events")
        for r in (emu, emb, yfl):
            notes.append(f"  - {r['name']} runs: {', '.join(f'{w:.3f}' for w in r['walls'])} s")

plan_header = ["size", "libyaml floor s", "embedded no-op plan s", "embedded plan peak MB",
               "emulator no-op plan s", "emulator plan peak MB", "ratio emulator/embedded",
               "ratio embedded/floor", "ratio emulator/floor", "target", "result"]
api_header = ["size", "records N", "embedded first apply s", "embedded apply peak MB",
              "emulator first apply s", "emulator apply peak MB", "apply API calls (writing)",
              "target ⌈N/1000⌉+10", "result (apply)", "refresh API calls", "target ⌈N/2000⌉+10",
              "result (refresh)"]
lines = [
    f"vccctl through `vccctl emulator serve` (REST target, TLS) against the embedded target, "
    f"{time.strftime('%Y-%m-%d')}, {benchlib.machine()}.",
    "Settings only (the configuration's token and link lines removed). Wall times of whole vccctl "
    "processes; no-op plans and the floor are medians, run back to back each round; ratios = median "
    "of the per-round ratios; first apply is one run; MB = MiB; peak = max RSS of vccctl (GNU time %M).",
    "",
    "| " + " | ".join(plan_header) + " |",
    "|" + "|".join(["---:"] * 9 + ["---", "---"]) + "|",
    *("| " + " | ".join(row) + " |" for row in plan_rows),
    "",
    "| " + " | ".join(api_header) + " |",
    "|" + "|".join(["---:"] * 7 + ["---", "---", "---:", "---", "---"]) + "|",
    *("| " + " | ".join(row) + " |" for row in api_rows),
    "",
    *notes,
]
report = "\n".join(lines) + "\n"
print(report, end="")
with open(os.path.join(out, "emulator-results.md"), "w") as f:
    f.write(report)

for problem in problems:
    print(f"\nemulator.sh: {problem}", file=sys.stderr)
sys.exit(1 if problems else 0)
PY
