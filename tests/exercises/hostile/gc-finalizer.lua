-- expect: exercises/gc-finalizer.lua:3: error: finalizers (__gc) are not available to exercise scripts
-- A finalizer that never ends runs under the same limits as the script.
setmetatable({}, { __gc = function() while true do end end })
collectgarbage()
while true do end
