-- wrk script for customer-service/bench.sh: POSTs /api/customers/search with the bodies of a file (one JSON body
-- per line), in turn, and prints one JSON line of results. Run with one wrk thread (-t1), e.g.
--   BENCH_LABEL=exact wrk -t1 -c8 -d30s --latency -s bench-search.lua http://127.0.0.1:PORT -- exact.txt
-- BENCH_DELAY_MS > 0: each connection pauses that long after every response (a client with think time), so the
-- load is a steady rate below saturation instead of a closed loop at full speed.
local requests = {}
local next_request = 0
local delay_ms = tonumber(os.getenv("BENCH_DELAY_MS") or "0")

-- BENCH_DELAY_RANDOM=1: the pause is drawn from an exponential distribution with mean BENCH_DELAY_MS, so the
-- connections drift apart and requests arrive like independent callers' (roughly Poisson) instead of in bursts of
-- all connections at once (with a fixed pause, connections that started together stay in step).
local delay_random = os.getenv("BENCH_DELAY_RANDOM") == "1"

if delay_ms > 0 and delay_random then
  math.randomseed(42)
  function delay()
    return math.floor(-delay_ms * math.log(1 - math.random()) + 0.5)
  end
elseif delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

function init(args)
  local headers = {["Content-Type"] = "application/json"}
  for line in io.lines(args[1]) do
    requests[#requests + 1] = wrk.format("POST", "/api/customers/search", headers, line)
  end
  if #requests == 0 then
    error("no search bodies in " .. args[1])
  end
end

function request()
  next_request = next_request % #requests + 1
  return requests[next_request]
end

function done(summary, latency, _)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    '{"label":"%s","requests":%d,"seconds":%.1f,"requestsPerSecond":%.0f,"p50Ms":%.2f,"p95Ms":%.2f,' ..
    '"p99Ms":%.2f,"maxMs":%.2f,"non2xx":%d,"socketErrors":%d,"delayMs":%d,"delay":"%s"}\n',
    os.getenv("BENCH_LABEL") or "search", summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout, delay_ms,
    delay_ms == 0 and "none" or (delay_random and "exponential" or "fixed")))
end
