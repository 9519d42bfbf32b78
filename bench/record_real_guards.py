#!/usr/bin/python3
"""Record the shape guards that PyTorch 1.13 raises for small real models (issue 7).

Each model is a plain function of its input and its parameters, traced with
`make_fx(f, tracing_mode="symbolic")`. Parameters are arguments, as
aot_autograd passes them in 1.13, so their sizes are symbols too. The guards
of the traced graph's ShapeEnv (`gm.shape_env.guards`, a list of
`(expr, value, stack)`) are written one per line the way
`ShapeEnv.format_guards` prints them (`expr` when it held, `Not(expr)` when it
did not, `Eq(expr, value)` for an integer), which `symshape minimize` reads.

Every model is recorded twice:
  duck    ShapeEnv as 1.13 ships it: sizes with equal values share one symbol;
  noduck  a ShapeEnv subclass that gives every size its own symbol, so equal
          sizes (a conv's input channels and its weight's) become guards.
Duck sizing hides most relations between sizes; without it the sets are
larger and closer to what a frontend that tracks sources records.

Symbols are renamed s0, s1, ... in creation order (1.13 names them after
their source, `t0.size(1)`, which newer PyTorch prints as sN). The first lines
of each file are comments: how it was produced, and the sizes seen at trace
time (`# sizes: s0=...`) at which every recorded guard holds.

Usage: /usr/bin/python3 bench/record_real_guards.py [OUT_DIR [MODEL...]]
(default bench/data/real_guards, every model; a few minutes). Needs PyTorch 1.13 (Debian 12:
`apt-get install --no-install-recommends python3-torch`); without torch it
prints how to install it and exits 0 having written nothing.
"""
import os
import sys

try:
    import torch
    import torch.nn.functional as F
    from torch.fx.experimental import proxy_tensor
    from torch.fx.experimental import symbolic_shapes
    import sympy
except ImportError as error:
    print(f"record_real_guards: PyTorch is not available ({error}); nothing recorded.\n"
          "Install it with: apt-get install --no-install-recommends python3-torch")
    sys.exit(0)


class NoDuckShapeEnv(symbolic_shapes.ShapeEnv):
    """1.13's ShapeEnv without duck sizing: create_symint never reuses a symbol
    for an equal value. 0 and 1 are still specialized, as 1.13 does."""

    def create_symint(self, name, val):
        assert val >= 0
        if val == 0 or val == 1:
            return val
        expr = sympy.Symbol(name, positive=True, integer=True)
        self.var_to_val[expr] = sympy.Integer(val)
        return torch.SymIntNode.new_symint(symbolic_shapes.PySymInt(expr, self))


def param(*shape):
    return torch.randn(*shape, requires_grad=False)


# ---- models: each returns (function, list of example arguments) ----

