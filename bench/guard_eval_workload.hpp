// The workload of benchmark 2 (evaluation overhead): the raw guard set a deep
// decoder-only transformer with a key/value cache raises when traced with
// dynamic shapes, over 10 size symbols, plus its minimal equivalent set
// written by hand (every raw guard is either in it, a duplicate of one of its
// guards, or implied by it under the size domain s >= 0; the benchmark checks
// the agreement at random points before timing).
//
// Symbols: s0 batch, s1 sequence length, s2 past (cache) length, s3 attention
// mask length, s4 position ids length, s5 labels batch, s6 labels length,
// s7 token type ids length, s8 value cache length, s9 input ids length.
//
// Each layer repeats the attention/MLP shape checks the tracer meets again in
// every block: exact and canonical duplicates, bounds implied by tighter ones,
// divisibility implied by a stronger divisibility, numel relations implied by
// the mask equality, and a per-layer bound (`s1 + s2 <= 1024 + layer`) that is
// a distinct guard each time but always implied.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace symshape::bench {

struct GuardEvalWorkload {
  std::vector<std::string> raw;      // sympy text, trace order
  std::vector<std::string> minimal;  // the hand-minimized equivalent set
  // A point where every guard holds (the common case of a cache hit, when
  // every guard must be evaluated), and one that breaks an equality.
  std::vector<std::pair<std::string, int64_t>> passing_point;
  std::vector<std::pair<std::string, int64_t>> failing_point;
};

inline GuardEvalWorkload transformer_guard_eval_workload(int layers = 24) {
  GuardEvalWorkload w;
  w.minimal = {
      "Eq(s3, s1 + s2)",     // mask covers past + new tokens
      "Eq(s8, s2)",          // value cache length == key cache length
      "s1 + s2 <= 1024",     // position embedding table
      "s1 >= 2",             // dynamic (not specialized to 0/1)
      "s2 >= 1",             // non-empty cache
      "Eq(Mod(s1, 8), 0)",   // padded sequence
      "s0 >= 1",
      "s0 <= 64",
      "Eq(s4, s1)",          // position ids
      "Eq(s5, s0)",          // labels batch
      "Eq(s6, s1)",          // labels length
      "Eq(s7, s1)",          // token type ids
      "Eq(s9, s1)",          // input ids
  };
  // Inputs: each input's sizes are checked once, against the first use.
  w.raw = {"Eq(s9, s1)", "s1 >= 2", "Eq(s4, s1)", "Eq(s7, s1)", "s0 >= 1", "s0 <= 64", "s2 >= 1"};
  for (int layer = 0; layer < layers; ++layer) {
    std::vector<std::string> g = {
        "Eq(s3, s1 + s2)",
        "Eq(s3, s2 + s1)",              // canonical duplicate
        "Eq(s8, s2)",
        "s1 + s2 <= 1024",
        "s1 <= 1024",                   // implied: s2 >= 0
        "s3 <= 1024",                   // implied via the mask equality
        "s1 + s2 <= " + std::to_string(1024 + layer),  // implied, distinct per layer
        "Ne(s1, 1)",                    // implied by s1 >= 2
        "s1 > 1",                       // canonical duplicate of s1 >= 2
        "Eq(Mod(s1, 8), 0)",
        "Eq(Mod(s1, 4), 0)",            // implied by Mod 8
        "Ne(s0*s1, 0)",                 // implied by the ranges
        "Ne(s3, 1)",                    // implied: s3 = s1 + s2 >= 3
        "Eq(12*s0*s1*s3, 12*s0*s1*(s1 + s2))",  // scores numel, implied by the mask equality
        "s2 <= 1022",                   // implied: s1 >= 2
    };
    w.raw.insert(w.raw.end(), g.begin(), g.end());
  }
  w.raw.insert(w.raw.end(), {"Eq(s5, s0)", "Eq(s6, s1)", "Eq(s6, s4)"});  // the loss
  w.passing_point = {{"s0", 8},   {"s1", 128}, {"s2", 256}, {"s3", 384}, {"s4", 128},
                     {"s5", 8},   {"s6", 128}, {"s7", 128}, {"s8", 256}, {"s9", 128}};
  w.failing_point = w.passing_point;
  w.failing_point[6].second = 120;  // labels shorter than the sequence: Eq(s6, s1) fails
  return w;
}

}  // namespace symshape::bench
