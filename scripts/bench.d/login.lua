-- Logs in with the right password, cycling over 16 accounts (storm-0 .. storm-15, registered
-- beforehand): a storm of many users, not one account hammered (that one would be locked out).
local n = 0
function request()
  n = n + 1
  return wrk.format("POST", "/auth/accounts/login", { ["Content-Type"] = "application/json" },
    string.format('{"email":"storm-%d@example.com","password":"correct horse battery"}', n % 16))
end
