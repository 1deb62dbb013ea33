-- expect: exercises/c-recursion.lua:4: error: C stack overflow
-- Recursion through a C function (gsub calling back into Lua).
local function again(s)
  return (string.gsub(s, "x", again))
end
again("x")
