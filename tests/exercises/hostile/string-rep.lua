-- expect: exercises/string-rep.lua: error: script used more than 32 MiB of memory
-- One C call asking for a gigabyte.
local s = string.rep("x", 1e9)
return exercise { title = s }
