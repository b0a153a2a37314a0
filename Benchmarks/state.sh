#!/usr/bin/env bash
# Benchmark the PostgreSQL state store against the SQLite one, in the same run: the first apply
# and the no-op `vccctl plan` at 100k locations, state on a PostgreSQL server on loopback, with
# three floors measured in the same rounds (libyaml parse, SQLite read, PostgreSQL read).
# See Benchmarks/README.md.
#
#   Benchmarks/state.sh                              # builds vccctl (release), measures 100k
#   VCCCTL_BIN=/path/to/vccctl Benchmarks/state.sh   # measures that binary; no swift build
#   Benchmarks/state.sh --rounds 5                   # timed rounds (or STATE_ROUNDS)
#   VCCCTL_BENCH_POSTGRES_URL=postgres://u@h/db Benchmarks/state.sh   # that server (PGPASSWORD)
#
# Without VCCCTL_BENCH_POSTGRES_URL it starts a throwaway cluster (initdb, pg_ctl; as nobody
# under root) in Benchmarks/out/pg-cluster on a free port, and stops it at the end. Prints a
# Markdown table (also Benchmarks/out/state-results.md); exits 1 when a step fails, 2 when
# something it needs is missing.
set -euo pipefail

SCRIPT_NAME=state.sh
# shellcheck source=Benchmarks/common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

ROUNDS=${STATE_ROUNDS:-10}
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) [ $# -ge 2 ] || die "--rounds needs a number"; ROUNDS=$2; shift ;;
    --rounds=*) ROUNDS=${1#--rounds=} ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
  shift
done
case "$ROUNDS" in ''|*[!0-9]*|0) die "--rounds/STATE_ROUNDS must be a positive integer, got '$ROUNDS'" ;; esac

require_gnu_time
require_sqlite3
resolve_vccctl
build_floor
ensure_inputs 100k 100000

if [ -n "${VCCCTL_BENCH_POSTGRES_URL:-}" ]; then
  BASE_URL=$VCCCTL_BENCH_POSTGRES_URL
