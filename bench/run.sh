#!/usr/bin/env bash
# bench/run.sh latency|fanout|connections|slow-consumers|compare [--option value ...]   (see bench/README.md)
# Installs the pinned Node packages on first use (npm ci), raises the open-file limit for many sockets, runs bench.js.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
command -v node >/dev/null || { echo "bench: node (20+) not found" >&2; exit 1; }
[[ -d node_modules/socket.io-client ]] || npm ci --no-audit --no-fund
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# BENCH_NICE=-10 runs the swarm, the simulator and the reference server at a higher CPU priority than concurrent
# builds (root only); renice the system under test the same way (see README.md) so both targets are treated alike.
if [[ -n "${BENCH_NICE:-}" ]]; then exec nice -n "$BENCH_NICE" node bench.js "$@"; fi
exec node bench.js "$@"
