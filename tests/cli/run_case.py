#!/usr/bin/env python3
"""Runs one paytool case: <case>.args (one argument per line, paths relative to
the case folder), <case>.in (stdin), <case>.expected (one JSON object per line).

Usage: run_case.py PAYTOOL CASE_PREFIX [RUNNER...]
RUNNER (e.g. "node") is put before PAYTOOL, so the wasm build of paytool runs
the very same cases. Exits non-zero and prints a diff on any mismatch."""
import json
import os
import subprocess
import sys


def main() -> int:
    paytool, prefix, runner = sys.argv[1], sys.argv[2], sys.argv[3:]
    folder = os.path.dirname(prefix)
    with open(prefix + ".args", encoding="utf-8") as f:
        args = [line.rstrip("\n") for line in f if line.strip()]
    args = [os.path.join(folder, a[len("@"):]) if a.startswith("@") else a for a in args]
    with open(prefix + ".in", "rb") as f:
        stdin = f.read()
    with open(prefix + ".expected", encoding="utf-8") as f:
        expected = [json.loads(line) for line in f if line.strip()]
    proc = subprocess.run(runner + [paytool] + args, input=stdin, capture_output=True, timeout=60)
    if proc.returncode != 0:
        print(f"paytool exited {proc.returncode}: {proc.stderr.decode(errors='replace')}")
        return 1
    got_lines = [l for l in proc.stdout.decode("utf-8").splitlines() if l.strip()]
    got = [json.loads(l) for l in got_lines]
    failures = 0
    for i in range(max(len(got), len(expected))):
        g = got[i] if i < len(got) else None
        e = expected[i] if i < len(expected) else None
        if g != e:
            failures += 1
            print(f"line {i + 1}:\n  expected {json.dumps(e, ensure_ascii=False)}\n  got      {json.dumps(g, ensure_ascii=False)}")
    print(f"{os.path.basename(prefix)}: {len(expected) - failures} of {len(expected)} lines match")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
