-- expect: exercises/string-doubling.lua:5: error: script used more than 32 MiB of memory
-- Memory bomb: a string that doubles until memory runs out.
local s = "x"
while true do
  s = s .. s
end
