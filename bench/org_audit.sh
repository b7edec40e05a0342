#!/usr/bin/env bash
# doctor --org at scale: the emulator with ACCOUNTS member accounts (default 1,000; each
# with networks and instances in 4 regions, some broken, some throttled, some unreadable),
# and `ssmlink doctor --org --regions <4> --max-concurrency C --output json --stream` under
# /usr/bin/time: seconds and peak memory (issue 15's target: 1,000 x 4 in under 2 minutes on
# 2 cores, memory bounded). Beside it, the loop a person would write with Debian's AWS CLI
# (assume-role, then describe-instances and describe-instance-information per region:
# fewer calls than doctor makes) over the first SAMPLE accounts, and that rate for all.
# Measured, never asserted. BUILD=DIR (default build), ACCOUNTS, CONCURRENCY, SAMPLE.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
accounts=${ACCOUNTS:-1000}
concurrency=${CONCURRENCY:-16}
sample=${SAMPLE:-10}
regions=us-east-1,eu-west-1,ap-southeast-2,af-south-1
for tool in "$build/ssmlink" "$build/emulator/ssmlink-emulator" /usr/bin/time /usr/bin/aws; do
  [[ -x $tool ]] || { echo "org_audit: $tool is missing (build first)" >&2; exit 1; }
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
AWS_ENDPOINT_URL=$endpoint /usr/bin/time -f '%e %M' -o "$work/time" "$build/ssmlink" doctor \
  --org --regions "$regions" --max-concurrency "$concurrency" --output json --stream \
  >"$work/report.jsonl" || status=$?
[[ $status -eq 0 || $status -eq 3 || $status -eq 1 ]] || { echo "org_audit: ssmlink exited $status" >&2; exit 1; }
read -r seconds peak_kb < <(tail -n 1 "$work/time")
totals=$(tail -n 1 "$work/report.jsonl")
echo "ssmlink doctor --org: $((accounts + 1)) accounts x 4 regions, --max-concurrency $concurrency"
printf '  %s s, %.0f MB peak\n' "$seconds" "$(awk -v k="$peak_kb" 'BEGIN { print k / 1024 }')"
echo "  $totals"

# The AWS CLI loop, one account after another, for the first $sample members.
listed=$(/usr/bin/aws organizations list-accounts --endpoint-url "$endpoint" \
  --query 'Accounts[1:].Id' --output text)
ids=$(tr '\t' '\n' <<<"$listed" | head -n "$sample")
start=$(date +%s.%N)
for id in $ids; do
  credentials=$(/usr/bin/aws sts assume-role --endpoint-url "$endpoint" --output text \
    --role-arn "arn:aws:iam::$id:role/OrganizationAccountAccessRole" --role-session-name bench \
    --query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' 2>/dev/null) || continue
  read -r key secret token <<<"$credentials"
  for region in ${regions//,/ }; do
    AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
      /usr/bin/aws ec2 describe-instances --endpoint-url "$endpoint" --region "$region" >/dev/null 2>&1 || true
    AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret AWS_SESSION_TOKEN=$token \
      /usr/bin/aws ssm describe-instance-information --endpoint-url "$endpoint" --region "$region" >/dev/null 2>&1 || true
  done
done
elapsed=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
echo "AWS CLI loop (assume-role + 2 calls per region), $sample accounts: $elapsed s"
awk -v t="$elapsed" -v n="$sample" -v a="$accounts" \
  'BEGIN { printf "  at that rate, %d accounts: %.0f s (%.1f min)\n", a, t / n * a, t / n * a / 60 }'
