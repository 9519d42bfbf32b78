// Seeded mutations of real dumps and small texts: the reader returns graphs
// and located errors only (every error's line and column lie inside the text
// and its line_text is that line), never throws, never crashes, in bounded time.
#include <gtest/gtest.h>

#include <chrono>
#include <random>
#include <string>
#include <vector>

#include "fx_examples.hpp"
#include "symshape/tracer/fx_reader.hpp"

namespace symshape::tracer {
namespace {

const char* const kInlineTexts[] = {
    "from __future__ import annotations\n"
    "class inner_f(torch.nn.Module):\n"
    "    def forward(self, primals, tangents):\n"
    "        primals_1: \"Sym(s52)\"; primals_2: \"f32[s52][1]cuda:0\"; tangents_1: \"f32[s52]\"; \n"
    "        primals_1, primals_2, tangents_1, = fx_pytree.tree_flatten_spec([primals, tangents], self._in_spec)\n"
    "         # File: t.py:4 in f, code: y = x.abs()\n"
    "        mul: \"f32[s52]\" = torch.ops.aten.mul.Tensor(primals_2, -inf);  tangents_1 = None\n"
    "        add: \"Sym(s52 + 1)\" = primals_1 + 1\n"
    "        ge: \"Sym(u0 >= 0)\" = add >= 0\n"
    "        full = torch.ops.aten.full.default([add, 2], 1e-06, dtype = torch.float32, "
    "device = device(type='cuda', index=0), memory_format = torch.channels_last)\n"
    "        split = torch.ops.aten.split.Tensor(full,\n"
    "            9223372036854775807, -9223372036854775808)\n"
    "        getitem: \"f32[s52, 2]\" = split[0];  split = None\n"
    "        return pytree.tree_unflatten([mul, None, getitem, 'a', \"b\"], self._out_spec)\n",
    "class <lambda>(torch.nn.Module):\n"
    "    def forward(self, arg0_1: Sym(s0), arg1_1: f32[s0, 3]):\n"
    "        sub: Sym(s0 - 1.0) = arg0_1 - 1.0\n"
    "        t: f32[3, s0] = torch.ops.aten.t.default(arg1_1)\n"
    "        return (t,)\n",
};

// Bytes that matter to the grammar, and some that do not belong to it.
constexpr std::string_view kAlphabet = "()[]{},:;=.'\"#\\\n\t -+*/<>@x0_9eS\x01\xff";

std::string mutate(std::string text, std::mt19937& rng) {
  auto pick = [&](size_t n) { return n == 0 ? size_t{0} : std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  int edits = 1 + static_cast<int>(pick(4));
  for (int e = 0; e < edits; ++e) {
    switch (pick(6)) {
      case 0:  // delete a byte
        if (!text.empty()) text.erase(pick(text.size()), 1);
        break;
      case 1:  // insert a byte
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(pick(text.size() + 1)), kAlphabet[pick(kAlphabet.size())]);
        break;
      case 2:  // insert any byte
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(pick(text.size() + 1)), static_cast<char>(pick(256)));
        break;
      case 3:  // swap two bytes
        if (text.size() > 1) std::swap(text[pick(text.size())], text[pick(text.size())]);
        break;
      case 4:  // truncate
        text.resize(pick(text.size() + 1));
        break;
      case 5: {  // duplicate a slice (a line, a bracket run)
        size_t from = pick(text.size() + 1);
        size_t length = pick(std::min<size_t>(80, text.size() - from) + 1);
        text.insert(pick(text.size() + 1), text.substr(from, length));
        break;
      }
    }
  }
  return text;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (;;) {
    size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
    if (end == std::string::npos) return lines;
    start = end + 1;
  }
}

void check_located(const std::string& text, const std::string& origin) {
  FxReadResult r;
  try {
    r = read_fx(text, "m.py");
  } catch (const std::exception& e) {
    FAIL() << origin << ": read_fx threw " << e.what();
  }
  std::vector<std::string> lines = lines_of(text);
  for (const FxDiagnostic& d : r.errors) {
    ASSERT_EQ(d.span.file, "m.py");
    ASSERT_GE(d.span.line, 1) << origin << ": " << d.format();
    ASSERT_LE(static_cast<size_t>(d.span.line), lines.size()) << origin << ": " << d.format();
    const std::string& line = lines[static_cast<size_t>(d.span.line - 1)];
    ASSERT_GE(d.span.column, 1) << origin << ": " << d.format();
    ASSERT_LE(static_cast<size_t>(d.span.column), line.size() + 1) << origin << ": " << d.format();
    ASSERT_EQ(d.line_text, line) << origin;
    ASSERT_FALSE(d.message.empty()) << origin;
  }
  for (const Graph& g : r.graphs) {
    for (size_t i = 0; i < g.nodes.size(); ++i) {
      for (const Argument& a : g.nodes[i].args) {
        if (a.is(Argument::Kind::Node)) {
          ASSERT_LT(a.node, i) << origin;
        }
      }
    }
  }
}

TEST(FxReaderFuzz, MutatedTextsGiveOnlyLocatedErrors) {
  std::vector<std::pair<std::string, std::string>> seeds;
  for (const char* text : kInlineTexts) seeds.emplace_back("inline", text);
  for (const std::string& file : fx_example_files()) seeds.emplace_back(file, *read_fx_example(file));

  std::mt19937 rng(20261206);
  const auto start = std::chrono::steady_clock::now();
  size_t reads = 0;
  for (const auto& [name, text] : seeds) {
    // The big dumps cost more per read; fewer mutations keep the test short.
    int rounds = text.size() > 20000 ? 40 : 150;
    for (int round = 0; round < rounds; ++round) {
      std::string mutated = mutate(text, rng);
      check_located(mutated, name + " round " + std::to_string(round));
      ++reads;
      if (HasFatalFailure()) return;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_LT(seconds, 60.0) << reads << " reads";
  RecordProperty("reads", static_cast<int>(reads));
}

TEST(FxReaderFuzz, EveryPrefixOfADumpGivesOnlyLocatedErrors) {
  for (const char* text : kInlineTexts) {
    std::string s = text;
    for (size_t n = 0; n <= s.size(); ++n) {
      check_located(s.substr(0, n), "prefix " + std::to_string(n));
      if (HasFatalFailure()) return;
    }
  }
}

TEST(FxReaderFuzz, ArbitraryBytes) {
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string text(std::uniform_int_distribution<size_t>(0, 300)(rng), ' ');
    for (char& c : text) c = static_cast<char>(std::uniform_int_distribution<int>(0, 255)(rng));
    check_located(text, "bytes round " + std::to_string(round));
    if (HasFatalFailure()) return;
  }
}

}  // namespace
}  // namespace symshape::tracer
