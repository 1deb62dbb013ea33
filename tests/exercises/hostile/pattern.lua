-- expect: exercises/pattern.lua: error: script did not finish within 2 seconds
-- A pathological pattern: hours inside string.find, where no hook runs.
local s = string.rep("a", 1e6)
return string.find(s, ".-.-.-.-.-.-b")
