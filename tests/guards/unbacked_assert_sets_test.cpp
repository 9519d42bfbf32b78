// PyTorch's runtime-assert sets over unbacked symbols (tests/data/unbacked/):
// by kind, u0 is any integer, so `u0 >= 0` is a real check that minimize must
// keep unless other guards imply it; with --all-sizes (every symbol a size) it
// is trivial. Each file says which guards each domain keeps ("# expect"
// lines); the kept set must pass exactly where the raw set does over a box in
// which the unbacked symbols go negative.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "box_equivalence.hpp"
#include "independent_check.hpp"
#include "minimize_test_support.hpp"
#include "symshape/guards/guard_reader.hpp"
#include "symshape/guards/minimize.hpp"

namespace symshape {
namespace {

namespace fs = std::filesystem;

struct AssertSet {
  std::string name;
  GuardSet guards;
  std::vector<size_t> kept_by_kind, kept_all_sizes;  // 0-based guard indices
};

// "# expect kept by kind: 2, 3" -> {1, 2}.
std::vector<size_t> guard_numbers_after(const std::string& text, const std::string& label) {
  const size_t at = text.find(label);
  if (at == std::string::npos) ADD_FAILURE() << "no '" << label << "' line";
  std::vector<size_t> out;
  if (at == std::string::npos) return out;
  std::istringstream numbers(text.substr(at + label.size(), text.find('\n', at) - at - label.size()));
  for (std::string item; std::getline(numbers, item, ',');) out.push_back(std::stoul(item) - 1);
  return out;
}

std::vector<AssertSet> load_sets() {
  std::vector<AssertSet> sets;
  const fs::path dir = fs::path(SYMSHAPE_SOURCE_DIR) / "tests" / "data" / "unbacked";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream text;
    text << in.rdbuf();
    GuardReadResult read = read_guards(text.str());
    EXPECT_TRUE(read.errors.empty()) << file;
    sets.push_back({file.filename().string(), read.guards, guard_numbers_after(text.str(), "# expect kept by kind:"),
                    guard_numbers_after(text.str(), "# expect kept all sizes:")});
  }
  return sets;
}

void expect_minimized_as_recorded(const AssertSet& set, const SymbolDomain& domain,
                                  const std::vector<size_t>& expected) {
  MinimizeOptions options;
  options.domain = domain;
  MinimizeResult result = minimize(set.guards, options);
  ASSERT_FALSE(result.contradiction.has_value());
  EXPECT_EQ(result.kept, expected);
  testing::expect_sound_result(set.guards, result, options);
  const testing::IndependentCheck z3 = testing::check_independently(set.guards, result, options);
  EXPECT_EQ(z3.equivalence, VerifyStatus::Verified);
  EXPECT_EQ(z3.reasons_unknown, 0u);
  // u0 from -6 (a negative count must fail whatever the raw set rejects).
  testing::BoxCount box = testing::expect_same_truth_on_box(
      set.guards.exprs(), testing::exprs_at(set.guards, result.kept), {}, domain, -6, 40);
  EXPECT_GT(box.raw_passes, 0) << "no point of the box passes: the check has no teeth";
}

TEST(UnbackedAssertSets, ByKindKeepsTheChecksOnUnbackedSigns) {
  const std::vector<AssertSet> sets = load_sets();
  ASSERT_GE(sets.size(), 5u);
  for (const AssertSet& set : sets) {
    SCOPED_TRACE(set.name);
    expect_minimized_as_recorded(set, SymbolDomain::by_kind(), set.kept_by_kind);
  }
}

TEST(UnbackedAssertSets, AllSizesDropsThemAsTrivial) {
  for (const AssertSet& set : load_sets()) {
    SCOPED_TRACE(set.name);
    expect_minimized_as_recorded(set, SymbolDomain::all_sizes(), set.kept_all_sizes);
  }
}

// The example, spelled out: `u0 >= 0` is no size fact, and only
// `u1 >= 0` follows from Eq(u1, u0**2).
TEST(UnbackedAssertSets, SquareKeepsTheSignOfItsRoot) {
  GuardSet raw = testing::guards_of({"u1 >= 0", "u0 >= 0", "Eq(u1, u0**2)"});
  MinimizeResult result = minimize(raw);
  EXPECT_EQ(result.kept, (std::vector<size_t>{1, 2}));
  ASSERT_EQ(result.dropped.size(), 1u);
  EXPECT_EQ(result.dropped[0].index, 0u);
  EXPECT_EQ(result.dropped[0].reason, DropReason::Implied);
  // At u0 = -3 the raw set fails; the kept set must fail there too.
  const Assignment negative_root{{symbol("u0"), -3}, {symbol("u1"), 9}};
  EXPECT_FALSE(testing::all_pass(raw.exprs(), negative_root));
  EXPECT_FALSE(testing::all_pass(testing::exprs_at(raw, result.kept), negative_root));
}

}  // namespace
}  // namespace symshape
