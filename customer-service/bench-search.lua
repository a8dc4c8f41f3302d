-- wrk script for customer-service/bench.sh: POSTs /api/customers/search with the bodies of a file (one JSON body
-- per line), in turn, and prints one JSON line of results. Run with one wrk thread (-t1), e.g.
--   BENCH_LABEL=exact wrk -t1 -c8 -d30s --latency -s bench-search.lua http://127.0.0.1:PORT -- exact.txt
local requests = {}
local next_request = 0

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
    '"p99Ms":%.2f,"maxMs":%.2f,"non2xx":%d,"socketErrors":%d}\n',
    os.getenv("BENCH_LABEL") or "search", summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
