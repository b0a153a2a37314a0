#!/usr/bin/env bash
# The main job on the embedded default, end to end, in a fresh temporary workspace:
# validate -> seed the embedded org -> plan -> apply -> consent -> plan (clean) -> an out-of-band
# change -> drift -> apply (which also records the consented links) -> drift (clean). Tokens here are demo values.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# The build's own output (package fetches, compile lines) is not the demo: kept in a log, shown
# only when the build fails.
build_log=$(mktemp)
if ! swift build --package-path "$root" --product vccctl >"$build_log" 2>&1; then
    cat "$build_log" >&2
    exit 1
fi
rm -f "$build_log"
vccctl=$root/.build/debug/vccctl
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
cp -r "$root/examples/quickstart" .
export VCC_TOKEN_ACME_EU=demo-token-eu VCC_TOKEN_ACME_US=demo-token-us

# Each word shell-quoted (printf %q), so "Sales Agent" reads as the one argument it is.
step() { printf '\n\033[1m$'; printf ' %q' "$@"; printf '\033[0m\n'; }
run() { step "$@"; "$@" || echo "(exit $?)"; }

run "$vccctl" validate quickstart
run "$vccctl" sim seed quickstart/sim/directory.yaml
run "$vccctl" plan quickstart
run "$vccctl" apply quickstart --auto-approve
run "$vccctl" sim consent --account ACME-EU-01
run "$vccctl" sim consent --account ACME-US-01
run "$vccctl" plan quickstart --detailed-exitcode
run "$vccctl" sim delete-setting --org prod --profile "Sales Agent"
run "$vccctl" drift quickstart --detailed-exitcode
run "$vccctl" apply quickstart --auto-approve
run "$vccctl" drift quickstart --detailed-exitcode
run "$vccctl" explain user sam@acme.example quickstart
run "$vccctl" state history
