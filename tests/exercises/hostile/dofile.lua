-- expect: exercises/dofile.lua:2: error: attempt to call a nil value (global 'dofile')
dofile("/etc/passwd")
