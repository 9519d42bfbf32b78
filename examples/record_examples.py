#!/usr/bin/env python3
"""Records the example FX graphs in this folder with PyTorch 1.13's symbolic make_fx.

Each program below is traced with make_fx(tracing_mode="symbolic"), so every
input dimension becomes a size symbol, and the graph is written as
`GraphModule.print_readable()` prints it, with each node annotated the way
newer PyTorch versions print it (`name: "f32[s0, 16][16, 1]cpu" = ...`,
`"Sym(s0)"`): PyTorch 1.13's print_readable() prints no shapes, so this script
adds them from each node's meta['val'] (the fake tensor or SymInt that 1.13
computed). The guards 1.13's ShapeEnv recorded are written as `# guard:`
comments after the `# source:` line.

Symbols: 1.13 names them after their source (`t0.size(0)`); they are renamed
s0, s1, ... in order of first appearance in the placeholders, and expressions
are printed after 1.13's replacements, as PyTorch prints them.

This is an optional development tool; the build and the tests never need
PyTorch. Install it on Debian 12 with `apt-get install python3-torch` (1.13),
then run `python3 examples/record_examples.py` from the repository root. Without
PyTorch the script says so and exits 0.
"""
import os
import re
import sys

try:
    import torch
    import torch.nn.functional as F
    from torch._meta_registrations import meta_table
    from torch.fx.experimental.proxy_tensor import make_fx
except ImportError:
    print("record_examples.py: PyTorch is not installed (apt-get install python3-torch); nothing recorded")
    sys.exit(0)

HERE = os.path.dirname(os.path.abspath(__file__))
DTYPES = {
    torch.float16: "f16", torch.bfloat16: "bf16", torch.float32: "f32", torch.float64: "f64",
    torch.int8: "i8", torch.int16: "i16", torch.int32: "i32", torch.int64: "i64",
    torch.uint8: "u8", torch.bool: "b8", torch.complex64: "c64", torch.complex128: "c128",
}


def param(*shape):
    return torch.randn(*shape, requires_grad=True)


aten = torch.ops.aten


# 1.13's fake tensors have no symbolic-shape meta function for these
# backward ops. Their outputs have the shapes of the forward's inputs, which is
# all these give; the graph still records the aten op itself.
def convolution_backward_meta(grad_output, input, weight, bias_sizes, stride, padding, dilation,
                              transposed, output_padding, groups, output_mask):
    return (input.new_empty(input.shape) if output_mask[0] else None,
            weight.new_empty(weight.shape) if output_mask[1] else None,
            grad_output.new_empty([grad_output.shape[1]]) if output_mask[2] else None)


def max_pool2d_with_indices_backward_meta(grad_output, input, *args):
    return input.new_empty(input.shape)


def avg_pool2d_backward_meta(grad_output, input, *args):
    return input.new_empty(input.shape)


meta_table.setdefault(aten.avg_pool2d_backward.default, avg_pool2d_backward_meta)
meta_table.setdefault(aten.convolution_backward.default, convolution_backward_meta)
meta_table.setdefault(aten.max_pool2d_with_indices_backward.default, max_pool2d_with_indices_backward_meta)


# --- the programs --------------------------------------------------------------

def mlp_forward(x, w1, b1, w2, b2):
    return F.linear(F.relu(F.linear(x, w1, b1)), w2, b2)


def mlp_joint(x, target, w1, b1, w2, b2):
    # A squared-error sum (1.13's symbolic make_fx cannot trace mse_loss's
    # backward: its decomposition divides by numel()).
    diff = mlp_forward(x, w1, b1, w2, b2) - target
    loss = (diff * diff).sum()
    return (loss, *torch.autograd.grad(loss, [w1, b1, w2, b2]))


MLP_ARGS = lambda: [torch.randn(6, 20), param(32, 20), param(32), param(10, 32), param(10)]


def conv_bn(x, w, gamma, beta, stride, padding):
    y = F.conv2d(x, w, stride=stride, padding=padding)
    return F.batch_norm(y, None, None, gamma, beta, training=True)


