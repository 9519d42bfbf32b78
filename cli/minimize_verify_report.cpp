#include "minimize_verify_report.hpp"

#include <algorithm>
#include <vector>

#include "json_writer.hpp"
#include "symshape/symbolic/print.hpp"

namespace symshape::cli {
namespace {

// The witness's symbols in canonical order (s2 before s10).
std::vector<std::pair<Expr, int64_t>> sorted_point(const Assignment& point) {
  std::vector<std::pair<Expr, int64_t>> out(point.begin(), point.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return compare(a.first, b.first) < 0; });
  return out;
}

// The input index of the guard that fails at the witness.
size_t failing_input_index(const MinimizeResult& result, const Inequivalence& w) {
  return w.raw_passes ? result.kept[w.failing] : w.failing;
}

}  // namespace

VerifyResult verify_minimization(const GuardSet& guards, const MinimizeResult& result, const Domain& domain) {
  const std::vector<Expr> raw = guards.exprs();
  std::vector<Expr> kept;
  for (size_t i : result.kept) kept.push_back(guards[i].expr);
  VerifyOptions options;
  options.domain = domain.symbols();
  options.assumptions = domain.assumptions;
  return verify_equivalent(raw, kept, options);
}

void print_verify_text(const GuardSet& guards, const MinimizeResult& result, const VerifyResult& v,
                       std::ostream& out) {
  switch (v.status) {
    case VerifyStatus::Verified:
      out << "# verified (" << v.queries << " Z3 quer" << (v.queries == 1 ? "y" : "ies") << ")\n";
      return;
    case VerifyStatus::Unverified: out << "# unverified: " << v.reason << '\n'; return;
    case VerifyStatus::NotEquivalent: break;
  }
  const Inequivalence& w = *v.witness;
  out << "# NOT EQUIVALENT: at ";
  bool first = true;
  for (const auto& [sym, value] : sorted_point(w.point)) {
    out << (first ? "" : ", ") << to_sympy(sym) << '=' << value;
    first = false;
  }
  const Guard& g = guards[failing_input_index(result, w)];
  out << (w.raw_passes ? " every input guard passes and kept line " : " every kept guard passes and line ") << g.line
      << " fails: " << g.text << '\n';
}

std::string verify_json_members(const GuardSet& guards, const MinimizeResult& result, const VerifyResult& v) {
  std::string out = "\"verified\": ";
  out += v.status == VerifyStatus::Verified ? "true" : v.status == VerifyStatus::NotEquivalent ? "false" : "null";
  out += ", \"verify\": {\"status\": \"" + std::string(verify_status_name(v.status)) + "\"";
  out += ", \"queries\": " + std::to_string(v.queries) + ", \"unknown\": " + std::to_string(v.unknown) +
         ", \"rlimit_used\": " + std::to_string(v.resources);
  if (v.status == VerifyStatus::Unverified) out += ", \"reason\": " + json_string(v.reason);
  if (v.witness) {
    const Guard& g = guards[failing_input_index(result, *v.witness)];
    out += ", \"point\": {";
    bool first = true;
    for (const auto& [sym, value] : sorted_point(v.witness->point)) {
      out += (first ? "" : ", ") + json_string(to_sympy(sym)) + ": " + std::to_string(value);
      first = false;
    }
    out += "}, \"passing\": \"";
    out += v.witness->raw_passes ? "input" : "kept";
    out += "\", \"failing\": {\"line\": " + std::to_string(g.line) + ", \"guard\": " + json_string(g.text) + "}";
  }
  return out + "}";
}

}  // namespace symshape::cli
