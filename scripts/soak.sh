#!/usr/bin/env bash
# The long soak test: builds, then runs ssmlink-soak with 100 up -> status -> down cycles
# and 30 kills against the emulator at 30 % throttling, 10 % 5xx and 2 % connection
# resets (about 15 to 20 minutes on the 2-core machine). Any ssmlink-soak flag may follow
# and wins over these defaults, e.g. bash scripts/soak.sh --cycles 20 --json.
set -euo pipefail
cd "$(dirname "$0")/.."
make build
exec "${BUILD:-build}/tests/ssmlink-soak" --cycles 100 --kills 30 "$@"
