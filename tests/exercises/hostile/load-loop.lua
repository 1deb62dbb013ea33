-- expect: exercises/load-loop.lua:4: error: script ran too long (more than 100 million steps)
-- Text chunks may be loaded; what they run counts against the same budget.
local endless = load("while true do end")
endless()
