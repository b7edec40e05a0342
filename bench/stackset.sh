#!/usr/bin/env bash
# up --stackset at scale: the emulator with ACCOUNTS member accounts (default 200), and
# `ssmlink up --stackset --regions us-east-1,eu-west-1 --max-concurrent C
# --region-concurrency parallel` under /usr/bin/time (the audit, the StackSet and one
# operation per VPC without a path), then `ssmlink down --stackset`. Beside it, what a
# person would script with Debian's AWS CLI for the same targets (ssmlink's JSON names
# them): a stack set, then create-stack-instances with the overrides and a wait for each,
# one after another, for the first SAMPLE targets, and that rate for all. The emulator's
# Timings (300 ms a resource) make a stack take about a second, where AWS takes minutes,
# so this measures ssmlink's own overhead and concurrency, not AWS's speed.
# Measured, never asserted. BUILD=DIR (default build), ACCOUNTS, CONCURRENCY, SAMPLE.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
accounts=${ACCOUNTS:-200}
concurrency=${CONCURRENCY:-8}
sample=${SAMPLE:-5}
regions=us-east-1,eu-west-1
for tool in "$build/ssmlink" "$build/emulator/ssmlink-emulator" /usr/bin/time /usr/bin/aws /usr/bin/python3; do
  [[ -x $tool ]] || { echo "stackset: $tool is missing (build first)" >&2; exit 1; }
done
work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
"$build/emulator/ssmlink-emulator" --port "$port" --accounts "$accounts" --seed 1 \
  >"$work/emulator.log" 2>&1 &
emulator=$!
trap 'kill $emulator 2>/dev/null; wait $emulator 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do
  curl -sf "http://127.0.0.1:$port/_emulator/health" >/dev/null && break
  sleep 0.1
done
export HOME=$work AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1 \
  AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=
endpoint=http://127.0.0.1:$port

status=0
AWS_ENDPOINT_URL=$endpoint /usr/bin/time -f '%e %M' -o "$work/up.time" "$build/ssmlink" up \
  --stackset --regions "$regions" --max-concurrent "$concurrency" --region-concurrency parallel \
  --max-concurrency 16 --output json >"$work/up.json" || status=$?
[[ $status -eq 0 ]] || { echo "stackset: ssmlink up --stackset exited $status" >&2; exit 1; }
read -r up_seconds up_kb < <(tail -n 1 "$work/up.time")
/usr/bin/aws cloudformation describe-stack-set --endpoint-url "$endpoint" \
  --stack-set-name ssmlink-endpoints --query StackSet.TemplateBody --output text >"$work/template.yaml"
AWS_ENDPOINT_URL=$endpoint /usr/bin/time -f '%e %M' -o "$work/down.time" "$build/ssmlink" down \
  --stackset --max-concurrent 20 >/dev/null
read -r down_seconds _ < <(tail -n 1 "$work/down.time")
/usr/bin/python3 - "$work/up.json" >"$work/targets" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
for r in report["results"]:
    if r["outcome"] == "deployed":
        print(r["account"], r["region"], r["vpc"], ",".join(r["subnets"]))
PY
deployed=$(wc -l <"$work/targets")
echo "ssmlink up --stackset: $((accounts + 1)) accounts x 2 regions, --max-concurrent $concurrency per region, regions in parallel"
printf '  %s s (audit and %s stack instances), %.0f MB peak; down --stackset %s s\n' \
  "$up_seconds" "$deployed" "$(awk -v k="$up_kb" 'BEGIN { print k / 1024 }')" "$down_seconds"

# The AWS CLI, one target after another, for the first $sample targets.
root=$(/usr/bin/aws organizations list-roots --endpoint-url "$endpoint" --query 'Roots[0].Id' --output text)
/usr/bin/aws cloudformation create-stack-set --endpoint-url "$endpoint" --stack-set-name cli-bench \
  --template-body "file://$work/template.yaml" --permission-model SERVICE_MANAGED \
  --auto-deployment Enabled=false --managed-execution Active=true >/dev/null
start=$(date +%s.%N)
head -n "$sample" "$work/targets" | while read -r account region vpc subnets; do
  operation=$(/usr/bin/aws cloudformation create-stack-instances --endpoint-url "$endpoint" \
    --stack-set-name cli-bench --regions "$region" \
    --deployment-targets "OrganizationalUnitIds=$root,Accounts=$account,AccountFilterType=INTERSECTION" \
    --parameter-overrides "ParameterKey=VpcId,ParameterValue=$vpc" \
    "ParameterKey=SubnetIds,ParameterValue='$subnets'" "ParameterKey=SourceCidr,ParameterValue=10.0.0.0/8" \
    --query OperationId --output text)
  while true; do
    state=$(/usr/bin/aws cloudformation describe-stack-set-operation --endpoint-url "$endpoint" \
      --stack-set-name cli-bench --operation-id "$operation" --query StackSetOperation.Status --output text)
    [[ $state == RUNNING || $state == QUEUED ]] || break
    sleep 1
  done
done
cli_seconds=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "AWS CLI, one target after another: $cli_seconds s for $sample targets"
awk -v t="$cli_seconds" -v n="$sample" -v all="$deployed" \
  'BEGIN { printf "  about %.0f s for all %d\n", t / n * all, all }'
