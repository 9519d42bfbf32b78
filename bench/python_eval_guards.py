#!/usr/bin/env python3
"""Times Python `eval` of a guard set the way PyTorch checks shape guards.

Reads the file that `bench_guard_eval --dump-guards FILE` writes (the same
guards the C++ benchmark evaluates, printed by symshape's to_python), joins a
set with " and ", compiles it once with compile(), then times
`eval(code, {}, sizes)` with timeit, measuring CPU time (time.process_time)
so that other processes on a shared machine do not inflate it; best of 5
repeats. Prints one JSON object:
{"raw": {"guards": N, "ns_per_eval": T, "result": true}, "minimal": {...}}.
"""
import json
import sys
import time
import timeit


def read_dump(path):
    """Sets by name, each with the sizes of the `# sizes` line before it."""
    sizes, sets, current = {}, {}, None
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("# sizes"):
                sizes = {}
                for item in line.split()[2:]:
                    name, value = item.split("=")
                    sizes[name] = int(value)
            elif line.startswith("# "):
                current = line.split()[1]
                sets[current] = (sizes, [])
            elif line:
                sets[current][1].append(line)
    return sets


def time_set(guards, sizes, min_seconds):
    code = compile(" and ".join(guards) if guards else "True", "<guards>", "eval")
    result = eval(code, {}, sizes)
    timer = timeit.Timer("eval(code, {}, sizes)", timer=time.process_time,
                          globals={"code": code, "sizes": sizes})
    number, _ = timer.autorange()  # enough loops for >= 0.2 s
    number = max(number, int(number * min_seconds / 0.2))
    best = min(timer.repeat(repeat=5, number=number)) / number
    return {"guards": len(guards), "ns_per_eval": best * 1e9, "result": bool(result), "loops": number}


def main():
    if len(sys.argv) < 2:
        print("usage: python_eval_guards.py DUMP_FILE [MIN_SECONDS]", file=sys.stderr)
        return 2
    min_seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 0.2
    sets = read_dump(sys.argv[1])
    out = {name: time_set(guards, sizes, min_seconds) for name, (sizes, guards) in sets.items()}
    out["python"] = sys.version.split()[0]
    print(json.dumps(out))
    return 0 if all(v["result"] for k, v in out.items() if k != "python") else 1


if __name__ == "__main__":
    sys.exit(main())
