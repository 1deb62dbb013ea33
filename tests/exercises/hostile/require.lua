-- expect: exercises/require.lua:2: error: attempt to call a nil value (global 'require')
local socket = require("socket")
