#!/usr/bin/env bash
# Checks the JSON Schemas in schemas/ against the example files in examples/:
#   - both schemas are valid JSON Schema (2020-12);
#   - schemas/vcc-admin.openapi.yaml (vccctl's VCC admin contract) is a valid OpenAPI 3.1
#     document (openapi-spec-validator, installed with pip if needed);
#   - every example configuration passes schemas/vccctl.schema.json, and every file in
#     examples/connection/ passes schemas/connection.schema.json;
#   - every file in examples/invalid/ fails schemas/vccctl.schema.json (and every file in
#     examples/invalid/connection/ fails schemas/connection.schema.json) with the error it is
#     named after, except the files listed in SCHEMA_BLIND below, which must pass;
#   - every example starts with a `# yaml-language-server: $schema=...` line naming the schema
#     it is checked against (by a path relative to the file).
# One line per file, then "N passed, M failed"; exits 1 if anything failed.
# Usage: scripts/check-schemas.sh   (from anywhere; installs check-jsonschema and
#        openapi-spec-validator with pip if needed)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

CHECK_JSONSCHEMA_VERSION=0.39.0
OPENAPI_SPEC_VALIDATOR_VERSION=0.9.0
ADMIN_CONTRACT=schemas/vcc-admin.openapi.yaml
CONFIG_SCHEMA=schemas/vccctl.schema.json
CONNECTION_SCHEMA=schemas/connection.schema.json
# check-jsonschema expands YAML aliases in full; the alias bomb in examples/invalid/ would take
# all the memory of the machine. Each check runs with this much address space (KiB) and time.
MEMORY_LIMIT_KB=524288
TIME_LIMIT_SECONDS=120
# shellcheck disable=SC2016 # a literal '$schema', not an expansion
MODELINE='# yaml-language-server: $schema='

# Files of examples/invalid/ whose error only vccctl's semantic validation can see: JSON Schema
# checks the shape of one document and cannot compare values with each other. They must PASS
# the schema (so that this list stays honest), and vccctl must report them.
SCHEMA_BLIND=(
  examples/invalid/duplicate-claim.yaml                # one location claimed by two accounts
  examples/invalid/undeclared-org.yaml                 # link.org must be a key under orgs
  examples/invalid/too-many-accounts-per-api-user.yaml # counts links per apiUser across accounts
  examples/invalid/warning-link-without-location.yaml  # a warning only: link.org vs locations keys
)

