-- expect: exercises/shared-text.lua:7: error: the returned tables hold too much text
-- One megabyte of text shared a thousand times: small in Lua, a gigabyte
-- as JSON.  The conversion refuses it.
local s = string.rep("x", 1e6)
local fields = {}
for i = 1, 1000 do
  fields[i] = long_text { id = "f" .. i, label = s }
end
return exercise { title = "Shared", fields = fields }
