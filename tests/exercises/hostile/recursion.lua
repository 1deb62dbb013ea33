-- expect: exercises/recursion.lua:3: error: script used more than 32 MiB of memory
local function deeper(n)
  return 1 + deeper(n + 1)
end
deeper(1)
