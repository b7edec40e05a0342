#!/usr/bin/env bash
# ssmlink up/down against the AWS CLI on the same emulator, the same template (the bytes
# `ssmlink template --resolved` prints, which up sends) and a fixed provisioning time per
# resource. For each command: wall seconds, the delay from the stack's terminal event to
# the command's exit, the API calls it made (the emulator's request log) and peak memory.
# The AWS CLI is `create-stack` + `wait stack-create-complete` and `delete-stack` + `wait
# stack-delete-complete` (its waiter polls every 30 s). Measured, never asserted.
# BUILD=DIR (default build), PROVISION_MS=N (default 2000), RUNS=N (default 3).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
provision=${PROVISION_MS:-2000}
runs=${RUNS:-3}
for tool in "$build/ssmlink" "$build/emulator/ssmlink-emulator" /usr/bin/aws /usr/bin/time curl; do
  [[ -x $tool || -x $(command -v "$tool" 2>/dev/null) ]] || { echo "up_down: $tool is missing (make build; scripts/setup.sh)" >&2; exit 1; }
done
work=$(mktemp -d)
"$build/emulator/ssmlink-emulator" --port 0 --provision-ms "$provision" --online-delay-ms 200 \
  >"$work/emulator.out" 2>&1 &
emulator=$!
trap 'kill -INT $emulator 2>/dev/null; wait $emulator 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do grep -q listening "$work/emulator.out" && break; sleep 0.1; done
url=$(sed -n 's/^listening on //p' "$work/emulator.out")

export HOME=$work AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 \
  AWS_DEFAULT_REGION=us-east-1 AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null \
  AWS_ENDPOINT_URL=$url AWS_PAGER=
instance=i-0a1b2c3d4e5f67890 vpc=vpc-0f00d1e2c3b4a5968
stack=ssmlink-$vpc
aws() { /usr/bin/aws --endpoint-url "$url" "$@"; }
"$build/ssmlink" template --resolved --region us-east-1 --vpc $vpc \
  --subnet subnet-0123456789abcdef0 --instance-sg sg-0aa11bb22cc33dd44 >"$work/template.yaml"

# The stack's last event (its terminal status) as epoch seconds, by stack ID.
terminal_event() {
  aws cloudformation describe-stack-events --stack-name "$1" \
    --query 'StackEvents[0].Timestamp' --output text |
    /usr/bin/python3 -c 'import sys,datetime; print(datetime.datetime.fromisoformat(sys.stdin.read().strip().replace("Z","+00:00")).timestamp())'
}
stack_id() { aws cloudformation describe-stacks --stack-name "$stack" --query 'Stacks[0].StackId' --output text; }

# measure NAME COMMAND...: runs it under /usr/bin/time with a clean request log; sets
# seconds, peak_mb, calls, exited_at.
measure() {
  curl -s -X DELETE "$url/_emulator/requests" >/dev/null
  /usr/bin/time -f '%e %M' -o "$work/time" bash -c "$*" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  exited_at=$(date +%s.%N)
  read -r seconds peak_kb <"$work/time"
  peak_mb=$(awk -v k="$peak_kb" 'BEGIN { printf "%.1f", k / 1024 }')
  calls=$(curl -s "$url/_emulator/requests" | grep -c '"action"' || true)
}

printf '%-44s %8s %12s %6s %8s\n' command seconds exit_delay_s calls peak_MB
row() { printf '%-44s %8s %12.2f %6s %8s\n' "$1" "$seconds" "$(awk -v a="$exited_at" -v b="$2" 'BEGIN { print a - b }')" "$calls" "$peak_mb"; }
for _ in $(seq "$runs"); do
  measure "'$build/ssmlink' up --instance $instance --no-wait-online"
  id=$(stack_id); row "ssmlink up --instance (preflight included)" "$(terminal_event "$id")"
  measure "'$build/ssmlink' down --stack $stack"
  row "ssmlink down --stack" "$(terminal_event "$id")"

  measure "/usr/bin/aws --endpoint-url $url cloudformation create-stack --stack-name $stack --template-body file://$work/template.yaml >/dev/null && /usr/bin/aws --endpoint-url $url cloudformation wait stack-create-complete --stack-name $stack"
  id=$(stack_id); row "aws create-stack + wait stack-create-complete" "$(terminal_event "$id")"
  measure "/usr/bin/aws --endpoint-url $url cloudformation delete-stack --stack-name $stack && /usr/bin/aws --endpoint-url $url cloudformation wait stack-delete-complete --stack-name $stack"
  row "aws delete-stack + wait stack-delete-complete" "$(terminal_event "$id")"
done
