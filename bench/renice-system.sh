#!/usr/bin/env bash
# bench/renice-system.sh [NICE]: give every thread of the running system (./callcenter up: the services, the Kafka
# broker and PostgreSQL started by it) the same CPU priority as BENCH_NICE, so that the system under test and the
# reference server compete alike against concurrent builds. Root only. State dir: CALLCENTER_ROOT/.callcenter.
set -euo pipefail
NICE="${1:-${BENCH_NICE:--10}}"
STATE="${CALLCENTER_STATE_DIR:-${CALLCENTER_ROOT:-$(cd "$(dirname "$0")/.." && pwd)}/.callcenter}"
pids=()
for f in "$STATE"/pids/*.pid; do
  pid="$(cat "$f")"
  pids+=("$pid" $(pgrep -g "$pid" || true))          # services are started with setsid: group = pid
done
for pm in $(pgrep -x postgres || true); do            # the system's postmaster and its backends only
  if tr '\0' ' ' <"/proc/$pm/cmdline" 2>/dev/null | grep -q -- "-D $STATE/"; then pids+=("$pm" $(pgrep -P "$pm" || true)); fi
done
n=0
for pid in "${pids[@]}"; do
  for task in /proc/"$pid"/task/*; do renice -n "$NICE" -p "${task##*/}" >/dev/null 2>&1 && n=$((n + 1)) || true; done
  echo "$NICE" >"/proc/$pid/autogroup" 2>/dev/null || true   # sched_autogroup: the session's share counts, not only nice
done
echo "reniced $n threads of ${#pids[@]} processes to $NICE"
