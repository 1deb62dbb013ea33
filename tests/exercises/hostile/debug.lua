-- expect: exercises/debug.lua:2: error: attempt to index a nil value (global 'debug')
debug.sethook()
