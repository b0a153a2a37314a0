#!/usr/bin/env bash
# The project's whole test suite: build, the JSON Schemas against the examples and against real
# output of the built vccctl (a real validator), then every Swift test (unit, golden and
# end-to-end tests that run the built vccctl).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

swift build --build-tests
scripts/check-schemas.sh
swift test --skip-build
