-- expect: exercises/empty-loop.lua:2: error: script ran too long (more than 100 million steps)
while true do end