else
  BIN=$(dirname "$(command -v initdb 2>/dev/null || ls /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -1)")
  [ -x "$BIN/initdb" ] || die "initdb not found: install the Debian package postgresql, or set VCCCTL_BENCH_POSTGRES_URL"
  AS=()
  if [ "$(id -u)" -eq 0 ]; then AS=(setpriv --reuid=65534 --regid=65534 --clear-groups --); fi
  CLUSTER="$OUT/pg-cluster"
  rm -rf "$CLUSTER"
  mkdir -p "$CLUSTER"
  [ ${#AS[@]} -eq 0 ] || chown 65534:65534 "$CLUSTER"
  PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  log "starting a throwaway PostgreSQL cluster on 127.0.0.1:$PORT ($BIN)"
  (cd "$CLUSTER" && "${AS[@]}" "$BIN/initdb" -D "$CLUSTER/data" -U vccctl --auth=trust -E UTF8 --no-sync >/dev/null)
  # Durable as a team's server would be (fsync on), on loopback.
  (cd "$CLUSTER" && "${AS[@]}" "$BIN/pg_ctl" -D "$CLUSTER/data" -l "$CLUSTER/server.log" -w \
      -o "-p $PORT -k $CLUSTER -c listen_addresses=127.0.0.1" start >/dev/null)
  trap '(cd "$CLUSTER" && "${AS[@]}" "$BIN/pg_ctl" -D "$CLUSTER/data" -m fast stop >/dev/null 2>&1) || true' EXIT
  BASE_URL="postgres://vccctl@127.0.0.1:$PORT/postgres"
fi
PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1) || true
[ -x "${PSQL:-}" ] || die "psql not found (the PostgreSQL read floor): install the Debian package postgresql-client"

log "measuring (vccctl: $VCCCTL)"
PYTHONPATH="$BENCH_DIR" python3 - "$VCCCTL" "$OUT" "$CONFIG" "$DIRECTORY" "$BASE_URL" "$ROUNDS" "$FLOOR" "$SQLITE3" "$PSQL" <<'PY'
"""Two workspaces on the same configuration: state in SQLite, state in PostgreSQL (a schema of
its own, made anew). Each: seed, first apply (timed), consent, converging apply, no-op check.
Then rounds of the two no-op plans and the three floors back to back."""
import os
import re
import shutil
import sys
import time
import uuid

import benchlib
from benchlib import MIB, StepFailed, fmt, log, measure, run, step, tail

vccctl, out, config, directory, base_url, rounds, floor, sqlite3, psql = sys.argv[1:10]
rounds = int(rounds)
benchlib.TIME_DIR = out
TARGET = 1.5  # the issue: the no-op plan with PostgreSQL state within 1.5x of SQLite's


def environment(state_url=None):
    env = benchlib.token_environment(config)
    if state_url:
        env["VCCCTL_STATE"] = state_url
    return env


def prepare(name, env):
    info = {}
    workspace = os.path.join(out, f"state-{name}")
    shutil.rmtree(workspace, ignore_errors=True)
    os.makedirs(workspace)
    step(f"{name}: seed", [vccctl, "sim", "seed", directory], workspace, env)
    wall, peak, status, stdout = step(f"{name}: first apply", [vccctl, "apply", config, "--auto-approve"],
                                      workspace, env, ok=(0, 3))
    info["apply_s"], info["apply_mib"] = wall, peak
    m = re.search(r"Apply complete! (.*)", stdout)
    info["summary"] = m.group(1).strip().rstrip(".") if m else None
    if status == 3:
        for key in benchlib.linked_accounts(config):
            _, cstatus, cout, cerr, _ = run([vccctl, "sim", "consent", "--account", key], workspace, env)
            if cstatus != 0:
                raise StepFailed(f"sim consent --account {key} exited {cstatus}:\n{tail(cout, cerr)}")
        step(f"{name}: converging apply", [vccctl, "apply", config, "--auto-approve"], workspace, env)
    step(f"{name}: no-op check", [vccctl, "plan", config, "--detailed-exitcode"], workspace, env)
    return info, workspace


sep = "&" if "?" in base_url else "?"
schema = "bench_" + uuid.uuid4().hex[:10]
postgres_url = f"{base_url}{sep}search_path={schema}&sslmode=disable"
masked = re.sub(r"//([^:@/]+):[^@/]*@", r"//\1@", postgres_url)
problems, rows, notes = [], [], []
try:
    sqlite_env, pg_env = environment(), environment(postgres_url)
    sqlite_info, sqlite_ws = prepare("sqlite", sqlite_env)
    pg_info, pg_ws = prepare("postgres", pg_env)
    plan = [vccctl, "plan", config, "--detailed-exitcode"]
    # The floors: parsing the configuration (libyaml), and reading every resource row of each
    # state with the database's own client (what a plan must read too).
    select = "SELECT * FROM resource"
    psql_env = dict(pg_env, PGOPTIONS=f"-csearch_path={schema}")
    psql_url = re.sub(r"\?.*$", "", base_url)
    sqlite_plan, pg_plan, yaml_floor, sqlite_floor, pg_floor = measure([
        ("sqlite plan", plan, sqlite_ws, sqlite_env, benchlib.subprocess.PIPE),
        ("postgres plan", plan, pg_ws, pg_env, benchlib.subprocess.PIPE),
        ("libyaml floor", [floor, config], out, sqlite_env, benchlib.subprocess.PIPE),
        ("sqlite floor", [sqlite3, ".vccctl/state.sqlite", select], sqlite_ws, sqlite_env, benchlib.subprocess.DEVNULL),
        ("postgres floor", [psql, "-X", "-q", "-A", "-t", "-d", psql_url, "-c", select], pg_ws, psql_env,
         benchlib.subprocess.DEVNULL),
    ], rounds)
    ratio = benchlib.median_ratio(pg_plan, sqlite_plan)
    med = benchlib.median_wall
    verdict = "PASS" if ratio <= TARGET else "MISS"
    apply_ratio = pg_info["apply_s"] / sqlite_info["apply_s"]
    rows.append(["100k", f"{sqlite_info['apply_s']:.2f}", f"{pg_info['apply_s']:.2f}", f"{apply_ratio:.2f}",
                 f"{med(sqlite_plan):.3f}", f"{med(pg_plan):.3f}", f"{ratio:.2f}",
                 fmt(sqlite_plan['peak_mib'], '.1f'), fmt(pg_plan['peak_mib'], '.1f'), f"≤ {TARGET}x SQLite", verdict])
    notes.append(f"- PostgreSQL state: {masked} (loopback)")
    notes.append(f"- first apply: SQLite {sqlite_info['summary']}, peak {fmt(sqlite_info['apply_mib'], '.1f')} MB; "
                 f"PostgreSQL {pg_info['summary']}, peak {fmt(pg_info['apply_mib'], '.1f')} MB")
    notes.append(f"- floors (medians): libyaml {med(yaml_floor):.3f} s, SQLite read {med(sqlite_floor):.3f} s, "
                 f"PostgreSQL read (psql) {med(pg_floor):.3f} s; plan / libyaml floor: SQLite "
                 f"{benchlib.median_ratio(sqlite_plan, yaml_floor):.1f}, PostgreSQL {benchlib.median_ratio(pg_plan, yaml_floor):.1f}; "
                 f"plan / its store's read floor: SQLite {benchlib.median_ratio(sqlite_plan, sqlite_floor):.1f}, "
                 f"PostgreSQL {benchlib.median_ratio(pg_plan, pg_floor):.1f}")
    for r in (sqlite_plan, pg_plan, yaml_floor, sqlite_floor, pg_floor):
        notes.append(f"- {r['name']} runs: {', '.join(f'{w:.3f}' for w in r['walls'])} s")
except StepFailed as failure:
    problems.append(str(failure))

header = ["size", "first apply SQLite s", "first apply PostgreSQL s", "ratio apply", "no-op plan SQLite s",
          "no-op plan PostgreSQL s", "ratio plan", "plan peak SQLite MB", "plan peak PostgreSQL MB", "target", "result"]
benchlib.finish("state.sh", out, "state-results.md", [
    f"State in PostgreSQL vs. SQLite, {time.strftime('%Y-%m-%d')}, {benchlib.machine()}.",
    "Wall times of whole vccctl processes; plans and floors are medians, run back to back each round; ratio plan = "
    "median of the per-round ratios PostgreSQL / SQLite; first applies are one run each; MB = MiB.",
], header, ["---:"] * 9 + ["---", "---"], rows, notes, problems)
PY
