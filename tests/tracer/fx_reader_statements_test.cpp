// The statement forms of FX dumps: wrappers, placeholders, comments, clean-ups,
// multi-line statements, tuple outputs and getitem, returns.
#include <gtest/gtest.h>

#include <string>

#include "fx_test_util.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/tracer/fx_reader.hpp"

namespace symshape::tracer {
namespace {

TEST(FxReaderStatements, PrintReadableGraph) {
  const char* text =
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, primals_1: \"f32[64, 3]\", primals_2: \"Sym(s0)\", primals_3: \"f32[s0, 3]\"):\n"
      "        t: \"f32[3, 64]\" = torch.ops.aten.t.default(primals_1);  primals_1 = None\n"
      "        mm: \"f32[s0, 64]\" = torch.ops.aten.mm.default(primals_3, t);  t = None\n"
      "        sym_size_int: \"Sym(s0)\" = torch.ops.aten.sym_size.int(primals_3, 0)\n"
      "        return (mm, primals_3, sym_size_int)\n";
  Graph g = read_one(text);
  EXPECT_EQ(g.name, "GraphModule");
  EXPECT_EQ(g.file, "test.py");
  ASSERT_EQ(g.nodes.size(), 7u);
  EXPECT_EQ(g.placeholders(), (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(g.nodes[0].name, "primals_1");
  EXPECT_EQ(g.nodes[0].op, NodeOp::Placeholder);
  EXPECT_EQ(g.nodes[0].span.line, 2);
  EXPECT_EQ(g.nodes[0].span.column, 23);
  EXPECT_EQ(g.nodes[3].target, "aten.t.default");
  EXPECT_EQ(g.nodes[3].span.line, 3);
  EXPECT_EQ(g.nodes[3].span.column, 9);
  expect_node_args(g, g.nodes[4], {"primals_3", "t"});
  EXPECT_EQ(g.nodes[5].target, "aten.sym_size.int");
  ASSERT_EQ(g.nodes[5].args.size(), 2u);
  EXPECT_EQ(g.nodes[5].args[1].int_value, 0);
  EXPECT_EQ(g.find("mm"), std::optional<size_t>(4));
  EXPECT_EQ(g.find("nope"), std::nullopt);
  ASSERT_EQ(g.output(), std::optional<size_t>(6));
  const Node& out = g.nodes[6];
  EXPECT_EQ(out.op, NodeOp::Output);
  EXPECT_EQ(out.name, "output");
  ASSERT_EQ(out.args.size(), 1u);
  ASSERT_EQ(out.args[0].kind, Argument::Kind::Tuple);
  ASSERT_EQ(out.args[0].items.size(), 3u);
  EXPECT_EQ(out.args[0].items[0].node, 4u);
  EXPECT_EQ(out.args[0].items[1].node, 2u);
  EXPECT_EQ(out.args[0].items[2].node, 5u);
}

TEST(FxReaderStatements, LambdaClassWithImportsAndUnquotedAnnotations) {
  const char* text =
      "from __future__ import annotations\n"
      "import torch\n"
      "from torch import device\n"
      "\n"
      "class <lambda>(torch.nn.Module):\n"
      "    def forward(self, arg0_1: Sym(s0), arg1_1: f32[s0, 3, 345, 456]):\n"
      "        sub: Sym(s0) = arg0_1 - 0\n"
      "        view: f32[s0, 3, 345, 456] = torch.ops.aten.view.default(arg1_1, [sub, 3, 345, 456]);  sub = None\n"
      "        return (view,)\n";
  Graph g = read_one(text);
  EXPECT_EQ(g.name, "<lambda>");
  ASSERT_EQ(g.nodes.size(), 5u);
  ASSERT_TRUE(g.nodes[1].annotation);
  EXPECT_EQ(g.nodes[1].annotation->raw, "f32[s0, 3, 345, 456]");
  EXPECT_EQ(g.nodes[1].annotation->span.column, 48);
  expect_sizes(*g.nodes[1].annotation, {"s0", "3", "345", "456"});
  EXPECT_EQ(g.nodes[2].target, "operator.sub");
  EXPECT_EQ(g.nodes[2].annotation->raw, "Sym(s0)");
  EXPECT_EQ(std::get<SymAnnotation>(g.nodes[2].annotation->parsed).value, parse_expr("s0"));
  const Argument& shape = g.nodes[3].args[1];
  ASSERT_EQ(shape.kind, Argument::Kind::List);
  EXPECT_EQ(shape.items[0].kind, Argument::Kind::Node);
  EXPECT_EQ(shape.items[0].node, 2u);
  EXPECT_EQ(shape.items[3].int_value, 456);
  const Argument& ret = g.nodes[4].args[0];
  ASSERT_EQ(ret.kind, Argument::Kind::Tuple);
  ASSERT_EQ(ret.items.size(), 1u);
  EXPECT_EQ(ret.items[0].node, 3u);
}

TEST(FxReaderStatements, JointGraphWithDeclaredPlaceholdersAndPytree) {
  const char* text =
      "class inner_f(torch.nn.Module):\n"
      "    def forward(self, primals, tangents):\n"
      "        primals_1: \"Sym(s52)\"; primals_2: \"f32[s52]\"; tangents_1: \"f32[s52]\"; \n"
      "    \n"
      "        primals_1, primals_2, tangents_1, = fx_pytree.tree_flatten_spec([primals, tangents], "
      "self._in_spec)\n"
      "        mul: \"f32[s52]\" = torch.ops.aten.mul.Tensor(primals_2, tangents_1);  tangents_1 = None\n"
      "        expand: \"f32[s52]\" = torch.ops.aten.expand.default(mul, [primals_1]);  primals_1 = None\n"
      "        return pytree.tree_unflatten([mul, None, expand], self._out_spec)\n";
  Graph g = read_one(text);
  EXPECT_EQ(g.name, "inner_f");
  ASSERT_EQ(g.nodes.size(), 6u);
  EXPECT_EQ(g.placeholders(), (std::vector<size_t>{0, 1, 2}));
  EXPECT_EQ(g.nodes[0].name, "primals_1");
  EXPECT_EQ(g.nodes[0].span.line, 3);
  EXPECT_EQ(g.nodes[0].span.column, 9);
  EXPECT_EQ(g.nodes[2].name, "tangents_1");
  EXPECT_EQ(g.nodes[2].annotation->raw, "f32[s52]");
  EXPECT_FALSE(g.find("primals"));  // the signature's containers are no nodes
  expect_node_args(g, g.nodes[3], {"primals_2", "tangents_1"});
  const Argument& ret = g.nodes[5].args[0];
  ASSERT_EQ(ret.kind, Argument::Kind::List);
  ASSERT_EQ(ret.items.size(), 3u);
  EXPECT_EQ(ret.items[0].node, 3u);
  EXPECT_EQ(ret.items[1].kind, Argument::Kind::None);
  EXPECT_EQ(ret.items[2].node, 4u);
}

TEST(FxReaderStatements, JointGraphWithoutDeclarationsGetsPlaceholdersFromTheFlatten) {
  const char* text =
      "class inner_f(torch.nn.Module):\n"
      "    def forward(self, primals, tangents):\n"
      "        primals_1, tangents_1, = fx_pytree.tree_flatten_spec([primals, tangents], self._in_spec)\n"
      "        mul = torch.ops.aten.mul.Tensor(primals_1, tangents_1);  primals = None\n"
      "        return pytree.tree_unflatten([mul], self._out_spec)\n";
  Graph g = read_one(text);
  ASSERT_EQ(g.nodes.size(), 4u);
  EXPECT_EQ(g.placeholders(), (std::vector<size_t>{0, 1}));
  EXPECT_FALSE(g.nodes[0].annotation);
  EXPECT_EQ(g.nodes[1].name, "tangents_1");
}

TEST(FxReaderStatements, FileCommentsAreProvenanceUntilABlankLine) {
  const char* text =
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, x: \"f32[4]\"):\n"
      "         # File: t.py:4 in toy_function, code: y = x.abs()\n"
      "        abs_1: \"f32[4]\" = torch.ops.aten.abs.default(x)\n"
      "        neg: \"f32[4]\" = torch.ops.aten.neg.default(abs_1)\n"
      "        \n"
      "        relu: \"f32[4]\" = torch.ops.aten.relu.default(neg)\n"
      "        # File: f.py:12, code: z = y.sin()\n"
      "        sin: \"f32[4]\" = torch.ops.aten.sin.default(relu)\n"
      "        # No stacktrace found for following nodes\n"
      "        cos: \"f32[4]\" = torch.ops.aten.cos.default(sin)\n"
      "        return (cos,)\n";
  Graph g = read_one(text);
  ASSERT_EQ(g.nodes.size(), 7u);
  EXPECT_EQ(g.nodes[1].source_comment, "File: t.py:4 in toy_function, code: y = x.abs()");
  EXPECT_EQ(g.nodes[2].source_comment, "File: t.py:4 in toy_function, code: y = x.abs()");
  EXPECT_EQ(g.nodes[3].source_comment, "");
  EXPECT_EQ(g.nodes[4].source_comment, "File: f.py:12, code: z = y.sin()");
  EXPECT_EQ(g.nodes[5].source_comment, "");
}

TEST(FxReaderStatements, StatementsSpanningLinesInsideBrackets) {
  const char* text =
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self,\n"
      "                x: \"f32[s0, 4]\",\n"
      "                n: \"Sym(s0)\"):\n"
      "        view: \"f32[s0, 2, 2]\" = torch.ops.aten.view.default(\n"
      "            x,\n"
      "            [n, 2,   # a comment inside brackets\n"
      "             2])\n"
      "        return (\n"
      "            view,\n"
      "        )\n";
  Graph g = read_one(text);
  ASSERT_EQ(g.nodes.size(), 4u);
  EXPECT_EQ(g.nodes[1].name, "n");
  EXPECT_EQ(g.nodes[1].span.line, 4);
  const Node& view = g.nodes[2];
  ASSERT_EQ(view.args.size(), 2u);
  ASSERT_EQ(view.args[1].items.size(), 3u);
  EXPECT_EQ(view.args[1].items[0].node, 1u);
  EXPECT_EQ(view.args[1].items[2].int_value, 2);
  EXPECT_EQ(view.args[1].items[2].span.line, 8);
  EXPECT_EQ(g.nodes[3].args[0].items[0].node, 2u);
}

TEST(FxReaderStatements, TupleOutputsAndGetitem) {
  const char* text =
      "class GraphModule(torch.nn.Module):\n"
      "    def forward(self, x: \"f32[5, 3]\"):\n"
      "        unbind = torch.ops.aten.unbind.int(x);  x = None\n"
      "        getitem: \"f32[3]\" = unbind[0]\n"
      "        getitem_1: \"f32[3]\" = operator.getitem(unbind, 4);  unbind = None\n"
      "        return [getitem, getitem_1]\n";
  Graph g = read_one(text);
  ASSERT_EQ(g.nodes.size(), 5u);
  EXPECT_EQ(g.nodes[1].target, "aten.unbind.int");
  EXPECT_FALSE(g.nodes[1].annotation);
  EXPECT_EQ(g.nodes[2].target, "operator.getitem");
  expect_node_args(g, g.nodes[2], {"unbind", "0"});
  EXPECT_EQ(g.nodes[3].target, "operator.getitem");
  expect_node_args(g, g.nodes[3], {"unbind", "4"});
  EXPECT_EQ(g.nodes[4].args[0].kind, Argument::Kind::List);
}

TEST(FxReaderStatements, ReturnsNoneAndBareValues) {
  Graph none = read_one("class M(torch.nn.Module):\n    def forward(self):\n        return None\n");
  ASSERT_EQ(none.nodes.size(), 1u);
  EXPECT_EQ(none.nodes[0].args[0].kind, Argument::Kind::None);
  Graph bare = read_one("class M(torch.nn.Module):\n    def forward(self, x):\n        return x\n");
  ASSERT_EQ(bare.nodes.size(), 2u);
  EXPECT_FALSE(bare.nodes[0].annotation);
  EXPECT_EQ(bare.nodes[1].args[0].kind, Argument::Kind::Node);
  Graph empty = read_one("class M(torch.nn.Module):\n    def forward(self, x):\n        return\n");
  EXPECT_EQ(empty.nodes[1].args[0].kind, Argument::Kind::None);
}

TEST(FxReaderStatements, PythonLevelOperatorsOnSizes) {
  const char* text =
      "class <lambda>(torch.nn.Module):\n"
      "    def forward(self, a: \"Sym(s0)\", b: \"Sym(s1)\"):\n"
      "        add: \"Sym(s0 + s1)\" = a + b\n"
      "        floordiv: \"Sym((s0//2))\" = a // 2\n"
      "        truediv: \"Sym(s0/s1)\" = a / b\n"
      "        neg: \"Sym(-s0)\" = -a\n"
      "        ge: \"Sym(s0 >= 0)\" = a >= 0\n"
      "        ceil: \"Sym(s0)\" = math_ceil(truediv)\n"
      "        f: \"Sym(s0)\" = torch.sym_float(a)\n"
      "        return (add, floordiv, neg, ge, ceil, f)\n";
  Graph g = read_one(text);
  ASSERT_EQ(g.nodes.size(), 10u);
  EXPECT_EQ(g.nodes[2].target, "operator.add");
  EXPECT_EQ(g.nodes[3].target, "operator.floordiv");
  expect_node_args(g, g.nodes[3], {"a", "2"});
  EXPECT_EQ(g.nodes[4].target, "operator.truediv");
  EXPECT_EQ(g.nodes[5].target, "operator.neg");
  expect_node_args(g, g.nodes[5], {"a"});
  EXPECT_EQ(g.nodes[6].target, "operator.ge");
  EXPECT_EQ(g.nodes[7].target, "math_ceil");  // kept as written
  EXPECT_EQ(g.nodes[8].target, "torch.sym_float");
}

TEST(FxReaderStatements, SeveralGraphsInOneLogDump) {
  const char* text =
      "[2023-10-02 17:33:26,313] torch._functorch.aot_autograd.__aot_graphs: [INFO] TRACED GRAPH\n"
      " ===== Forward graph 0 =====\n"
      " <eval_with_key>.4 class GraphModule(torch.nn.Module):\n"
      "    def forward(self, primals_1: \"f32[3]\"):\n"
      "        sin: \"f32[3]\" = torch.ops.aten.sin.default(primals_1)\n"
      "        return (sin, primals_1)\n"
      "        \n"
      " ===== Backward graph 0 =====\n"
      " /home/u/torch/fx/_lazy_graph_module.py class GraphModule(torch.nn.Module):\n"
      "    def forward(self, primals_1: \"f32[3]\", tangents_1: \"f32[3]\"):\n"
      "        cos: \"f32[3]\" = torch.ops.aten.cos.default(primals_1);  primals_1 = None\n"
      "        mul: \"f32[3]\" = torch.ops.aten.mul.Tensor(tangents_1, cos);  tangents_1 = cos = None\n"
      "        return (mul,)\n";
  FxReadResult r = read_fx(text, "log.txt");
  for (const FxDiagnostic& d : r.errors) ADD_FAILURE() << d.format();
  ASSERT_EQ(r.graphs.size(), 2u);
  EXPECT_EQ(r.graphs[0].nodes.size(), 3u);
  EXPECT_EQ(r.graphs[1].nodes.size(), 5u);
  EXPECT_EQ(r.graphs[1].nodes[3].target, "aten.mul.Tensor");
}

TEST(FxReaderStatements, BareForwardFunction) {
  Graph g = read_one(
      "def forward(self, x: \"f32[2]\"):\n"
      "    relu = torch.ops.aten.relu.default(x)\n"
      "    return relu\n");
  EXPECT_EQ(g.name, "forward");
  EXPECT_EQ(g.nodes.size(), 3u);
}

TEST(FxReaderStatements, WhitespaceOnlyLinesAndCrLf) {
  Graph g = read_one(
      "class M(torch.nn.Module):\r\n"
      "    \r\n"
      "    def forward(self, x: \"f32[2]\"):\r\n"
      "\t\r\n"
      "        relu = torch.ops.aten.relu.default(x)\r\n"
      "   \r\n"
      "        return relu\r\n"
      "        \r\n");
  EXPECT_EQ(g.nodes.size(), 3u);
}

}  // namespace
}  // namespace symshape::tracer
