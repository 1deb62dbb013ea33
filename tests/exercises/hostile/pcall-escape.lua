-- expect: exercises/pcall-escape.lua:4: error: script ran too long (more than 100 million steps)
-- Catching the limit's error does not help: pcall passes it on.
while true do
  pcall(function() while true do end end)
end