def resnet_block_forward(x, w1, g1, b1, w2, g2, b2, wd, gd, bd):
    # A ResNet basic block that halves the resolution: 3x3 stride-2 conv,
    # 3x3 conv, and a 1x1 stride-2 projection on the shortcut.
    out = F.relu(conv_bn(x, w1, g1, b1, 2, 1))
    out = conv_bn(out, w2, g2, b2, 1, 1)
    return F.relu(out + conv_bn(x, wd, gd, bd, 2, 0))


def resnet_block_joint(x, *params):
    loss = resnet_block_forward(x, *params).sum()
    return (loss, *torch.autograd.grad(loss, list(params)))


RESNET_ARGS = lambda: [torch.randn(5, 8, 20, 20),
                       param(16, 8, 3, 3), param(16), param(16),
                       param(16, 16, 3, 3), param(16), param(16),
                       param(16, 8, 1, 1), param(16), param(16)]


def unet_forward(x, w1, w2, w3, wup, w4, w5):
    # Down: two 3x3 convs (the skip), 2x2 max pool, a 3x3 conv. Up: a 2x2
    # stride-2 transposed conv, cat with the skip, a 3x3 conv and a 1x1 head.
    skip = F.relu(F.conv2d(F.relu(F.conv2d(x, w1, padding=1)), w2, padding=1))
    down = F.relu(F.conv2d(F.max_pool2d(skip, 2), w3, padding=1))
    up = F.conv_transpose2d(down, wup, stride=2)
    merged = torch.cat([up, skip], dim=1)
    return F.conv2d(F.relu(F.conv2d(merged, w4, padding=1)), w5)


def unet_joint(x, w1, w2, w3, wup, w4, w5):
    # 1.13's symbolic make_fx cannot differentiate through cat (its autograd
    # node reads concrete sizes), so the cat is done on detached tensors and
    # its backward written out as AOT autograd emits it: slices of the
    # gradient along the cat dimension. The gradients reach the parameters
    # below the cat through a surrogate loss sum(t * grad(t)), which avoids
    # autograd.grad's is_same_size checks of explicit grad_outputs.
    skip = F.relu(F.conv2d(F.relu(F.conv2d(x, w1, padding=1)), w2, padding=1))
    down = F.relu(F.conv2d(F.max_pool2d(skip, 2), w3, padding=1))
    up = F.conv_transpose2d(down, wup, stride=2)
    merged = torch.cat([up.detach(), skip.detach()], dim=1).requires_grad_()
    loss = F.conv2d(F.relu(F.conv2d(merged, w4, padding=1)), w5).sum()
    g_merged, g_w4, g_w5 = torch.autograd.grad(loss, [merged, w4, w5])
    split = up.shape[1]
    g_up = torch.ops.aten.slice.Tensor(g_merged, 1, 0, split)
    g_skip = torch.ops.aten.slice.Tensor(g_merged, 1, split, 9223372036854775807)
    surrogate = (up * g_up).sum() + (skip * g_skip).sum()
    return (loss, *torch.autograd.grad(surrogate, [w1, w2, w3, wup]), g_w4, g_w5)


# 1.13 gives input strides symbols too, duck-sized with sizes of the same
# value: sizes here are chosen so that no stride equals an unrelated size
# (with 4 input channels, the 2x2 kernel's stride 4 made them `s1**2`).
UNET_ARGS = lambda: [torch.randn(5, 3, 24, 24),
                     param(8, 3, 3, 3), param(8, 8, 3, 3), param(16, 8, 3, 3),
                     param(16, 8, 2, 2), param(8, 16, 3, 3), param(6, 8, 1, 1)]

HEADS = 4


def layer_norm(x, w, b):
    # F.layer_norm rejects a symbolic normalized_shape in 1.13; the aten op takes it.
    return torch.ops.aten.native_layer_norm(x, [x.shape[-1]], w, b, 1e-5)[0]


