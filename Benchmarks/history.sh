#!/usr/bin/env bash
# How the state file grows with the apply history: a fresh workspace with LOCATIONS user
# locations over two accounts, then APPLIES applies that each move every location to the other
# account (every apply changes every location: the history's worst case). Records the state
# file's size (the file after a checkpoint, its -wal included if any) after each apply. See
# Benchmarks/README.md.
#
#   Benchmarks/history.sh                              # builds vccctl (release): 20k locations, 50 applies
#   VCCCTL_BIN=/path/to/vccctl Benchmarks/history.sh   # measures that binary; no swift build
#   Benchmarks/history.sh --locations 5000 --applies 20
#
# Prints a Markdown summary to stdout (also Benchmarks/out/history-results.md); progress goes to
# stderr. Exits 1 when a step fails (seed, an apply that does not succeed), 2 when something it
# needs is missing.
set -euo pipefail

SCRIPT_NAME=history.sh
# shellcheck source=Benchmarks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

LOCATIONS=20000
APPLIES=50
while [ $# -gt 0 ]; do
  case "$1" in
    --locations) [ $# -ge 2 ] || die "--locations needs a number"; LOCATIONS=$2; shift ;;
    --applies) [ $# -ge 2 ] || die "--applies needs a number"; APPLIES=$2; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
  shift
done
for value in "$LOCATIONS" "$APPLIES"; do
  case "$value" in ''|*[!0-9]*|0) die "--locations and --applies take positive integers, got '$value'" ;; esac
done

require_gnu_time
resolve_vccctl

PYTHONPATH="$BENCH_DIR" python3 - "$VCCCTL" "$OUT" "$LOCATIONS" "$APPLIES" <<'PY'
import os
import shutil
import sqlite3
import sys

import benchlib
from benchlib import MIB, StepFailed, log, step

vccctl, out, locations, applies = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
benchlib.TIME_DIR = out
work = os.path.join(out, "history")
shutil.rmtree(work, ignore_errors=True)
os.makedirs(os.path.join(work, "sim"))
state = os.path.join(work, ".vccctl", "state.sqlite")

env = benchlib.base_environment()
env.update({"VCC_TOKEN_H0": "bench-token-h0", "VCC_TOKEN_H1": "bench-token-h1", "USER": "bench"})

with open(os.path.join(work, "sim", "directory.yaml"), "w") as f:
    f.write("orgs:\n  prod:\n    environment: production\n    profiles: [Agent]\n    users:\n")
    for i in range(locations):
        f.write(f"      - {{username: u{i}@history.example, profile: Agent}}\n")


def config(variant):
    """Every user on account (i + variant) % 2: each variant moves every location."""
    buckets = [[], []]
    for i in range(locations):
        buckets[(i + variant) % 2].append(f"        - {{user: u{i}@history.example}}\n")
    text = "version: 1\norgs:\n  prod: {environment: production}\naccounts:\n"
    for account in range(2):
        text += f"  H-{account}:\n    token: {{env: VCC_TOKEN_H{account}}}\n    locations:\n      prod:\n"
        text += "".join(buckets[account])
    return text


def size():
    """The state's bytes once SQLite copied its log into it (what stays on disk)."""
    db = sqlite3.connect(state)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages, free = db.execute("PRAGMA page_count").fetchone()[0], db.execute("PRAGMA freelist_count").fetchone()[0]
    db.close()
    total = os.path.getsize(state) + (os.path.getsize(state + "-wal") if os.path.exists(state + "-wal") else 0)
    return total, pages, free


try:
    step("seed", [vccctl, "sim", "seed", "sim/directory.yaml"], work, env)
    sizes = []
    outcomes = 0
    for apply in range(applies):
        with open(os.path.join(work, "vccctl.yaml"), "w") as f:
            f.write(config(apply))
        wall, peak, status, stdout = step(f"apply {apply + 1}/{applies}",
                                          [vccctl, "apply", "--auto-approve", "vccctl.yaml"], work, env)
        if "Apply complete!" not in stdout:
            raise StepFailed(f"apply {apply + 1} did not complete:\n{stdout[-2000:]}")
        # The first apply also stores the two tokens.
        outcomes += locations + (2 if apply == 0 else 0)
        total, pages, free = size()
        sizes.append(total)
        log(f"  state: {total / MIB:.1f} MB ({pages} pages, {free} free), {outcomes} outcomes in the history")
except StepFailed as error:
    print(error, file=sys.stderr)
    sys.exit(1)

first, last = sizes[0], sizes[-1]
per_apply = (last - first) / max(1, applies - 1)
lines = [
    f"State file growth: {locations} locations, {applies} applies each changing every location ({benchlib.machine()})",
    "",
    "| after apply | state file MB |",
    "|---|---|",
]
for index in sorted({0, 1, 9, 24, applies - 1} & set(range(applies))):
    lines.append(f"| {index + 1} | {sizes[index] / MIB:.1f} |")
lines += ["", f"Growth per apply after the first: {per_apply / MIB:.2f} MB "
          f"({per_apply / locations:.1f} bytes per outcome kept)."]
text = "\n".join(lines) + "\n"
with open(os.path.join(out, "history-results.md"), "w") as f:
    f.write(text)
print(text)
PY
