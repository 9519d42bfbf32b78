// End-to-end tests of `symshape trace`: exit codes, the --check summary and
// mismatch lines, --json, located errors naming the closest ops, and the
// effect of --hint and --input.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "json_reader.hpp"
#include "run_cli.hpp"

namespace symshape {
namespace {

using testing::Json;
using testing::parse_json;
using testing::run_cli;

// Size-arithmetic nodes only (sym_size and Python operators), so the test
// depends on the reader, propagation and the sym-node rules alone.
const std::string kGraph =
    "class GraphModule(torch.nn.Module):\n"
    "    def forward(self, primals_1: \"Sym(s52)\", primals_2: \"f32[s52, 3]\"):\n"
    "        # File: model.py:3 in forward, code: n = x.shape[0] // 2\n"
    "        sym_size_int: \"Sym(s52)\" = torch.ops.aten.sym_size.int(primals_2, 0)\n"
    "        floordiv: \"Sym((s52//2))\" = sym_size_int // 2\n"
    "        add: \"Sym((s52//2) + 1)\" = floordiv + 1\n"
    "        return (add, primals_2)\n";

std::string with_annotation(std::string text, const std::string& from, const std::string& to) {
  text.replace(text.find(from), from.size(), to);
  return text;
}

TEST(TraceCli, CheckPrintsOneSummaryLineAndExitsZero) {
  auto r = run_cli({"trace", "--check", "-"}, kGraph);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out_lines(), (std::vector<std::string>{"check: 5 nodes, 0 mismatches"}));
  EXPECT_EQ(r.err, "");
}

TEST(TraceCli, MismatchLineNamesNodeOpWhatExpressionsAndValues) {
  auto r = run_cli({"trace", "--check", "-", "--hint", "s52=10"},
                   with_annotation(kGraph, "Sym((s52//2) + 1)", "Sym((s52//4) + 1)"));
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out_lines(), (std::vector<std::string>{
                               "check: 5 nodes, 1 mismatches",
                               "add (operator.add) value: expected (s52//4) + 1, computed (s52//2) + 1 (at the hints: 3 vs 6)",
                           }));
}

TEST(TraceCli, ReportHasHintsOutputsGuardsAndMinimalSet) {
  auto r = run_cli({"trace", "-"}, kGraph);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::string& out = r.out;
  EXPECT_NE(out.find("hints: s52=64 (chosen)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  add: Sym((s52//2) + 1)\n"), std::string::npos) << out;
  EXPECT_NE(out.find("  primals_2: f32[s52, 3][3, 1]\n"), std::string::npos) << out;
  EXPECT_NE(out.find("guards ("), std::string::npos) << out;
  EXPECT_NE(out.find("minimal ("), std::string::npos) << out;
}

TEST(TraceCli, HintChangesTheValuesAtTheHints) {
  auto r = run_cli({"trace", "-", "--hint", "s52=12"}, kGraph);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("hints: s52=12\n"), std::string::npos) << r.out;
}

TEST(TraceCli, InputMakesThePlaceholderConcrete) {
  auto r = run_cli({"trace", "-", "--input", "primals_2=9,3"}, kGraph);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  add: Sym(5)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Eq(primals_2.size()[0], 9)"), std::string::npos) << r.out;
  // The check still holds: the annotation's s52 is read as 9.
  EXPECT_EQ(run_cli({"trace", "--check", "-", "--input", "primals_2=9,3"}, kGraph).exit_code, 0);
}