def transformer_forward(x, ln1_w, ln1_b, w_q, b_q, w_k, b_k, w_v, b_v, w_o, b_o, ln2_w, ln2_b, w_fc, b_fc, w_proj, b_proj):
    # A pre-norm transformer block: multi-head self-attention with the heads
    # split out of the model dimension by view/transpose, then a GELU MLP.
    batch, seq, dim = x.shape
    h = layer_norm(x, ln1_w, ln1_b)
    q, k, v = F.linear(h, w_q, b_q), F.linear(h, w_k, b_k), F.linear(h, w_v, b_v)

    def heads(t):
        return t.view(batch, seq, HEADS, dim // HEADS).transpose(1, 2)

    q, k, v = heads(q), heads(k), heads(v)
    att = (q @ k.transpose(-2, -1) / 8.0).softmax(-1)
    y = (att @ v).transpose(1, 2).reshape(batch, seq, dim)
    x = x + F.linear(y, w_o, b_o)
    h = layer_norm(x, ln2_w, ln2_b)
    return x + F.linear(F.gelu(F.linear(h, w_fc, b_fc)), w_proj, b_proj)


def transformer_joint(x, *params):
    loss = transformer_forward(x, *params).sum()
    return (loss, *torch.autograd.grad(loss, list(params)))


TRANSFORMER_ARGS = lambda: [torch.randn(2, 10, 32),
                            param(32), param(32), param(32, 32), param(32), param(32, 32), param(32),
                            param(32, 32), param(32), param(32, 32), param(32),
                            param(32), param(32), param(128, 32), param(128), param(32, 128), param(32)]


VOCAB = 50


def tiny_transformer_forward(tokens, embed, ln1_w, ln1_b, w_q, b_q, w_k, b_k, w_v, b_v, w_o, b_o, ln2_w, ln2_b,
                             w_fc, b_fc, w_proj, b_proj):
    # A language model's first layer: token ids (batch, seq) looked up in an
    # embedding table, then one transformer block. (Named parameters, so the
    # forward graph's placeholders carry the names.)
    block = [ln1_w, ln1_b, w_q, b_q, w_k, b_k, w_v, b_v, w_o, b_o, ln2_w, ln2_b, w_fc, b_fc, w_proj, b_proj]
    return transformer_forward(F.embedding(tokens, embed), *block)


def tiny_transformer_joint(tokens, *params):
    loss = tiny_transformer_forward(tokens, *params).sum()
    return (loss, *torch.autograd.grad(loss, list(params)))


TINY_TRANSFORMER_ARGS = lambda: [torch.randint(0, VOCAB, (3, 12)), param(VOCAB, 32)] + TRANSFORMER_ARGS()[1:]


def small_convnet_forward(x, w1, b1, w2, b2, w3, b3, w_fc, b_fc):
    # An image classifier: stride-2 convs and max/avg pooling shrink the
    # resolution (each a floor division of the input size), then adaptive
    # average pooling to 1x1 and a linear head.
    y = F.max_pool2d(F.relu(F.conv2d(x, w1, b1, stride=2, padding=1)), 2)
    y = F.avg_pool2d(F.relu(F.conv2d(y, w2, b2, stride=2, padding=1)), 2)
    y = F.relu(F.conv2d(y, w3, b3, padding=1))
    y = F.adaptive_avg_pool2d(y, 1).flatten(1)
    return F.linear(y, w_fc, b_fc)


def small_convnet_joint(x, *params):
    loss = small_convnet_forward(x, *params).sum()
    return (loss, *torch.autograd.grad(loss, list(params)))


SMALL_CONVNET_ARGS = lambda: [torch.randn(4, 3, 37, 45),
                              param(8, 3, 3, 3), param(8), param(16, 8, 3, 3), param(16),
                              param(24, 16, 3, 3), param(24), param(10, 24), param(10)]

PROGRAMS = [
    ("mlp_forward", mlp_forward, lambda: MLP_ARGS()),
    ("mlp_joint", mlp_joint, lambda: [MLP_ARGS()[0], torch.randn(6, 10)] + MLP_ARGS()[1:]),
    ("resnet_block_forward", resnet_block_forward, RESNET_ARGS),
    ("resnet_block_joint", resnet_block_joint, RESNET_ARGS),
    # Without gradients: 1.13 cannot trace a cat of tensors that require grad.
    ("unet_forward", unet_forward, lambda: [a.detach() for a in UNET_ARGS()]),
    ("unet_joint", unet_joint, UNET_ARGS),
    ("transformer_block_forward", transformer_forward, TRANSFORMER_ARGS),
    ("transformer_block_joint", transformer_joint, TRANSFORMER_ARGS),
    ("tiny_transformer_forward", tiny_transformer_forward, TINY_TRANSFORMER_ARGS),
    ("tiny_transformer_joint", tiny_transformer_joint, TINY_TRANSFORMER_ARGS),
    ("small_convnet_forward", small_convnet_forward, SMALL_CONVNET_ARGS),
    ("small_convnet_joint", small_convnet_joint, SMALL_CONVNET_ARGS),
]


# --- printing ------------------------------------------------------------------

class SymbolNames:
    """Renames 1.13's source-named symbols (t0.size(0)) to s0, s1, ..."""

    def __init__(self):
        self.names = {}
        self.shape_env = None

    def expr(self, value):
        if isinstance(value, int):
            return str(value)
        py = value.get_pyobj() if hasattr(value, "get_pyobj") else value
        self.shape_env = py.shape_env
        expr = py.shape_env.replace(py.expr)
        return self.text(expr)

    def text(self, expr):
        import sympy
        for sym in sorted(expr.free_symbols, key=lambda s: str(s)):
            if sym not in self.names:
                self.names[sym] = sympy.Symbol(f"s{len(self.names)}", positive=True, integer=True)
        return str(expr.xreplace(self.names))


def annotation(value, names):
    if isinstance(value, torch.Tensor):
        sizes = ", ".join(names.expr(s) for s in value.shape)
        strides = ", ".join(names.expr(s) for s in value.stride())
        return f'"{DTYPES[value.dtype]}[{sizes}][{strides}]{value.device}"'
    if isinstance(value, (int, torch.SymIntNode)) and not isinstance(value, bool):
        return f'"Sym({names.expr(value)})"'
    return None  # tuples print no annotation, as in newer PyTorch


def printed_graph(gm, names):
    """print_readable()'s text with each node's annotation inserted."""
    annotations = {}
    for node in gm.graph.nodes:  # placeholders first: they name the symbols
        ann = annotation(node.meta.get("val"), names)
        if ann is not None:
            annotations[node.name] = ann
    code = gm.graph.python_code(root_module="self", verbose=True).src.lstrip("\n")
    lines = []
    for line in code.split("\n"):
        m = re.match(r"^def forward\(self, (.*)\):$", line)
        if m:
            params = [p.strip() for p in m.group(1).split(",")]
            params = [f"{p}: {annotations[p]}" if p in annotations else p for p in params]
            line = f"def forward(self, {', '.join(params)}):"
        m = re.match(r"^(\s+)(\w+) = (.*)$", line)
        if m and m.group(2) in annotations:
            line = f"{m.group(1)}{m.group(2)}: {annotations[m.group(2)]} = {m.group(3)}"
        lines.append(line)
    body = "\n".join("    " + line if line else line for line in lines)
    return "class GraphModule(torch.nn.Module):\n" + body.rstrip() + "\n"


def record(name, fn, make_args):
    args = make_args()
    gm = make_fx(fn, tracing_mode="symbolic")(*args)
    names = SymbolNames()
    graph = printed_graph(gm, names)
    header = [f"# source: examples/record_examples.py: {name} (PyTorch {torch.__version__}, "
              f"make_fx tracing_mode=\"symbolic\")"]
    # The real sizes traced, per placeholder: `# parameter:` for tensors that
    # require grad (a compiler fakeifies them with static sizes), `# input:`
    # for the others (symshape's built-in example replays calls from these).
    placeholders = [n.name for n in gm.graph.nodes if n.op == "placeholder"]
    for placeholder, arg in zip(placeholders, args):
        kind = "parameter" if arg.requires_grad else "input"
        header.append(f"# {kind}: {placeholder} = [{', '.join(str(d) for d in arg.shape)}]")
    if names.shape_env is not None:
        for guard, value, _ in names.shape_env.guards:
            text = names.text(guard)
            value_text = "" if value is True or str(value) == "True" else f" == {value}"
            if str(value) == "False":
                text, value_text = f"Not({text})", ""
            header.append(f"# guard: {text}{value_text}")
    path = os.path.join(HERE, f"{name}.txt")
    with open(path, "w") as f:
        f.write("\n".join(header) + "\n" + graph)
    nodes = sum(1 for n in gm.graph.nodes if n.op == "call_function")
    print(f"{path}: {nodes} call nodes")


def main():
    only = set(sys.argv[1:])
    for name, fn, make_args in PROGRAMS:
        if not only or name in only:
            record(name, fn, make_args)


if __name__ == "__main__":
    main()
