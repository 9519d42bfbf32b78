# Tries to record unbacked runtime asserts with the installed PyTorch 1.13:
#   /usr/bin/python3 tests/data/unbacked/try_pytorch_1_13.py
# Printed on this project's machine (PyTorch 1.13.0a0, Debian python3-torch):
#   nonzero failed: RuntimeError aten.nonzero.default - couldn't find symbolic meta function/decomposition
#   item failed: RuntimeError It appears that you're trying to get value out of a tracing tensor - erroring out! ...
# 1.13 has no unbacked symbols (ShapeEnv.create_unbacked_symint, torch._check_is_size
# and torch._constrain_as_size arrived in 2.0/2.1), so the *.txt sets here are
# written by hand in the format PyTorch 2.x prints.
import torch
from torch.fx.experimental.proxy_tensor import make_fx


def nonzero(x):
    return x.nonzero().sum()


def item(x):
    return torch.zeros(int(x.sum().item()))


for fn in (nonzero, item):
    try:
        gm = make_fx(fn, tracing_mode="symbolic")(torch.tensor([1, 0, 2]))
        print(fn.__name__, "traced; guards:", gm.shape_env.guards)
    except Exception as e:
        print(fn.__name__, "failed:", type(e).__name__, str(e)[:100])
