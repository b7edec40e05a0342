#!/usr/bin/env bash
# Runs ssmlink's benchmarks and prints their numbers. Reproducible: same machine, same
# command; nothing here is asserted by the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
# -O2 (RelWithDebInfo): GCC 12 at -O3 raises a false -Wrestrict in libstdc++.
build=build-bench
cmake -S . -B $build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSSMLINK_BENCH=ON >/dev/null
cmake --build $build -j "$(nproc)" >/dev/null

echo "== one SigV4 signature (sign_request, EC2 POST with a session token)"
$build/bench/sign_bench --benchmark_filter='^SignRequest$' --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true 2>/dev/null | grep -E '_median'
echo "== one signed call (AwsClient::query DescribeVpcs over kept-alive loopback HTTP)"
$build/bench/signed_call_bench --benchmark_repetitions=5 \
  --benchmark_report_aggregates_only=true 2>/dev/null | grep -E '_median'
echo "== the emulator: DescribeStackEvents answered per second (in-process, signed, loopback)"
$build/bench/emulator_throughput
echo "== doctor's scaling: doctor --snapshot FILE --all on generated snapshots (bench/doctor_scaling.sh)"
BUILD=$build bash bench/doctor_scaling.sh
echo "== doctor --org: 1,000 accounts x 4 regions on the emulator, beside an AWS CLI loop (bench/org_audit.sh)"
BUILD=$build bash bench/org_audit.sh
echo "== up --stackset: 200 accounts x 2 regions on the emulator, beside an AWS CLI loop (bench/stackset.sh)"
BUILD=$build bash bench/stackset.sh
