-- wrk script for bench/planner.py: POST /api/v1/plan with a rotating set of household bodies.
-- Environment: BODIES (file with one JSON body a line), PACE_MS (0 = back to back, else each
-- connection waits a random think time after a response, uniform on 0…2×PACE_MS so the mean is
-- PACE_MS: independent users, not 50 clocks ticking together), OUT (result JSON file).
local bodies, i = {}, 0
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
local pace = tonumber(os.getenv("PACE_MS") or "0")
local headers = { ["Content-Type"] = "application/json" }

function request()
  i = i % #bodies + 1
  return wrk.format("POST", "/api/v1/plan", headers, bodies[i])
end

if pace > 0 then
  function setup(thread) thread:set("seed", math.random(1, 2147483647)) end
  function init(args) math.randomseed(seed or os.time()) end
  function delay() return math.random(0, 2 * pace) end
end

function done(summary, latency, requests)
  local e = summary.errors
  local f = io.open(os.getenv("OUT"), "w")
  f:write(string.format(
    '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p99_ms": %.2f, "mean_ms": %.2f, "max_ms": %.2f, ' ..
    '"errors": %d, "non_2xx": %d}',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    latency.mean / 1e3, latency.max / 1e3,
    e.connect + e.read + e.write + e.timeout + e.status, e.status))
  f:close()
end
