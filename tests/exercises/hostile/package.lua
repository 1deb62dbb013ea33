-- expect: exercises/package.lua:2: error: attempt to index a nil value (global 'package')
package.loadlib("libc.so.6", "system")
