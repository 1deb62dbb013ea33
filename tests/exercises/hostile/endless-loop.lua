-- expect: exercises/endless-loop.lua:4: error: script ran too long (more than 100 million steps)
-- A loop that never ends: the instruction budget stops it at this line.
local n = 0
while true do n = n + 1 end
