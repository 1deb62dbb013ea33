#!/usr/bin/env python3
"""Keep a few small inputs that cover what a fuzzing run reached.

    python3 fuzz/keep.py TARGET [MAX_FILES [MAX_LEN]]

Merges build/fuzz/corpus/TARGET/, build/fuzz/seeds/TARGET/ and
fuzz/corpus/TARGET/ with build/fuzz/fuzz_TARGET as libFuzzer does (the
smaller inputs first, each kept when it reaches a coverage edge none before
it did), then makes fuzz/corpus/TARGET/ the MAX_FILES (default 50) of those
that reached most new edges, each of MAX_LEN bytes at most (default 1024):
a few small inputs for make check to replay (tests/check_fuzz_replay.c).
Run from the root of the repository after `make fuzz`.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile


def main():
    target = sys.argv[1]
    max_files = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    max_len = int(sys.argv[3]) if len(sys.argv) > 3 else 1024
    keep = os.path.join("fuzz", "corpus", target)
    dirs = [d for d in (os.path.join("build", "fuzz", "corpus", target),
                        os.path.join("build", "fuzz", "seeds", target), keep)
            if os.path.isdir(d)]
    with tempfile.TemporaryDirectory() as tmp:
        control = os.path.join(tmp, "control")
        empty = os.path.join(tmp, "empty")
        os.mkdir(empty)
        subprocess.run([os.path.join("build", "fuzz", "fuzz_" + target),
                        "-merge=1", "-use_counters=0",
                        "-max_len=%d" % max_len,
                        "-merge_control_file=" + control, empty] + dirs,
                       check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        with open(control) as f:
            lines = f.read().split("\n")
    nfiles = int(lines[0])
    paths = lines[2:2 + nfiles]
    edges = {}
    for line in lines[2 + nfiles:]:
        words = line.split()
        if len(words) >= 2 and words[0] == "COV":
            edges[int(words[1])] = set(words[2:])
    inputs = {}
    for i, cov in edges.items():
        with open(paths[i], "rb") as f:
            data = f.read()
        if len(data) <= max_len and cov:
            inputs[data] = cov
    ranked = sorted(inputs.items(), key=lambda kv: (-len(kv[1]), len(kv[0])))
    chosen = [data for data, cov in ranked[:max_files]]
    covered = set().union(*(cov for data, cov in ranked[:max_files]))
    shutil.rmtree(keep, ignore_errors=True)
    os.makedirs(keep)
    for data in chosen:
        with open(os.path.join(keep, hashlib.sha1(data).hexdigest()),
                  "wb") as f:
            f.write(data)
    print("fuzz %s: kept %d inputs (%d bytes) reaching %d of the %d edges"
          " the run reached" % (target, len(chosen), sum(map(len, chosen)),
                                len(covered), len(set().union(*edges.values()))))


if __name__ == "__main__":
    main()
