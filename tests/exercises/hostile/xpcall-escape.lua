-- expect: exercises/xpcall-escape.lua:3: error: script ran too long (more than 100 million steps)
-- A message handler that loops too does not get the script out.
xpcall(function() while true do end end, function() while true do end end)
