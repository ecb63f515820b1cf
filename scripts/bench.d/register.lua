-- Registers a new account on every request (unique addresses per thread and request).
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args) n = 0 end
function request()
  n = n + 1
  return wrk.format("POST", "/auth/accounts/register", { ["Content-Type"] = "application/json" },
    string.format('{"email":"flood-%d-%d@example.com","password":"correct horse battery","name":"Flood"}', id, n))
end
