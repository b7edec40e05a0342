#!/usr/bin/env bash
# A session's costs, ssmlink against the AWS CLI + AWS's session-manager-plugin on the same
# emulator (scenario endpoints-present: the instance is Online): wall time of a session
# that runs `true` (StartSession, WebSocket, handshake, channel_closed: the time to a
# usable session), the output rate of `head -c SIZE /dev/zero` through it, and peak
# memory (RSS of the client process; for the AWS CLI, of the CLI and of the plugin).
# Measured, never asserted. BUILD=DIR (default build), RUNS=N (default 5), MB=N (default 50),
# PLUGIN=PATH (default ../shared/tools/session-manager-plugin/session-manager-plugin).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
runs=${RUNS:-5}
mb=${MB:-50}
plugin=${PLUGIN:-../shared/tools/session-manager-plugin/session-manager-plugin}
for tool in "$build/ssmlink" "$build/emulator/ssmlink-emulator" /usr/bin/aws /usr/bin/time "$plugin"; do
  [[ -x $tool ]] || { echo "session bench: $tool is missing" >&2; exit 1; }
done
work=$(mktemp -d)
"$build/emulator/ssmlink-emulator" --port 0 --scenario builtin:endpoints-present \
  --online-delay-ms 0 >"$work/emulator.out" 2>&1 &
emulator=$!
trap 'kill -INT $emulator 2>/dev/null; wait $emulator 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q listening "$work/emulator.out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/emulator.out")
mkdir -p "$work/bin" && ln -s "$(realpath "$plugin")" "$work/bin/session-manager-plugin"
export HOME=$work AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 \
  AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  AWS_ENDPOINT_URL=$url AWS_PAGER=
instance=i-0a1b2c3d4e5f67890
sleep 1  # the agent registers

ssmlink_run() { "$build/ssmlink" exec --instance "$instance" --no-up -- "$@"; }
aws_run() {
  PATH="$work/bin:$PATH" /usr/bin/aws --endpoint-url "$url" ssm start-session --target "$instance" \
    --document-name AWS-StartNonInteractiveCommand --parameters "command=[\"$*\"]" < <(sleep 120)
}  # stdin stays open: AWS's plugin ends the session at the end of its input
# median wall seconds of RUNS runs of "$@"
median() {
  for _ in $(seq "$runs"); do
    start=$(date +%s.%N); "$@" >/dev/null 2>&1; end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" 'BEGIN {print e - s}'
  done | sort -n | awk '{a[NR]=$1} END {printf "%.3f", a[int((NR+1)/2)]}'
}
peak_kb() { /usr/bin/time -f %M -o "$work/rss" "$@" >/dev/null 2>&1 || true; cat "$work/rss"; }
rate() {
  start=$(date +%s.%N); bytes=$("$@" 2>/dev/null | wc -c); end=$(date +%s.%N)
  awk -v b="$bytes" -v s="$start" -v e="$end" 'BEGIN {printf "%.1f MiB/s (%d bytes in %.2f s)", b/(e-s)/1048576, b, e-s}'
}

printf "%-34s %16s %16s\n" "" "ssmlink exec" "aws + plugin"
printf "%-34s %16s %16s\n" "session running true, median s" "$(median ssmlink_run true)" "$(median aws_run true)"
ssmlink_rss=$(peak_kb "$build/ssmlink" exec --instance "$instance" --no-up -- true)
aws_rss=$(peak_kb env PATH="$work/bin:$PATH" /usr/bin/aws --endpoint-url "$url" ssm start-session \
  --target "$instance" --document-name AWS-StartNonInteractiveCommand --parameters 'command=["true"]' \
  < <(sleep 120))
# GNU time's %M for the AWS CLI is the larger of the CLI and the plugin it waits for.
printf "%-34s %16s %16s\n" "peak RSS, KiB" "$ssmlink_rss" "$aws_rss"
s=$(rate ssmlink_run head -c "${mb}M" /dev/zero); a=$(rate aws_run head -c "${mb}M" /dev/zero)
echo "output of head -c ${mb}M /dev/zero:"
echo "  ssmlink exec:  $s"
echo "  aws + plugin:  $a   (the plugin prints every payload on stdout, its own lines too)"
