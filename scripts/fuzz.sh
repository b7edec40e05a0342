#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for SECONDS (default 20), seeded
# from the test fixtures. Any crash, leak or sanitizer report fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-20}
build=build-fuzz
cmake -S . -B $build -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DSSMLINK_FUZZ=ON \
  -DSSMLINK_TESTS=OFF -DSSMLINK_WERROR=ON -DCMAKE_BUILD_TYPE=Debug "-DCMAKE_CXX_FLAGS_DEBUG=-g1" >/dev/null
cmake --build $build -j "$(nproc)" --target xml_response_fuzz json_response_fuzz config_fuzz json_sax_fuzz
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
mkdir -p "$corpus"/{xml,json,config,json_sax}
# Seeds: the XML and JSON the tests feed the parsers, and some config-file lines.
grep -rhoE '<[A-Za-z]+Response[^"]*' tests/cloud | head -200 | split -l 1 - "$corpus/xml/seed-" || true
grep -rhoE '\{"[A-Za-z]+":[^"]*' tests/cloud | head -200 | split -l 1 - "$corpus/json/seed-" || true
printf '[default]\nregion = us-east-1\n[profile x]\nrole_arn = a\n[services s]\nec2 =\n  endpoint_url = http://h\n' \
  > "$corpus/config/seed"
# The snapshot parser's: the JSON seeds, and a snapshot's shapes (escapes, numbers, nesting).
cp "$corpus"/json/* "$corpus/json_sax/" 2>/dev/null || true
printf '{"format": "ssmlink-snapshot", "version": 1, "vpcs": [{"id": "vpc-1", "dns_support": null}],\n "n": [-1, 65535, 1.5e3, 18446744073709551616], "s": "\\u00e9\\ud83d\\udd12\\n\\"caf\xc3\xa9"}\n' \
  > "$corpus/json_sax/seed"
for target in xml_response_fuzz:xml json_response_fuzz:json config_fuzz:config json_sax_fuzz:json_sax; do
  name=${target%%:*}
  dir=${target##*:}
  echo "fuzz: $name for ${seconds}s"
  (cd "$corpus" && "$OLDPWD/$build/fuzz/$name" -max_total_time="$seconds" -max_len=8192 \
     -print_final_stats=1 "$corpus/$dir" 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' || true)
  # libFuzzer leaves crash-* files in the working directory when it finds something.
  if ls "$corpus"/crash-* "$corpus"/leak-* "$corpus"/timeout-* >/dev/null 2>&1; then
    echo "fuzz: $name found a failing input" >&2
    exit 1
  fi
done
