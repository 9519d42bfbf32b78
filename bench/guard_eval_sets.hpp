// The guard sets that benchmark 2 (bench_guard_eval) times, shared with the
// generator of their compiled-C++ baseline (gen_compiled_guards.cpp) so that
// both see the same guards, the same slot layout and the same points:
//  - minimal13: the hand-minimized set of guard_eval_workload.hpp;
//  - raw370: the raw transformer set it stands for (same layout);
//  - one set per bench/data/guard_eval/NAME_minimal.txt: a set that
//    symshape's minimize() kept from a recorded PyTorch guard list, with its
//    own layout. The file's `# point: SYM=INT, ...` line is a passing point;
//    `# raw: PATH` names the raw list it was minimized from (for Python eval).
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "guard_eval_workload.hpp"
#include "symshape/guards/guard_reader.hpp"
#include "symshape/guards/slot_layout.hpp"
#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"
#include "symshape/symbolic/parse.hpp"

namespace symshape::bench {

struct GuardEvalSet {
  std::string name;         // an identifier: the compiled function is compiled_guards_NAME
  std::vector<Expr> guards;  // the set that is checked
  std::vector<Expr> raw;     // what it was minimized from (itself for raw370)
  SlotLayout layout;
  std::vector<int64_t> passing, failing;  // slot arrays; every guard holds at `passing`
};

inline bool passes(const std::vector<Expr>& guards, const Assignment& values) {
  for (Expr g : guards) {
    try {
      if (!evaluate_bool(g, values)) return false;
    } catch (const Error&) {
      return false;
    }
  }
  return true;
}

// A point near `passing` where the set fails: one symbol moved by one (or
// doubled), so that an equality or a bound breaks. Empty if none is found.
inline Assignment nearby_failing_point(const std::vector<Expr>& guards, const Assignment& passing,
                                       const SlotLayout& layout) {
  for (Expr sym : layout.symbols()) {
    for (int64_t delta : {1, -1}) {
      Assignment a = passing;
      a[sym] += delta;
      if (!passes(guards, a)) return a;
    }
  }
  return {};
}

inline std::vector<Expr> read_guard_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  GuardReadResult r = read_guards(in);
  if (!r.errors.empty()) throw std::runtime_error(path.string() + ":" + r.errors.front().to_string());
  return r.guards.exprs();
}

// `# point: s0=4, s1=8` (names as in the guards, values int64).
inline Assignment read_point(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  const std::string tag = "# point:";
  while (std::getline(in, line)) {
    if (line.rfind(tag, 0) != 0) continue;
    Assignment point;
    std::stringstream items(line.substr(tag.size()));
    std::string item;
    while (std::getline(items, item, ',')) {
      size_t eq = item.rfind('=');
      if (eq == std::string::npos) throw std::runtime_error(path.string() + ": bad point item " + item);
      std::string name = item.substr(0, eq);
      name.erase(0, name.find_first_not_of(' '));
      point[parse_expr(name)] = std::stoll(item.substr(eq + 1));
    }
    return point;
  }
  throw std::runtime_error(path.string() + ": no '# point:' line");
}

// `# raw: PATH` relative to the source root, or empty.
inline std::string read_raw_path(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::string line;
  const std::string tag = "# raw: ";
  while (std::getline(in, line)) {
    if (line.rfind(tag, 0) == 0) return line.substr(tag.size());
  }
  return "";
}

inline void finish(GuardEvalSet& set, const Assignment& passing) {
  if (!passes(set.guards, passing)) throw std::runtime_error(set.name + ": the passing point fails");
  set.passing = set.layout.slots_from(passing);
  Assignment failing = nearby_failing_point(set.guards, passing, set.layout);
  set.failing = failing.empty() ? set.passing : set.layout.slots_from(failing);
}

// The names of the recorded sets, sorted (CMake lists the same files).
inline std::vector<std::filesystem::path> recorded_set_files(const std::filesystem::path& source_dir) {
  std::vector<std::filesystem::path> files;
  std::filesystem::path dir = source_dir / "bench/data/guard_eval";
  if (!std::filesystem::is_directory(dir)) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::string file = entry.path().filename().string();
    if (file.size() > 13 && file.ends_with("_minimal.txt")) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

inline std::vector<GuardEvalSet> guard_eval_sets(const std::filesystem::path& source_dir) {
  std::vector<GuardEvalSet> sets;
  GuardEvalWorkload w = transformer_guard_eval_workload();
  Assignment passing;
  for (const auto& [name, value] : w.passing_point) passing[symbol(name)] = value;
  std::vector<Expr> raw, minimal;
  for (const std::string& t : w.raw) raw.push_back(parse_expr(t));
  for (const std::string& t : w.minimal) minimal.push_back(parse_expr(t));
  SlotLayout layout = SlotLayout::for_guards(raw);
  sets.push_back({"minimal13", minimal, raw, layout, {}, {}});
  sets.push_back({"raw370", raw, raw, layout, {}, {}});
  for (GuardEvalSet& s : sets) finish(s, passing);
  for (const auto& file : recorded_set_files(source_dir)) {
    GuardEvalSet s;
    s.name = file.stem().string();
    s.guards = read_guard_file(file);
    std::string raw_path = read_raw_path(file);
    s.raw = raw_path.empty() ? s.guards : read_guard_file(source_dir / raw_path);
    s.layout = SlotLayout::for_guards(s.guards);
    finish(s, read_point(file));
    sets.push_back(std::move(s));
  }
  return sets;
}

}  // namespace symshape::bench
