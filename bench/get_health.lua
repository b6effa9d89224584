-- wrk script: GET /api/v1/health, by default alongside the plan load, one request a second per
-- connection; PACE_MS=0 sends back to back (the server's floor: a request that does no work).
local pace = tonumber(os.getenv("PACE_MS") or "1000")
function delay() return pace end

function done(summary, latency, requests)
  local e = summary.errors
  local f = io.open(os.getenv("OUT"), "w")
  f:write(string.format('{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, "errors": %d}',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, e.connect + e.read + e.write + e.timeout + e.status))
  f:close()
end
