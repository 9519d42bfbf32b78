#!/usr/bin/env python3
"""The sympy side of the canonicalization benchmark (issue 2).

Reads the batch that `bench_build --print-exprs` prints (one expression per
line, the same batch the C++ benchmark builds) and times sympy doing the same
work two ways, matching the two C++ benchmarks:

  build  the expressions built from sympy objects with Python operators and
         sympy functions (Mod, Max, Min, Eq, Ne, And): each line is compiled
         to Python bytecode once, outside the timing, so only sympy's
         construction and automatic canonicalization are timed (the C++ side:
         BM_BuildBatch, canonical constructors);
  parse  sympy.sympify(text) of each line (the C++ side: BM_ParseBatch).

Symbols are created as PyTorch's ShapeEnv creates backed sizes:
integer=True, positive=True. sympy's cache stays on and is warm, the steady
state of a tracer that meets the same shapes again (symshape interns nodes,
so its side is warm too). CPU time (time.process_time), best of 5 repeats, so
other processes on a shared machine do not inflate either side.

Prints one JSON object:
{"python": "3.11.2", "sympy": "1.14.0", "exprs": N,
 "build": {"exprs_per_second": X}, "parse": {"exprs_per_second": Y}}
"""
import json
import platform
import sys
import time
import timeit

try:
    import sympy
except ImportError:
    print(json.dumps({"error": "sympy is not installed (python3-sympy)"}))
    sys.exit(3)


def namespace():
    ns = {f"s{i}": sympy.Symbol(f"s{i}", integer=True, positive=True) for i in range(10)}
    ns.update(Mod=sympy.Mod, Max=sympy.Max, Min=sympy.Min, Eq=sympy.Eq, Ne=sympy.Ne,
              And=sympy.And, Or=sympy.Or, Not=sympy.Not)
    return ns


def exprs_per_second(run_batch, batch_size):
    """Best of 5 repeats of enough batches for >= 0.2 s of CPU time each."""
    timer = timeit.Timer(run_batch, timer=time.process_time)
    number, _ = timer.autorange()
    best = min(timer.repeat(repeat=5, number=number)) / number
    return batch_size / best


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: sympy_canonicalize.py EXPRS_FILE")
    with open(sys.argv[1]) as f:
        texts = [line.strip() for line in f if line.strip()]
    ns = namespace()

    codes = [compile(text, "<expr>", "eval") for text in texts]
    built = [eval(code, ns) for code in codes]  # warms sympy's cache, checks every line

    def build_batch():
        for code in codes:
            eval(code, ns)

    parsed = [sympy.sympify(text, locals=ns) for text in texts]

    def parse_batch():
        for text in texts:
            sympy.sympify(text, locals=ns)

    if [str(e) for e in built] != [str(e) for e in parsed]:
        sys.exit("sympy_canonicalize.py: sympify and construction disagree")
    print(json.dumps({
        "python": platform.python_version(),
        "sympy": sympy.__version__,
        "exprs": len(texts),
        "build": {"exprs_per_second": exprs_per_second(build_batch, len(texts))},
        "parse": {"exprs_per_second": exprs_per_second(parse_batch, len(texts))},
        "canonical": [str(e) for e in built],
    }))


if __name__ == "__main__":
    main()