TEST(TraceCli, JsonParsesAndHasNodesGuardsAndCheck) {
  auto r = run_cli({"trace", "--json", "--check", "-"}, kGraph);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Json doc = parse_json(r.out);
  EXPECT_EQ(doc.at("file").string, "-");
  EXPECT_EQ(doc.at("check").at("mismatches").number, 0);
  const Json& graph = doc.at("graphs").array.at(0);
  EXPECT_EQ(graph.at("hints").array.at(0).at("symbol").string, "s52");
  EXPECT_EQ(graph.at("hints").array.at(0).at("value").number, 64);
  const Json& primals_2 = graph.at("nodes").array.at(1);
  EXPECT_EQ(primals_2.at("name").string, "primals_2");
  EXPECT_EQ(primals_2.at("value").at("sizes").array.at(0).string, "s52");
  EXPECT_EQ(primals_2.at("value").at("strides").array.at(0).string, "3");
  EXPECT_EQ(graph.at("outputs").array.size(), 2u);
  EXPECT_EQ(graph.at("guards").type, Json::Type::Array);
  EXPECT_EQ(graph.at("check").at("nodes").number, 5);
  // Without --check there is no check object.
  EXPECT_THROW(parse_json(run_cli({"trace", "--json", "-"}, kGraph).out).at("check"), std::runtime_error);
}

TEST(TraceCli, UnknownOpIsLocatedAndNamesClosestOps) {
  const std::string text =
      with_annotation(kGraph, "torch.ops.aten.sym_size.int(primals_2, 0)", "torch.ops.aten.sym_sizes.int(primals_2, 0)");
  auto r = run_cli({"trace", "--check", "-"}, text);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("<stdin>:4:9: node sym_size_int (aten.sym_sizes.int): unknown op 'aten.sym_sizes.int'; "
                       "closest registered ops: aten.sym_size"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("^"), std::string::npos);  // a caret under the node
}

TEST(TraceCli, BadInputExitsTwoWithLocation) {
  auto unreadable = run_cli({"trace", "/nonexistent/graph.txt"});
  EXPECT_EQ(unreadable.exit_code, 2);
  EXPECT_NE(unreadable.err.find("cannot read"), std::string::npos);

  auto syntax = run_cli({"trace", "-"}, with_annotation(kGraph, "sym_size_int // 2", "sym_size_int // * 2"));
  EXPECT_EQ(syntax.exit_code, 2);
  EXPECT_NE(syntax.err.find("<stdin>:5:"), std::string::npos) << syntax.err;

  auto no_graph = run_cli({"trace", "-"}, "# nothing\n");
  EXPECT_EQ(no_graph.exit_code, 2);

  auto bad_input = run_cli({"trace", "-", "--input", "primals_2=9,4"}, kGraph);
  EXPECT_EQ(bad_input.exit_code, 2);
  EXPECT_NE(bad_input.err.find("<stdin>:2:"), std::string::npos) << bad_input.err;
}

TEST(TraceCli, BadOptionsAreUsageErrors) {
  EXPECT_EQ(run_cli({"trace", "-", "--hint", "s9=4"}, kGraph).exit_code, 2);
  EXPECT_EQ(run_cli({"trace", "-", "--hint", "s52=-4"}, kGraph).exit_code, 2);
  EXPECT_EQ(run_cli({"trace", "-", "--input", "primals_2=x"}, kGraph).exit_code, 2);
  EXPECT_EQ(run_cli({"trace", "-", "--input", "nope=1"}, kGraph).exit_code, 2);
  EXPECT_EQ(run_cli({"trace"}).exit_code, 2);
  auto help = run_cli({"trace", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("check: N nodes, M mismatches"), std::string::npos);
}

// The examples shipped in examples/ check clean through the command too.
TEST(TraceCli, OwnExamplesCheckClean) {
  const std::filesystem::path dir = std::filesystem::path(SYMSHAPE_SOURCE_DIR) / "examples";
  size_t files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".txt") continue;
    ++files;
    auto r = run_cli({"trace", "--check", entry.path().string()});
    EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.out << r.err.substr(0, 2000);
    EXPECT_TRUE(r.out.rfind("check: ", 0) == 0) << r.out;
  }
  EXPECT_EQ(files, 12u);  // six programs of record_examples.py, forward and joint
}

}  // namespace
}  // namespace symshape
