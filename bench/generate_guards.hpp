// A deterministic generator of large, realistic guard sets: the guards a deep
// decoder-only transformer (GPT-2 small shapes: hidden 768, 12 heads of 64,
// MLP 3072) with a key/value cache raises when traced with dynamic batch,
// sequence and cache lengths. Per layer it emits what PyTorch's logs show for
// such models: view/reshape numel equalities (true after canonicalization),
// duck-sizing equalities between the cache lengths, broadcast Eq/Ne guards,
// head divisibility (Mod) guards, range bounds, and the same guard repeated by
// every layer in a slightly different spelling (exact and canonical
// duplicates, bounds implied by tighter bounds, guards implied by chains).
//
// Symbols: s0 batch, s1 sequence length, s2 past (cache) length, s3 attention
// mask length; layer i adds s(4+2i) and s(5+2i), its key and value cache
// lengths. The set is satisfiable (s0=1..64, s1 a multiple of 8 in [8, 1024],
// every cache length equal to s2 in [1, 1024], s3 = s1 + s2), and any prefix
// of it is too, so `count` can cut it anywhere.
//
// Header-only so that benchmarks and tests share it without a library target.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace symshape::bench {

// splitmix64: the same sequence on every platform and standard library
// (std::uniform_int_distribution is not specified bit-exactly).
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n) (n small: the modulo bias is irrelevant here).
  uint64_t below(uint64_t n) { return next() % n; }
  bool chance(int percent) { return below(100) < static_cast<uint64_t>(percent); }

 private:
  uint64_t state_;
};

// The guard text of one transformer layer, appended to `out`.
inline void append_layer_guards(int layer, SplitMix64& rng, std::vector<std::string>& out) {
  const std::string b = "s0", t = "s1", p = "s2", mask = "s3";
  const std::string k = "s" + std::to_string(4 + 2 * layer);
  const std::string v = "s" + std::to_string(5 + 2 * layer);
  std::vector<std::string> g;
  // Input embedding / residual stream: [b, t, 768].
  g.push_back("Ne(" + t + ", 1)");                                  // broadcast: t is not 1
  g.push_back(rng.chance(50) ? t + " >= 8" : t + " > 7");           // canonical duplicates
  g.push_back(t + " >= 2");                                         // implied by t >= 8
  g.push_back(t + " <= 1024");                                      // position table
  g.push_back(rng.chance(50) ? t + " < 2048" : t + " <= 4096");     // implied by t <= 1024
  g.push_back(b + " >= 1");
  g.push_back(b + " <= 64");
  g.push_back("Ne(" + b + "*" + t + ", 0)");                        // numel != 0: implied by ranges
  // Attention: q/k/v projections viewed as [b, t, 12, 64].
  g.push_back("Eq(768*" + b + "*" + t + ", 12*64*" + b + "*" + t + ")");  // view numel: true
  g.push_back("Eq(Mod(768*" + t + ", 12), 0)");                     // heads divide hidden: true
  g.push_back("Eq(Mod(" + t + ", 8), 0)");                          // padded sequence
  g.push_back("Eq(Mod(" + t + ", " + (rng.chance(50) ? "4" : "2") + "), 0)");  // implied by Mod 8
  // Cache: duck sizing makes every cache length equal to the past length.
  g.push_back("Eq(" + k + ", " + p + ")");
  g.push_back("Eq(" + v + ", " + k + ")");
  g.push_back(rng.chance(50) ? "Eq(" + v + ", " + p + ")" : "Eq(" + p + ", " + v + ")");  // chain
  g.push_back("Eq(" + k + " + " + t + ", " + p + " + " + t + ")");  // canonical dup of Eq(k, p)
  g.push_back(p + " >= 1");
  g.push_back(p + " <= 1024");
  g.push_back(k + " + " + t + " <= 2048");                          // implied: k = p <= 1024, t <= 1024
  g.push_back(k + " + " + t + " > " + t);                           // k >= 1: implied via Eq(k, p)
  g.push_back("Ne(" + k + " + " + t + ", 1)");                      // implied by t >= 8
  // Attention mask broadcast over [b, 12, t, t + past].
  g.push_back("Eq(" + mask + ", " + t + " + " + p + ")");
  g.push_back("Eq(" + mask + ", " + k + " + " + t + ")");           // implied via Eq(k, p)
  g.push_back("Ne(" + mask + ", 1)");                               // implied: mask >= 9
  g.push_back(mask + " <= 2048");                                   // implied: t + p <= 2048
  // Scores [b*12, t, t + k] from bmm: numel relations.
  g.push_back("Eq(12*" + b + "*" + t + "*(" + k + " + " + t + "), 12*" + b + "*" + t + "*" + mask + ")");
  g.push_back("Ne(" + b + "*" + t + "*" + mask + ", 0)");           // implied by ranges
  // MLP: [b*t, 3072] views.
  g.push_back("Eq(3072*" + b + "*" + t + ", 4*768*" + b + "*" + t + ")");  // true
  g.push_back("Eq(Mod(3072*" + b + "*" + t + ", 768), 0)");         // true
  // Shuffle the layer's lines (Fisher-Yates on the seeded generator) so that
  // implied guards come before and after what implies them.
  for (size_t i = g.size(); i > 1; --i) std::swap(g[i - 1], g[rng.below(i)]);
  out.insert(out.end(), g.begin(), g.end());
}

// Exactly `count` guard lines (layers are added until there are enough, the
// last one cut short), deterministic in (count, seed).
inline std::vector<std::string> generate_transformer_guards(size_t count, uint64_t seed = 1) {
  SplitMix64 rng(seed);
  std::vector<std::string> out;
  for (int layer = 0; out.size() < count; ++layer) append_layer_guards(layer, rng, out);
  out.resize(count);
  return out;
}

}  // namespace symshape::bench
