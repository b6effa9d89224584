-- wrk script: GET /api/v1/health alongside the plan load, one request a second per connection.
function delay() return 1000 end

function done(summary, latency, requests)
  local e = summary.errors
  local f = io.open(os.getenv("OUT"), "w")
  f:write(string.format('{"requests": %d, "p50_ms": %.2f, "p99_ms": %.2f, "errors": %d}', summary.requests,
    latency:percentile(50) / 1e3, latency:percentile(99) / 1e3, e.connect + e.read + e.write + e.timeout + e.status))
  f:close()
end
