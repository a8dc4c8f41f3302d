#!/usr/bin/env bash
# customer-service benchmark, one command from the repository root or anywhere:
#   customer-service/bench.sh [rows=1000000] [connections=8] [seconds=30]
# Builds the module (tests skipped) and starts io.callcenter.customers.bench.CustomerBenchmark in the background:
# embedded PostgreSQL, the service on a random port, a timed CSV import through HTTP, search bodies written to
# customer-service/target/bench/control. Then the search load runs in ANOTHER process, wrk (installed with apt when
# missing), pinned to CPU $WRK_CPU (default 1) with a Lua script that POSTs the bodies in turn: a warm-up, then
# exact and partial searches with 1 and with $connections connections (closed loop, latency at the client), then
# with $connections connections that each pause EXACT_THINK_MS / PARTIAL_THINK_MS after every answer (paced load:
# a fixed pause keeps the connections in step, i.e. bursts of $connections requests), then the same with pauses drawn
# at random around the same mean (*-paced-random: requests arrive spread out, like independent callers').
# BENCH_PHASES="exact-paced exact-paced-random" runs only the named phases after the warm-ups (short iterations).
# The service JVM and PostgreSQL (its child) run on CPUs $SERVICE_CPUS (default: all); $SERVICE_JAVA_OPTS is added
# to the service JVM's options (e.g. -Dspring.datasource.hikari.maximum-pool-size=12 to compare settings).
# BENCH_NICE (default 0) is the niceness of the service, PostgreSQL and wrk: on a machine shared with other work,
# e.g. BENCH_NICE=-10 (root only) lets the measured processes win the cores from the rest, as on a dedicated host.
# With the kernel's autogroup scheduling (/proc/sys/kernel/sched_autogroup_enabled = 1) niceness only ranks
# processes within one session, so the script also gives its session's autogroup that niceness (after the build).
# Results: customer-service/target/bench/customer-service.json (import, in-process latencies) and
# customer-service/target/bench/wrk.jsonl (one line per load phase). Run it under `flock /tmp/bench.lock` when the
# machine is shared with other benchmarks.
set -euo pipefail
ROWS=${1:-1000000}
CONNECTIONS=${2:-8}
SECONDS_PER_PHASE=${3:-30}
WRK_CPU=${WRK_CPU:-1}
SERVICE_CPUS=${SERVICE_CPUS:-0-$(($(nproc) - 1))}
BENCH_NICE=${BENCH_NICE:-0}
EXACT_THINK_MS=${EXACT_THINK_MS:-10}     # paced phases: 8 connections -> at most ~800 exact searches/s
PARTIAL_THINK_MS=${PARTIAL_THINK_MS:-20} # and at most ~400 partial searches/s
PHASES=${BENCH_PHASES:-all} # e.g. "exact-paced partial-paced" for short iterations (the warm-ups always run)
cd "$(dirname "$0")/.."
MODULE=customer-service
BENCH=$MODULE/target/bench
CONTROL=$BENCH/control

if ! command -v wrk >/dev/null; then
    echo "[bench] installing wrk" >&2
    apt-get update -qq && apt-get install -y -qq wrk >/dev/null
fi
mvn -B -q -o install -DskipTests -pl $MODULE
mvn -B -q -o dependency:build-classpath -pl $MODULE -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
AUTOGROUP_NICE=
if [ "$BENCH_NICE" != 0 ] && [ -w /proc/self/autogroup ]; then
    AUTOGROUP_NICE=$(awk '{ print $3 }' /proc/self/autogroup) # restored on exit: the session outlives the script
    echo "$BENCH_NICE" > /proc/self/autogroup
fi
mkdir -p "$CONTROL"
rm -f "$CONTROL/ready" "$CONTROL/stop" "$BENCH/wrk.jsonl"

# ParallelGC with a 64 MB young generation: young pauses of ~2-4 ms (max 11 ms) every second or so under load,
# instead of G1's 10-45 ms every 5-20 s with its ~600 MB eden (GC logs of 200,000-row runs, /work/notes/customers-tail.md)
# shellcheck disable=SC2086 # SERVICE_JAVA_OPTS holds several options
nice -n "$BENCH_NICE" taskset -c "$SERVICE_CPUS" java -Xms1g -Xmx2g -XX:+UseParallelGC -Xmn64m ${SERVICE_JAVA_OPTS:-} \
    -cp "$MODULE/target/test-classes:$MODULE/target/classes:$(cat $MODULE/target/bench.classpath)" \
    io.callcenter.customers.bench.CustomerBenchmark "$ROWS" "$CONTROL" "$BENCH/customer-service.json" &
