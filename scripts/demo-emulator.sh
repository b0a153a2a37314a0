#!/usr/bin/env bash
# The same loop against `vccctl emulator serve` over TLS, through the Salesforce REST target, in a
# fresh temporary workspace: start the emulator (self-signed CA, free port) -> seed its org ->
# plan -> apply -> plan (clean) -> an out-of-band change in the emulator's org -> drift -> apply
# -> drift (clean). Secrets and links are reported as waiting for the VCC side.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
swift build --package-path "$root" --product vccctl >/dev/null
vccctl=$root/.build/debug/vccctl
work=$(mktemp -d)
cd "$work"
cp -r "$root/examples/quickstart" .
export VCC_TOKEN_ACME_EU=demo-token-eu VCC_TOKEN_ACME_US=demo-token-us

"$vccctl" emulator serve --port 0 --data "$work/emulator" --tls-self-signed --ready-file "$work/ready.json" \
  >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill -TERM "$emulator" 2>/dev/null; wait "$emulator" 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do [ -s "$work/ready.json" ] && break; sleep 0.1; done
url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$work/ready.json")
ca=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ca_file"])' "$work/ready.json")
mkdir connection
cat > connection/emulator.yaml <<YAML
version: 1
target: emulator
state: sqlite:.vccctl/emulator-state.sqlite
emulator: {url: "$url", caFile: "$ca"}
YAML
echo "emulator listening on $url (CA $ca)"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }
run() { step "$@"; "$@" || echo "(exit $?)"; }
c=(--connection connection/emulator.yaml)

run "$vccctl" sim seed --data "$work/emulator" quickstart/sim/directory.yaml
run "$vccctl" plan quickstart "${c[@]}"
run "$vccctl" apply quickstart --auto-approve "${c[@]}"
run "$vccctl" plan quickstart --detailed-exitcode "${c[@]}"
run "$vccctl" sim delete-setting --data "$work/emulator" --org prod --profile "Sales Agent"
run "$vccctl" drift quickstart --detailed-exitcode "${c[@]}"
run "$vccctl" apply quickstart --auto-approve "${c[@]}"
run "$vccctl" drift quickstart --detailed-exitcode "${c[@]}"
run "$vccctl" sim api-usage --data "$work/emulator"
