#!/usr/bin/env bash
# The project's whole test suite: the JSON Schemas against the examples (a real validator), then
# every Swift test (unit, golden and end-to-end tests that run the built vccctl).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

scripts/check-schemas.sh
swift build --build-tests
swift test --skip-build