SERVICE=$!
trap 'touch "$CONTROL/stop"; wait $SERVICE 2>/dev/null || true
      [ -z "$AUTOGROUP_NICE" ] || echo "$AUTOGROUP_NICE" > /proc/self/autogroup' EXIT
until [ -f "$CONTROL/ready" ]; do
    kill -0 $SERVICE 2>/dev/null || { echo "[bench] the service side ended before it was ready" >&2; exit 1; }
    sleep 1
done
URL=$(cat "$CONTROL/ready")

service_cpu_ticks() { # CPU ticks (1/100 s) used so far by the service JVM and its descendants (PostgreSQL)
    local pids
    pids=$(ps -e -o pid=,ppid= | awk -v root="$SERVICE" '{ parent[$1] = $2 } END {
        for (p in parent) { q = p; while (q in parent && q != root && q > 1) q = parent[q]; if (q == root) print p } }')
    for pid in $pids; do cat /proc/"$pid"/stat 2>/dev/null || true; done |
        awk '{ sub(/^.*\) /, ""); total += $12 + $13 } END { print total + 0 }'
}

load() { # label connections seconds bodies-file [think-time-ms [random]]
    local load_before ticks_before line
    case " $PHASES " in *" $1 "*|*" all "*) ;; *) [[ $1 == warm-up-* ]] || return 0 ;; esac
    load_before=$(cut -d' ' -f1 /proc/loadavg)
    echo "[bench] $(date +%T) $1: $2 connection(s), $3 s, nice $BENCH_NICE, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    ticks_before=$(service_cpu_ticks)
    line=$(BENCH_LABEL=$1 BENCH_DELAY_MS=${5:-0} BENCH_DELAY_RANDOM=$([ "${6:-}" = random ] && echo 1 || echo 0) nice -n "$BENCH_NICE" taskset -c "$WRK_CPU" wrk -t1 -c"$2" -d"$3"s --latency -s $MODULE/bench-search.lua \
        "$URL" -- "$CONTROL/$4" | grep '^{"label"')
    # service + PostgreSQL CPU per request: hardly depends on what else runs on the machine, unlike latency
    line=$(awk -v l="$line" -v t=$(($(service_cpu_ticks) - ticks_before)) -v a="$load_before" \
        -v b="$(cut -d' ' -f1 /proc/loadavg)" -v c="$2" 'BEGIN { match(l, /"requests":[0-9]+/);
        split(substr(l, RSTART, RLENGTH), r, ":"); sub(/}$/, "", l);
        printf "%s,\"serviceCpuMsPerRequest\":%.2f,\"load1Before\":%s,\"load1After\":%s,\"connections\":%s}\n",
            l, t * 10 / (r[2] > 0 ? r[2] : 1), a, b, c }')
    echo "$line" | tee -a "$BENCH/wrk.jsonl"
}
load warm-up-exact "$CONNECTIONS" 15 exact.txt >/dev/null
load warm-up-partial "$CONNECTIONS" 15 partial.txt >/dev/null
load exact-1-client 1 "$SECONDS_PER_PHASE" exact.txt
load partial-1-client 1 "$SECONDS_PER_PHASE" partial.txt
load exact "$CONNECTIONS" "$SECONDS_PER_PHASE" exact.txt
load partial "$CONNECTIONS" "$SECONDS_PER_PHASE" partial.txt
load partial-ending "$CONNECTIONS" "$SECONDS_PER_PHASE" partial-ending.txt
load partial-middle "$CONNECTIONS" "$SECONDS_PER_PHASE" partial-middle.txt
# the same connections with think time: a steady load below saturation (at most connections x 1000 / think-time
# requests per second), i.e. latency without the queueing of a closed loop that keeps both cores at 100 %
load exact-paced "$CONNECTIONS" "$SECONDS_PER_PHASE" exact.txt "$EXACT_THINK_MS"
load partial-paced "$CONNECTIONS" "$SECONDS_PER_PHASE" partial.txt "$PARTIAL_THINK_MS"
# the same mean think time drawn at random (exponential): connections that start together and pause exactly alike
# stay in step, so the fixed pause sends all of them at once, every time (bursts of $CONNECTIONS requests); random
# pauses spread them out like independent callers (roughly Poisson arrivals at the same mean rate)
load exact-paced-random "$CONNECTIONS" "$SECONDS_PER_PHASE" exact.txt "$EXACT_THINK_MS" random
load partial-paced-random "$CONNECTIONS" "$SECONDS_PER_PHASE" partial.txt "$PARTIAL_THINK_MS" random
echo "[bench] $(date +%T) load average at the end $(cut -d' ' -f1-3 /proc/loadavg)" >&2
touch "$CONTROL/stop"
wait $SERVICE
[ -z "$AUTOGROUP_NICE" ] || echo "$AUTOGROUP_NICE" > /proc/self/autogroup
trap - EXIT
