-- expect: exercises/table-move.lua: error: script did not finish within 2 seconds
-- A C loop over 2^63 positions: only the time limit stops it.
table.move({}, 1, math.maxinteger - 1, 1)
