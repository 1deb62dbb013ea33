-- expect: exercises/bytecode.lua:3: error: attempt to load a binary chunk (mode is 't')
-- A binary chunk given to load is refused (text chunks only).
local f = assert(load("\27LuaT\0\25\147\13\10\26\10\4\8\8xV\0\0\0\0\0\0\0\0\0\0\0(w@"))