def conv_params(c_in, c_out, k=3, groups=1, bias=True):
    ps = [param(c_out, c_in // groups, k, k)]
    if bias:
        ps.append(param(c_out))
    return ps


def vgg():
    # Two convs per stage, max-pool between stages, global average pool, linear head.
    widths = [10, 10, 18, 18]
    c, ps = 5, []
    for w in widths:
        ps += conv_params(c, w)
        c = w
    ps += [param(7, c), param(7)]

    def f(x, *ps):
        it = iter(ps)
        for i in range(len(widths)):
            x = F.relu(F.conv2d(x, next(it), next(it), padding=1))
            if i % 2 == 1:
                x = F.max_pool2d(x, 2)
        x = x.mean([2, 3])
        return F.linear(x, next(it), next(it)).sum()
    return f, [torch.randn(3, 5, 37, 45)] + ps


def unet():
    # Encoder: conv, conv, max-pool; decoder: transposed conv (stride 2), cat with
    # the skip, conv. The cat needs the upsampled size to equal the skip's.
    depth, base = 2, 6
    c, ps, chans = 5, [], []
    for d in range(depth):
        w = base * 2 ** d
        ps += conv_params(c, w) + conv_params(w, w)
        chans.append(w)
        c = w
    w = base * 2 ** depth
    ps += conv_params(c, w) + conv_params(w, w)
    c = w
    for d in reversed(range(depth)):
        w = chans[d]
        ps += [param(c, w, 2, 2), param(w)]
        ps += conv_params(2 * w, w)
        c = w
    ps += conv_params(c, 4, k=1)

    def f(x, *ps):
        it = iter(ps)
        skips = []
        for _ in range(depth):
            x = F.relu(F.conv2d(x, next(it), next(it), padding=1))
            x = F.relu(F.conv2d(x, next(it), next(it), padding=1))
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = F.relu(F.conv2d(x, next(it), next(it), padding=1))
        x = F.relu(F.conv2d(x, next(it), next(it), padding=1))
        for _ in range(depth):
            x = F.conv_transpose2d(x, next(it), next(it), stride=2)
            x = torch.cat([skips.pop(), x], 1)
            x = F.relu(F.conv2d(x, next(it), next(it), padding=1))
        return F.conv2d(x, next(it), next(it)).sum()
    return f, [torch.randn(3, 5, 40, 56)] + ps


def resnet():
    # ResNet-8 layout at small widths: stem conv stride 2 + max-pool, three
    # stages of one basic block, the blocks of stages 2-3 with stride 2
    # and a 1x1 stride-2 projection, batch norm in training mode.
    widths = [8, 16, 32]
    ps, layout = [], []

    def bn(c):
        return [param(c), param(c)]
    ps += conv_params(5, widths[0], k=7, bias=False) + bn(widths[0])
    c = widths[0]
    for s, w in enumerate(widths):
        for b in range(1):
            stride = 2 if s > 0 and b == 0 else 1
            proj = stride != 1 or c != w
            ps += conv_params(c, w, bias=False) + bn(w) + conv_params(w, w, bias=False) + bn(w)
            if proj:
                ps += conv_params(c, w, k=1, bias=False) + bn(w)
            layout.append((stride, proj))
            c = w
    ps += [param(9, c), param(9)]

    def batch_norm(x, it):
        return F.batch_norm(x, None, None, next(it), next(it), training=True)

    def f(x, *ps):
        it = iter(ps)
        x = F.relu(batch_norm(F.conv2d(x, next(it), stride=2, padding=3), it))
        x = F.max_pool2d(x, 3, stride=2, padding=1)
        for stride, proj in layout:
            y = F.relu(batch_norm(F.conv2d(x, next(it), stride=stride, padding=1), it))
            y = batch_norm(F.conv2d(y, next(it), padding=1), it)
            if proj:
                x = batch_norm(F.conv2d(x, next(it), stride=stride), it)
            x = F.relu(x + y)
        x = F.adaptive_avg_pool2d(x, 1).flatten(1)
        return F.linear(x, next(it), next(it)).sum()
    return f, [torch.randn(2, 5, 57, 71)] + ps


def depthwise():
    # MobileNet-v1 style: a stride-2 stem, then depthwise 3x3 (groups = channels)
    # + pointwise 1x1 blocks, some with stride 2.
    blocks = [(12, 1), (20, 2), (20, 1), (36, 2)]
    c, ps = 12, conv_params(5, 12)
    for w, _ in blocks:
        ps += conv_params(c, c, groups=c) + conv_params(c, w, k=1)
        c = w
    ps += [param(9, c), param(9)]

    def f(x, *ps):
        it = iter(ps)
        x = F.relu(F.conv2d(x, next(it), next(it), stride=2, padding=1))
        c = 12
        for w, stride in blocks:
            x = F.relu(F.conv2d(x, next(it), next(it), stride=stride, padding=1, groups=c))
            x = F.relu(F.conv2d(x, next(it), next(it)))
            c = w
        x = x.mean([2, 3])
        return F.linear(x, next(it), next(it)).sum()
    return f, [torch.randn(3, 5, 61, 53)] + ps


def transformer():
    # Two pre-norm blocks (multi-head attention + GELU MLP) and the backward
    # pass: the traced function returns the gradients of the loss with respect
    # to every parameter, as aot_autograd's joint graph does.
    d, heads, hidden, blocks = 24, 4, 40, 2
    ps = []
    for _ in range(blocks):
        ps += [param(d), param(d), param(d, d), param(d), param(d, d), param(d), param(d, d),
               param(d), param(d, d), param(d),
               param(d), param(d), param(hidden, d), param(hidden), param(d, hidden), param(d)]
    ps = [p.requires_grad_() for p in ps]

    def layer_norm(x, it):
        # By hand: 1.13's F.layer_norm takes no symbolic normalized_shape.
        mean = x.mean(-1, keepdim=True)
        var = ((x - mean) ** 2).mean(-1, keepdim=True)
        return (x - mean) / (var + 1e-5).sqrt() * next(it) + next(it)

    def block(x, it):
        b, t, dim = x.shape
        h = layer_norm(x, it)
        q, k, v = (F.linear(h, next(it), next(it)) for _ in range(3))

        def split_heads(z):
            return z.view(b, t, heads, dim // heads).transpose(1, 2)
        q, k, v = split_heads(q), split_heads(k), split_heads(v)
        att = (q @ k.transpose(-1, -2) * (d // heads) ** -0.5).softmax(-1)
        y = (att @ v).transpose(1, 2).reshape(b, t, dim)
        x = x + F.linear(y, next(it), next(it))
        h = layer_norm(x, it)
        return x + F.linear(F.gelu(F.linear(h, next(it), next(it))), next(it), next(it))

    def f(x, target, *ps):
        it = iter(ps)
        for _ in range(blocks):
            x = block(x, it)
        loss = ((x - target) ** 2).sum()
        return torch.autograd.grad(loss, ps)
    return f, [torch.randn(3, 11, d), torch.randn(3, 11, d)] + ps


MODELS = {"vgg": vgg, "unet": unet, "resnet": resnet, "depthwise": depthwise,
          "transformer": transformer}


CleanDiv = sympy.Function("CleanDiv")


def denominator_lcm(expr):
    dens = [term.as_coeff_Mul()[0].q for term in sympy.Add.make_args(expr)]
    return sympy.ilcm(*dens) if len(dens) > 1 else dens[0]


def integral_args(expr):
    """A function argument with rational coefficients (`Mod(s2/2 - s0, 2)`)
    becomes CleanDiv(2*(argument), 2): exact, because the argument is an
    integer wherever the Mod guard that made 1.13 divide holds."""
    if expr.is_Atom:
        return expr
    args = [integral_args(a) for a in expr.args]
    if not isinstance(expr, (sympy.Add, sympy.Mul, sympy.Pow, sympy.core.relational.Relational,
                             sympy.Not)):
        fixed = []
        for a in args:
            lcm = denominator_lcm(sympy.expand(a))
            fixed.append(a if lcm == 1 else CleanDiv(sympy.expand(lcm * a), lcm))
        args = fixed
    return expr.func(*args) if tuple(args) != expr.args else expr


def clear_denominators(expr):
    """Once 1.13 knows Mod(a, b) == 0 it rewrites FloorDiv(a, b) as the
    rational a/b, so relations get rational coefficients (`s1*s2/4 < s3/2`).
    symshape reads no true division; a relation multiplied on both sides by
    the positive lcm of its denominators means the same over the rationals."""
    if isinstance(expr, sympy.Not):
        return sympy.Not(clear_denominators(expr.args[0]), evaluate=False)
    if isinstance(expr, sympy.core.relational.Relational):
        lhs, rhs = sympy.expand(integral_args(expr.lhs)), sympy.expand(integral_args(expr.rhs))
        lcm = sympy.ilcm(denominator_lcm(lhs), denominator_lcm(rhs))
        return expr.func(sympy.expand(lcm * lhs), sympy.expand(lcm * rhs), evaluate=False)
    return integral_args(expr)


def printed(expr):
    text = str(expr)
    if "/" in text.replace("//", ""):
        raise ValueError(f"true division left in a guard: {text}")
    return text


def format_guard(expr, value):
    # As ShapeEnv.format_guards prints a guard, denominators cleared.
    if value is not sympy.true and value is not True and value is not sympy.false \
            and value is not False:
        expr = sympy.Eq(expr, value, evaluate=False)
        value = True
    expr = clear_denominators(expr)
    if value is sympy.true or value is True:
        return printed(expr)
    return f"Not({printed(expr)})"


def record(name, duck):
    proxy_tensor.ShapeEnv = symbolic_shapes.ShapeEnv if duck else NoDuckShapeEnv
    try:
        f, args = MODELS[name]()
        gm = proxy_tensor.make_fx(f, tracing_mode="symbolic")(*args)
    finally:
        proxy_tensor.ShapeEnv = symbolic_shapes.ShapeEnv
    env = gm.shape_env
    # var_to_val keeps creation order; rename to s0, s1, ...
    renamed = {old: sympy.Symbol(f"s{i}", positive=True, integer=True)
               for i, old in enumerate(env.var_to_val)}
    sizes = ",".join(f"{renamed[old]}={int(val)}" for old, val in env.var_to_val.items())
    lines = [format_guard(sympy.sympify(g).xreplace(renamed), v) for g, v, _ in env.guards]
    header = (f"# {name}, {'duck sizing (as 1.13 ships)' if duck else 'duck sizing off'}: guards of "
              f"make_fx(tracing_mode='symbolic') in PyTorch {torch.__version__}, "
              f"recorded by bench/record_real_guards.py\n# sizes: {sizes}\n")
    return header + "".join(line + "\n" for line in lines), len(lines)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                             "data", "real_guards")
    names = sys.argv[2:] or list(MODELS)
    os.makedirs(out, exist_ok=True)
    for name in names:
        for duck in (True, False):
            text, count = record(name, duck)
            path = os.path.join(out, f"{name}_{'duck' if duck else 'noduck'}.txt")
            with open(path, "w") as f:
                f.write(text)
            print(f"{path}: {count} guards")


if __name__ == "__main__":
    main()