# The error each other invalid file must fail with: extended regular expressions, one per line,
# all of which must match check-jsonschema's output. A file failing for another reason is a FAIL.
expected_errors() {
  case "$1" in
    examples/invalid/unknown-key.yaml) echo "'tokn' was unexpected" ;;
    examples/invalid/wrong-type.yaml) echo "\.locations: 'org' is not of type 'object'" ;;
    examples/invalid/missing-field.yaml) echo "\.orgs\.prod: 'environment' is a required property" ;;
    examples/invalid/bad-enum.yaml) echo "\.environment: 'staging' is not one of" ;;
    examples/invalid/literal-token.yaml) echo "\.token: 'abc123' is not of type 'object'" ;;
    examples/invalid/bad-env-name.yaml) echo "\.env: '1TOKEN' does not match" ;;
    examples/invalid/bad-account-key.yaml)
      echo "'ACME EU 01' does not match"
      echo "'K{256}' is too long" ;;
    examples/invalid/bad-link.yaml) echo "\.link: 'apiUser' is a required property" ;;
    examples/invalid/bad-username.yaml) echo "\.user: 'not-an-email' does not match" ;;
    examples/invalid/bad-version.yaml) echo "\\$\.version: 1 was expected" ;;
    examples/invalid/empty.yaml) echo "\\$: None is not of type 'object'" ;;
    examples/invalid/bad-location.yaml) echo "\.prod\[0\]: 'org' was expected" ;;
    examples/invalid/duplicate-location.yaml) echo "\.prod: .* has non-unique elements" ;;
    examples/invalid/bad-org-name.yaml) echo "\.orgs: 'prod org' does not match" ;;
    examples/invalid/empty-value.yaml) echo "\.profile: '' should be non-empty" ;;
    # YAML syntax errors: the file does not parse, which counts as failing.
    examples/invalid/duplicate-key.yaml) echo "DuplicateKeyError" ;;
    examples/invalid/tab-indent.yaml) printf '%s\n' "found character '\\\\t' that cannot start any token" ;;
    examples/invalid/literal-token-syntax-error.yaml) printf '%s\n' "found character '\\\\t' that cannot start any token" ;;
    # A duplicate 'token' besides tokens in other shapes; the parser stops at the duplicate.
    examples/invalid/literal-token-shapes.yaml) echo "DuplicateKeyError" ;;
    examples/invalid/unterminated-quote.yaml) echo "while scanning a quoted scalar" ;;
    examples/invalid/bad-indentation.yaml) echo "expected <block end>, but found '<block mapping start>'" ;;
    examples/invalid/multiple-documents.yaml) echo "expected a single document in the stream" ;;
    examples/invalid/undefined-alias.yaml) echo "found undefined alias 'agents'" ;;
    examples/invalid/bad-merge.yaml) echo "expected a mapping or list of mappings for merging, but found scalar" ;;
    # No schema can state the alias-expansion limit; check-jsonschema expands the bomb until it
    # hits the memory (or time) limit above. vccctl stops at its own expansion limit.
    examples/invalid/billion-laughs.yaml) echo "MemoryError|timed out" ;;
    examples/invalid/connection/bad-target.yaml) echo "\.target: 'sandbox' is not one of" ;;
    examples/invalid/connection/emulator-without-url.yaml) echo "'emulator' is a required property" ;;
    examples/invalid/connection/literal-secret.yaml) echo "\.accessToken: '[^']*' is not of type 'object'" ;;
    examples/invalid/connection/password-in-state-url.yaml) echo "\.state: 'postgres://[^']*' should not be valid under" ;;
    examples/invalid/connection/plain-http-instance.yaml) echo "\.instanceUrl: 'http://[^']*' does not match" ;;
    examples/invalid/connection/two-auth-methods.yaml) echo "\.auth: .* has too many properties" ;;
    examples/invalid/connection/unknown-state-scheme.yaml) echo "\.state: 'postgress://[^']*' does not match" ;;
    *) return 1 ;;
  esac
}

# --- check-jsonschema -------------------------------------------------------------------------

# Installs a pinned PyPI package with pip, or exits with pip's output.
pip_install() {
  local package=$1 log
  log=$(mktemp)
  export PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore
  # A system Python that refuses global installs (PEP 668) gets a user install instead.
  if ! python3 -m pip install --quiet "$package" >"$log" 2>&1 \
    && ! python3 -m pip install --quiet --user "$package" >>"$log" 2>&1 \
    && ! python3 -m pip install --quiet --user --break-system-packages "$package" >>"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    echo "error: could not install $package with pip" >&2
    exit 1
  fi
  rm -f "$log"
}

if command -v check-jsonschema >/dev/null 2>&1; then
  CHECK_JSONSCHEMA=(check-jsonschema)
else
  pip_install "check-jsonschema==${CHECK_JSONSCHEMA_VERSION}"
  if command -v check-jsonschema >/dev/null 2>&1; then
    CHECK_JSONSCHEMA=(check-jsonschema)
  else
    CHECK_JSONSCHEMA=(python3 -m check_jsonschema) # installed, but its script is not on PATH
  fi
fi
if ! "${CHECK_JSONSCHEMA[@]}" --version >/dev/null 2>&1; then
  echo "error: check-jsonschema does not run: ${CHECK_JSONSCHEMA[*]} --version" >&2
  exit 1
fi

TIMEOUT=()
if command -v timeout >/dev/null 2>&1; then TIMEOUT=(timeout "$TIME_LIMIT_SECONDS"); fi

