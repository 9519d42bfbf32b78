#!/usr/bin/env python3
"""Times PyTorch 1.13's symbolic make_fx on one program of examples/record_examples.py.

    python3 bench/time_make_fx.py [PROGRAM]   (default: transformer_block_joint)

Prints one JSON object: the program, its call nodes, the CPU seconds per trace
(time.process_time, best of 5 after one warm-up trace) and call nodes per
second. This is the PyTorch side of bench/run_trace_bench.sh; without PyTorch
it prints {"skipped": "..."} and exits 0.
"""
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))

try:
    import torch  # noqa: F401
except ImportError:
    print(json.dumps({"skipped": "PyTorch is not installed (apt-get install python3-torch)"}))
    sys.exit(0)

import warnings

warnings.filterwarnings("ignore")
import record_examples  # noqa: E402  (registers the meta functions it needs)
from torch.fx.experimental.proxy_tensor import make_fx  # noqa: E402


def main():
    name = sys.argv[1] if len(sys.argv) > 1 else "transformer_block_joint"
    programs = {n: (fn, make_args) for n, fn, make_args in record_examples.PROGRAMS}
    fn, make_args = programs[name]
    gm = make_fx(fn, tracing_mode="symbolic")(*make_args())  # warm-up
    nodes = sum(1 for n in gm.graph.nodes if n.op == "call_function")
    best = float("inf")
    for _ in range(5):
        args = make_args()
        start = time.process_time()
        make_fx(fn, tracing_mode="symbolic")(*args)
        best = min(best, time.process_time() - start)
    print(json.dumps({"program": name, "torch": torch.__version__, "nodes": nodes, "seconds": best,
                      "nodes_per_second": nodes / best}))


if __name__ == "__main__":
    main()
