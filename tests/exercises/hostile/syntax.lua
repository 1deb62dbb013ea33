-- expect: exercises/syntax.lua:4: error: '}' expected (to close '{' at line 2) near 'intro'
return exercise {
  title = "Missing a comma"
  intro = "..."
}
