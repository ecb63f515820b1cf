-- Spends a fresh refresh token on every request: each wrk thread starts with its own file of
-- tokens (one per connection and a spare, from separate log-ins) and puts back the successor each answer
-- carries, so no token is presented twice (a second presentation would be reuse).
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  pool = {}
  for line in io.lines(os.getenv("TOKENS_DIR") .. "/tokens-" .. id .. ".txt") do
    pool[#pool + 1] = line
  end
end
function request()
  local token = table.remove(pool) or "spent"
  return wrk.format("POST", "/auth/accounts/refresh", { ["Content-Type"] = "application/json" },
    '{"refreshToken":"' .. token .. '"}')
end
function response(status, headers, body)
  local token = body:match('"refreshToken":"([^"]+)"')
  if token then pool[#pool + 1] = token end
end
