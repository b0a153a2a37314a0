# Shared setup of the benchmark scripts (sourced, not run): paths, logging, GNU time, the vccctl
# binary under test and the libyaml floor. The sourcing script sets SCRIPT_NAME first.
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_DIR/.." && pwd)
OUT="$BENCH_DIR/out"
mkdir -p "$OUT"

log() { printf '==> %s\n' "$*" >&2; }
die() { printf '%s: %s\n' "${SCRIPT_NAME:-benchmark}" "$*" >&2; exit 2; }

apt_install() {
  local SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y "$@" || { $SUDO apt-get update && $SUDO apt-get install -y "$@"; }
}

# GNU time, for peak RSS (%M).
require_gnu_time() {
  if [ ! -x /usr/bin/time ]; then
    log "installing GNU time (Debian package 'time')"
    apt_install time
  fi
  /usr/bin/time -f %M -o /dev/null true 2>/dev/null || die "/usr/bin/time is not GNU time (needs -f/-o)"
}

# Sets SQLITE3: the sqlite3 CLI (the SQLite read floor), installed when missing.
require_sqlite3() {
  if ! command -v sqlite3 >/dev/null 2>&1; then
    log "installing the sqlite3 CLI (Debian package 'sqlite3'), for the SQLite read floor"
    apt_install sqlite3
  fi
  SQLITE3=$(command -v sqlite3) || die "sqlite3 CLI not found"
}

# Sets VCCCTL: the stand-in from VCCCTL_BIN, or a fresh release build (in .build/, or in the
# scratch path given as the argument, relative to the repository root).
resolve_vccctl() {
  local scratch=${1:-}
  if [ -n "${VCCCTL_BIN:-}" ]; then
    log "using VCCCTL_BIN=$VCCCTL_BIN (skipping swift build)"
    VCCCTL="$VCCCTL_BIN"
    case "$VCCCTL" in
      /*) ;;
      */*) VCCCTL="$PWD/$VCCCTL" ;;
      *) VCCCTL=$(command -v "$VCCCTL") || die "VCCCTL_BIN=$VCCCTL_BIN not found on PATH" ;;
    esac
  else
    if [ -n "$scratch" ]; then
      log "building vccctl (swift build -c release --product vccctl --scratch-path $scratch)"
      (cd "$REPO_ROOT" && swift build -c release --product vccctl --scratch-path "$scratch")
      VCCCTL="$REPO_ROOT/$scratch/release/vccctl"
    else
      log "building vccctl (swift build -c release --product vccctl)"
      (cd "$REPO_ROOT" && swift build -c release --product vccctl)
      VCCCTL="$REPO_ROOT/.build/release/vccctl"
    fi
  fi
  [ -x "$VCCCTL" ] || die "vccctl binary $VCCCTL is missing or not executable"
}

# Sets FLOOR: a bare libyaml event loop, built to a temporary name and renamed, so that another
# benchmark running at the same time never sees half a binary.
build_floor() {
  log "building the floor (Benchmarks/out/yaml_floor)"
  FLOOR="$OUT/yaml_floor"
  # shellcheck disable=SC2046  # pkg-config output is meant to be word-split
  cc -O2 -o "$FLOOR.tmp.$$" "$BENCH_DIR/floor/yaml_floor.c" $(pkg-config --cflags --libs yaml-0.1)
  mv -f "$FLOOR.tmp.$$" "$FLOOR"
}

# Sets CONFIG and DIRECTORY for a size label and its location count: the configuration
# (Benchmarks/out/config-LABEL.yaml, generate.py with seed 1, the file validate.sh uses too) and
# its directory seed (Benchmarks/out/directory-LABEL.yaml, seed.py), generated once and cached
# (delete Benchmarks/out/ to regenerate). A seed older than its configuration is rewritten.
ensure_inputs() {
  local label=$1 locations=$2
  CONFIG="$OUT/config-$label.yaml"
  DIRECTORY="$OUT/directory-$label.yaml"
  if [ ! -f "$CONFIG" ]; then
    log "generating $CONFIG ($locations locations)"
    python3 "$BENCH_DIR/generate.py" --locations "$locations" --out "$CONFIG" --seed 1
  fi
  if [ ! -f "$DIRECTORY" ] || [ "$DIRECTORY" -ot "$CONFIG" ]; then
    log "generating $DIRECTORY (the matching directory seed)"
    python3 "$BENCH_DIR/seed.py" --config "$CONFIG" --out "$DIRECTORY"
  fi
}
