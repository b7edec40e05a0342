#!/usr/bin/env bash
# doctor's scaling: generated snapshots (bench/make_snapshot) of 1, 100, 10,000 and
# 100,000 instances, and `ssmlink doctor --snapshot FILE --all --output json` on each under
# /usr/bin/time, so that growth shows: seconds and peak memory should grow linearly, µs per
# instance stay flat (issue 5's target: 100,000 instances in under 2 s, text and JSON).
# The text report (the same command without --output json) is timed beside it, and the
# parse alone (bench/snapshot_parse, in-process time and its process's peak).
# Measured, never asserted. Needs a -DSSMLINK_BENCH=ON build: build-bench (bench/run.sh
# makes it) or BUILD=DIR; SIZES="..." to choose the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build-bench}
sizes=${SIZES:-"1 100 10000 100000"}
for tool in "$build/bench/make_snapshot" "$build/bench/snapshot_parse" /usr/bin/time; do
  [[ -x $tool ]] || { echo "doctor_scaling: $tool is missing (bash bench/run.sh builds it)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# doctor --snapshot lands with the doctor issue; until then only the snapshots are measured.
doctor=no
if "$build/ssmlink" doctor --help 2>/dev/null | grep -q -- '--snapshot'; then doctor=yes; fi

# Runs a command under /usr/bin/time; prints "seconds peak_MB". doctor exits 3 when it
# finds a blocking problem, which a realistic region has.
measure() {
  local status=0
  /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$work/out" || status=$?
  if [[ $status -ne 0 && $status -ne 3 ]]; then
    echo "doctor_scaling: $* exited with $status" >&2
    exit 1
  fi
  # The last line: time writes "Command exited with non-zero status 3" above it.
  tail -n 1 "$work/time" | awk '{ printf "%s %.0f\n", $1, $2 / 1024 }'
}

printf '%10s %8s %8s %8s %12s %8s %8s %8s %8s\n' instances size_MB seconds peak_MB us/instance \
  text_s text_MB parse_s parse_MB
for n in $sizes; do
  file=$work/snapshot-$n.json
  "$build/bench/make_snapshot" "$n" -o "$file"
  size_mb=$(stat -c %s "$file" | awk '{ printf "%.1f", $1 / 1e6 }')
  parse=$(measure "$build/bench/snapshot_parse" "$file")
  parse_mb=${parse#* }
  parse_s=$(awk '{ print $1 }' "$work/out")
  seconds=- peak_mb=- per_instance=- text_s=- text_mb=-
  if [[ $doctor == yes ]]; then
    doctor_run=$(measure "$build/ssmlink" doctor --snapshot "$file" --all --output json)
    seconds=${doctor_run% *}
    peak_mb=${doctor_run#* }
    per_instance=$(awk -v s="$seconds" -v n="$n" 'BEGIN { printf "%.1f", s * 1e6 / n }')
    text_run=$(measure "$build/ssmlink" doctor --snapshot "$file" --all)
    text_s=${text_run% *}
    text_mb=${text_run#* }
  fi
  printf '%10s %8s %8s %8s %12s %8s %8s %8s %8s\n' "$n" "$size_mb" "$seconds" "$peak_mb" \
    "$per_instance" "$text_s" "$text_mb" "$parse_s" "$parse_mb"
  rm -f "$file"
done
if [[ $doctor == no ]]; then
  echo "(this build's ssmlink has no doctor --snapshot yet: only the snapshots were measured)"
fi
