-- expect: exercises/returns-number.lua: error: the script must end with `return exercise { ... }`; it returned a number
return 42
