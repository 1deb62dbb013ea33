#!/usr/bin/env python3
"""Make each fuzz target's seeds in OUT/TARGET/, at fuzz time.

    python3 fuzz/seeds.py SHARED OUT

The seeds come from the conformance suites in SHARED/conformance (read
there, never copied into the repository) and from the repository's own
fixtures, each put in its target's input format (fuzz/*.c say what it
is).  Run from the root of the repository.
"""
import glob
import hashlib
import json
import os
import sys


def put(out, target, data):
    """Write data as a seed of target, named by its hash."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def read(path):
    if not os.path.isfile(path):  # a fixture's unreadable "file"
        return b""
    with open(path, "rb") as f:
        return f.read()


def body(page):
    """A page's text after its front matter (the whole text without one)."""
    lines = page.split(b"\n")
    if lines and lines[0].strip() == b"+++":
        for i in range(1, len(lines)):
            if lines[i].strip() == b"+++":
                return b"\n".join(lines[i + 1:])
    return page


def main():
    shared, out = sys.argv[1], sys.argv[2]
    conf = os.path.join(shared, "conformance")

    for path in glob.glob(os.path.join(conf, "toml-test", "tests", "**",
                                       "*.toml"), recursive=True):
        put(out, "toml", read(path))
    for path in ["site.toml"] + glob.glob("tests/sites/**/site.toml",
                                          recursive=True):
        put(out, "toml", read(path))

    pages = glob.glob("content/**/*.md", recursive=True) + \
        glob.glob("tests/sites/**/*.md", recursive=True)
    for path in pages:
        page = read(path)
        put(out, "frontmatter", page)
        put(out, "markdown", body(page))

    for path in glob.glob(os.path.join(conf, "mustache-spec", "*.json")):
        with open(path, encoding="utf-8") as f:
            spec = json.load(f)
        for test in spec.get("tests", []):
            seed = test["template"]
            for name, text in sorted(test.get("partials", {}).items()):
                seed += "\0" + name + "\n" + text
            put(out, "template", seed)
    for path in glob.glob("themes/**/*.mustache", recursive=True) + \
            glob.glob("tests/sites/**/*.mustache", recursive=True):
        put(out, "template", read(path))

    with open("tests/feedback-cases.json", encoding="utf-8") as f:
        cases = json.load(f)["cases"]
    for case in cases:
        put(out, "feedback", json.dumps(case["rules"], ensure_ascii=False)
            + "\0" + case.get("answer", ""))

    for path in glob.glob("tests/sites/**/*.html", recursive=True):
        put(out, "check_page", read(path))


if __name__ == "__main__":
    main()
