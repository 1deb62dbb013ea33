-- expect: exercises/table-growing.lua:7: error: script used more than 32 MiB of memory
-- Memory bomb: a table that grows forever.
local t = {}
local i = 0
while true do
  i = i + 1
  t[i] = { i, "a string of some length to fill memory faster" .. i }
end
