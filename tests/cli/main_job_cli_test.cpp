// The main job (a bare `symshape`, issue 9): its screen's structure and the
// consistency of its counts, in text and as `--json`. No number of the
// output is hard-coded here: the tests check what must hold between them
// (kept + dropped + runtime asserts = raw, per-stage counts sum to the raw
// count, hits + misses = calls, a hit names an entry compiled before it, ...).
#include <gtest/gtest.h>

#include <algorithm>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "json_reader.hpp"
#include "run_cli.hpp"

namespace symshape::testing {
namespace {

// Both runs are shared by the tests (each takes seconds).
const CliResult& text_run() {
  static const CliResult r = run_cli({});
  return r;
}
const CliResult& json_run() {
  static const CliResult r = run_cli({"--json"});
  return r;
}

size_t count(const Json& j) { return static_cast<size_t>(j.number); }

TEST(MainJob, JsonIsOneObjectWithBothModels) {
  const CliResult& r = json_run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const Json doc = parse_json(r.out);
  const Json& models = doc.at("models");
  ASSERT_EQ(models.array.size(), 2u);
  std::set<std::string> names;
  for (const Json& m : models.array) names.insert(m.at("name").string);
  EXPECT_EQ(names.size(), 2u);
  EXPECT_GT(doc.at("seconds").number, 0);
}

TEST(MainJob, GuardCountsAddUp) {
  const Json doc = parse_json(json_run().out);
  for (const Json& m : doc.at("models").array) {
    SCOPED_TRACE(m.at("name").string);
    EXPECT_GT(count(m.at("forward_nodes")), 0u);
    EXPECT_GT(count(m.at("joint_nodes")), count(m.at("forward_nodes")));
    // The aot stage traced the whole joint graph, forward part and backward part.
    EXPECT_EQ(count(m.at("aot_forward_nodes")) + count(m.at("aot_backward_nodes")), count(m.at("joint_nodes")));
    EXPECT_GT(count(m.at("aot_forward_nodes")), 0u);
    EXPECT_GT(count(m.at("aot_backward_nodes")), 0u);
    ASSERT_TRUE(m.at("contradiction").type == Json::Type::Null);
    EXPECT_EQ(count(m.at("propagation_failures")), 0u);
    // Per-stage counts: every stage is a known one and they sum to the raw count.
    size_t per_stage = 0;
    std::set<std::string> stages;
    for (const Json& s : m.at("raw_per_stage").array) {
      per_stage += count(s.at("raw"));
      stages.insert(s.at("stage").string);
    }
    EXPECT_EQ(per_stage, count(m.at("raw")));
    // The three stages of one ShapeEnv are always listed (a stage whose
    // questions the earlier stages' facts answered adds 0 guards).
    for (const char* stage : {"capture", "aot forward", "aot backward"}) EXPECT_TRUE(stages.count(stage)) << stage;
    EXPECT_EQ(m.at("raw_per_stage").array[0].at("stage").string, "capture");
    // Every raw guard is kept, dropped with a reason, or a runtime assert.
    const size_t kept = m.at("minimal").array.size();
    EXPECT_EQ(kept + count(m.at("dropped")) + count(m.at("runtime_asserts")), count(m.at("raw")));
    size_t by_reason = 0;
    for (const auto& [reason, n] : m.at("dropped_by_reason").object) {
      EXPECT_TRUE(reason == "duplicate" || reason == "trivial" || reason == "implied") << reason;
      by_reason += count(n);
    }
    EXPECT_EQ(by_reason, count(m.at("dropped")));
    // Provenance of the kept guards: a stage of the pipeline, a raw index in range.
    std::set<size_t> indices;
    for (const Json& g : m.at("minimal").array) {
      EXPECT_FALSE(g.at("guard").string.empty());
      EXPECT_TRUE(stages.count(g.at("stage").string)) << "kept guard of an unlisted stage " << g.at("stage").string;
      const size_t index = count(g.at("raw_index"));
      EXPECT_GE(index, 1u);
      EXPECT_LE(index, count(m.at("raw")));
      EXPECT_TRUE(indices.insert(index).second) << "raw #" << index << " kept twice";
    }
    EXPECT_LE(count(m.at("z3_checks")), count(m.at("prover_queries")));
    EXPECT_GE(m.at("z3_share").number, 0);
    EXPECT_LE(m.at("z3_share").number, 1);
  }
}

TEST(MainJob, ReplayIsConsistent) {
  const Json doc = parse_json(json_run().out);
  for (const Json& m : doc.at("models").array) {
    SCOPED_TRACE(m.at("name").string);
    const std::vector<Json>& calls = m.at("calls").array;
    ASSERT_GE(calls.size(), 2u);
    // The first call finds an empty cache and compiles the first entry.
    EXPECT_FALSE(calls[0].at("hit").boolean);
    EXPECT_TRUE(calls[0].at("recompiled").boolean);
    size_t hits = 0, misses = 0, recompiles = 0;
    std::set<size_t> compiled;
    for (const Json& c : calls) {
      SCOPED_TRACE(c.at("sizes").string);
      const size_t id = count(c.at("entry_id"));
      if (c.at("hit").boolean) {
        ++hits;
        EXPECT_TRUE(compiled.count(id)) << "hit entry " << id << " that was never compiled";
        EXPECT_TRUE(c.at("mismatches").array.empty());
      } else {
        ++misses;
        // One failing guard per entry in the cache at that moment.
        EXPECT_EQ(c.at("mismatches").array.size(), compiled.size()) << "a miss must name each entry's failing guard";
        if (c.at("recompiled").boolean) {
          ++recompiles;
          EXPECT_TRUE(compiled.insert(id).second) << "entry " << id << " compiled twice";
        } else {
          EXPECT_FALSE(c.at("error").string.empty()) << "a miss neither recompiled nor explained";
        }
      }
    }
    EXPECT_EQ(hits, count(m.at("hits")));
    EXPECT_EQ(misses, count(m.at("misses")));
    EXPECT_EQ(recompiles, count(m.at("recompiles")));
    EXPECT_GE(hits, 1u) << "the replay never reused an entry";
    EXPECT_GE(recompiles, 2u) << "the replay never broke a guard";
    EXPECT_LE(count(m.at("entries")), recompiles);
    // A miss names, per entry, a guard that failed with the values involved.
    for (const Json& c : calls) {
      for (const Json& mismatch : c.at("mismatches").array) {
        EXPECT_NE(mismatch.at("reason").string.find(" failed: "), std::string::npos) << mismatch.at("reason").string;
        EXPECT_TRUE(compiled.count(count(mismatch.at("entry_id"))));
      }
    }
    const Json& lookup = m.at("lookup");
    ASSERT_EQ(lookup.type, Json::Type::Object);
    EXPECT_GT(lookup.at("lookup_ns").number, 0);
    EXPECT_GT(lookup.at("minimal_check_ns").number, 0);
    EXPECT_GT(lookup.at("raw_check_ns").number, 0);
    EXPECT_EQ(count(lookup.at("minimal_guards")), m.at("minimal").array.size());
    EXPECT_EQ(count(lookup.at("raw_guards")), count(m.at("raw")) - count(m.at("runtime_asserts")));
  }
}

// The screen says what the JSON says: the same per-stage counts, kept and
// dropped counts, and replay totals, in the lines a reader looks for.
TEST(MainJob, ScreenMatchesJson) {
  const CliResult& r = text_run();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  const Json doc = parse_json(json_run().out);
  const std::string& out = r.out;
  for (const Json& m : doc.at("models").array) {
    const std::string name = m.at("name").string;
    SCOPED_TRACE(name);
    const size_t at = out.find("\n" + name + ": ");
    ASSERT_NE(at, std::string::npos) << out;
    const size_t end = out.find("\n\n", at + 1);
    const std::string block = out.substr(at, end == std::string::npos ? std::string::npos : end - at);

    std::string stages;
    for (const Json& s : m.at("raw_per_stage").array) {
      stages += (stages.empty() ? " " : ", ") + s.at("stage").string + " " + std::to_string(count(s.at("raw")));
    }
    EXPECT_NE(block.find("raw guards:" + stages + " = " + std::to_string(count(m.at("raw")))), std::string::npos)
        << block;
    EXPECT_NE(block.find("minimal set: " + std::to_string(m.at("minimal").array.size()) + " guards"), std::string::npos)
        << block;
    EXPECT_TRUE(std::regex_search(block, std::regex("\n  dropped " + std::to_string(count(m.at("dropped"))) + "(:|\n)")))
        << block;
    EXPECT_NE(block.find("hits " + std::to_string(count(m.at("hits"))) + ", misses " +
                         std::to_string(count(m.at("misses"))) + ", recompiles " +
                         std::to_string(count(m.at("recompiles")))),
              std::string::npos)
        << block;
    // One replay line per call, numbered.
    const std::vector<Json>& calls = m.at("calls").array;
    for (size_t i = 0; i < calls.size(); ++i) {
      const std::regex line("\n    " + std::to_string(i + 1) + " +L\\['");
      EXPECT_TRUE(std::regex_search(block, line)) << "no replay line " << i + 1 << "\n" << block;
    }
    EXPECT_TRUE(std::regex_search(block, std::regex("lookup \\(hit\\): [0-9]+ ns"))) << block;
    EXPECT_TRUE(std::regex_search(block, std::regex("reached Z3 \\([0-9.]+%\\)"))) << block;
  }
}

TEST(MainJob, JsonOnlyWithoutACommand) {
  // `--json` is the main job's option; a command keeps its own options.
  const CliResult r = run_cli({"--json", "simplify", "s0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("symshape simplify --json"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace symshape::testing
