-- expect: exercises/returns-nothing.lua: error: the script must end with `return exercise { ... }`; it returned nothing
local x = 1