# Runs check-jsonschema with the given arguments under the limits; sets OUTPUT and STATUS.
run_check() {
  set +e
  OUTPUT=$(
    ulimit -v "$MEMORY_LIMIT_KB" 2>/dev/null || true
    "${TIMEOUT[@]}" "${CHECK_JSONSCHEMA[@]}" "$@" 2>&1
  )
  STATUS=$?
  set -e
  if [[ $STATUS -eq 124 && ${#TIMEOUT[@]} -gt 0 ]]; then
    OUTPUT+=$'\n'"timed out after ${TIME_LIMIT_SECONDS}s"
  fi
}

# --- reporting --------------------------------------------------------------------------------

PASSED=0
FAILED=0

ok() {
  printf 'ok   %s (%s)\n' "$1" "$2"
  PASSED=$((PASSED + 1))
}

fail() {
  printf 'FAIL %s (%s)\n' "$1" "$2"
  if [[ -n ${3:-} ]]; then printf '%s\n' "$3" | head -n 20 | sed 's/^/    /'; fi
  FAILED=$((FAILED + 1))
}

# The problem with a file's first line, if any: it must be the yaml-language-server modeline
# naming, relative to the file, the schema the file is checked against. Zero-byte files have none.
header_problem() {
  local file=$1 schema=$2 first target
  [[ -s $file ]] || return 0
  IFS= read -r first <"$file" || true
  if [[ $first != "$MODELINE"* ]]; then
    echo "first line must be '# yaml-language-server: \$schema=<relative path to $schema>'"
    return 0
  fi
  target=$(dirname "$file")/${first#"$MODELINE"}
  if [[ ! $target -ef $schema ]]; then
    echo "its \$schema line points at ${first#*=}, not at $schema"
  fi
}

# --- checks -----------------------------------------------------------------------------------

check_schema_is_valid() {
  run_check --check-metaschema "$1"
  if [[ $STATUS -eq 0 ]]; then ok "$1" "valid JSON Schema"; else fail "$1" "not a valid JSON Schema" "$OUTPUT"; fi
}

check_passes() {
  local file=$1 schema=$2 problem
  problem=$(header_problem "$file" "$schema")
  if [[ -n $problem ]]; then fail "$file" "$problem"; return; fi
  run_check --schemafile "$schema" "$file"
  if [[ $STATUS -eq 0 ]]; then ok "$file" "passes"; else fail "$file" "should pass $schema" "$OUTPUT"; fi
}

is_schema_blind() {
  local entry
  for entry in "${SCHEMA_BLIND[@]}"; do [[ $entry == "$1" ]] && return 0; done
  return 1
}

check_fails() {
  local file=$1 schema=$2 problem patterns pattern
  problem=$(header_problem "$file" "$schema")
  if [[ -n $problem ]]; then fail "$file" "$problem"; return; fi
  if is_schema_blind "$file"; then
    run_check --schemafile "$schema" "$file"
    if [[ $STATUS -eq 0 ]]; then
      ok "$file" "passes: only vccctl's semantic validation sees this error"
    else
      fail "$file" "listed in SCHEMA_BLIND but fails $schema: remove it from the list" "$OUTPUT"
    fi
    return
  fi
  if ! patterns=$(expected_errors "$file"); then
    fail "$file" "no expected error listed: add it to expected_errors or SCHEMA_BLIND in $0"
    return
  fi
  run_check --schemafile "$schema" "$file"
  if [[ $STATUS -eq 0 ]]; then fail "$file" "should fail $schema, but passes"; return; fi
  while IFS= read -r pattern; do
    if ! grep -Eq -- "$pattern" <<<"$OUTPUT"; then
      fail "$file" "fails, but not with /$pattern/" "$OUTPUT"
      return
    fi
  done <<<"$patterns"
  ok "$file" "fails as expected"
}

# Files directly in a directory (any name), or YAML files below it, in name order, NUL-free names.
files_in() { find "$1" -mindepth 1 -maxdepth 1 -type f | LC_ALL=C sort; }
yaml_files_below() {
  # sim/ folders hold the embedded org's directory seeds, not configurations.
  find examples -type d \( -path examples/invalid -o -path examples/connection -o -name sim \) -prune \
    -o -type f \( -name '*.yaml' -o -name '*.yml' \) -print | LC_ALL=C sort
}

check_schema_is_valid "$CONFIG_SCHEMA"
check_schema_is_valid "$CONNECTION_SCHEMA"

while IFS= read -r file; do check_passes "$file" "$CONFIG_SCHEMA"; done < <(yaml_files_below)
while IFS= read -r file; do check_passes "$file" "$CONNECTION_SCHEMA"; done < <(files_in examples/connection)
while IFS= read -r file; do check_fails "$file" "$CONFIG_SCHEMA"; done < <(files_in examples/invalid)
if [[ -d examples/invalid/connection ]]; then
  while IFS= read -r file; do check_fails "$file" "$CONNECTION_SCHEMA"; done < <(files_in examples/invalid/connection)
fi

# The JSON documents vccctl prints, against their schemas: a real plan of the quickstart, made by
# the built binary against a fresh embedded org (scripts/test.sh builds it first).
PLAN_SCHEMA=schemas/plan.schema.json
check_schema_is_valid "$PLAN_SCHEMA"
# Output schemas whose documents the Swift end-to-end tests check against real output
# (TestSupport JSONSchemaCheck): here they are checked for being valid JSON Schema.
for schema in schemas/apply.schema.json schemas/confirm.schema.json schemas/drift.schema.json \
  schemas/validate.schema.json schemas/state-list.schema.json schemas/state-show.schema.json \
  schemas/state-history.schema.json schemas/sim-api-usage.schema.json schemas/explain.schema.json schemas/sim-show.schema.json; do
  check_schema_is_valid "$schema"
done
VCCCTL_BIN=${VCCCTL_BIN:-.build/debug/vccctl}
if [[ -x $VCCCTL_BIN ]]; then
  work=$(mktemp -d)
  bin=$(cd "$(dirname "$VCCCTL_BIN")" && pwd)/$(basename "$VCCCTL_BIN")
  if (cd "$work" && "$bin" sim seed "$OLDPWD/examples/quickstart/sim/directory.yaml" >/dev/null &&
      VCC_TOKEN_ACME_EU=schema-check-eu VCC_TOKEN_ACME_US=schema-check-us \
        "$bin" plan --format json "$OLDPWD/examples/quickstart" >plan.json); then
    check_passes_json() {
      local output
      if output=$(check-jsonschema --base-uri "file://$PWD/schemas/" --schemafile "$PLAN_SCHEMA" "$1" 2>&1); then ok "$2" "passes $PLAN_SCHEMA"
      else fail "$2" "does not pass $PLAN_SCHEMA" "$output"; fi
    }
    check_passes_json "$work/plan.json" "vccctl plan --format json (quickstart)"
  else
    fail "vccctl plan --format json" "the built vccctl could not plan the quickstart"
  fi
  rm -rf "$work"
else
  fail "$VCCCTL_BIN" "not built: run 'swift build' first (scripts/test.sh does)"
fi

# The VCC admin contract: a valid OpenAPI 3.1 document (its JSON Schemas included). That the
# emulator answers as it says is AdminContractConformanceTests' job (schemathesis).
if ! python3 -c 'import openapi_spec_validator' >/dev/null 2>&1; then
  pip_install "openapi-spec-validator==${OPENAPI_SPEC_VALIDATOR_VERSION}"
fi
if output=$(python3 -m openapi_spec_validator --schema 3.1 --subschema-errors all "$ADMIN_CONTRACT" 2>&1); then
  ok "$ADMIN_CONTRACT" "valid OpenAPI 3.1"
else
  fail "$ADMIN_CONTRACT" "not a valid OpenAPI 3.1 document" "$output"
fi

# A SCHEMA_BLIND entry whose file is gone would hide nothing; say so.
for entry in "${SCHEMA_BLIND[@]}"; do
  if [[ ! -f $entry ]]; then fail "$entry" "listed in SCHEMA_BLIND but missing"; fi
done

echo "$PASSED passed, $FAILED failed"
[[ $FAILED -eq 0 ]]
