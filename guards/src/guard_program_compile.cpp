// Compilation of a guard set into GuardProgram bytecode (see guard_program.hpp
// for the program layout and the evaluation-order heuristic).
#include <algorithm>
#include <atomic>
#include <limits>
#include <map>
#include <numeric>
#include <string>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "guard_program_fuse.hpp"
#include "guard_program_implied.hpp"
#include "node_arity.hpp"
#include "symshape/guards/guard_program.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/eval.hpp"

namespace symshape {

namespace {

using Op = GuardProgram::Op;

// Lower ranks are evaluated first; see the heuristic in guard_program.hpp.
int kind_rank(Expr guard) {
  switch (guard.kind()) {
    case ExprKind::False: return 0;
    case ExprKind::Eq: return guard.arg(0).is_integer() || guard.arg(1).is_integer() ? 1 : 2;
    case ExprKind::Ne: return 3;
    case ExprKind::Le:
    case ExprKind::Lt: return 4;
    default: return 5;
  }
}

Op binary_op(ExprKind k) {
  switch (k) {
    case ExprKind::Add: return Op::Add;
    case ExprKind::Mul: return Op::Mul;
    case ExprKind::Pow: return Op::Pow;
    case ExprKind::FloorDiv: return Op::FloorDiv;
    case ExprKind::Mod: return Op::Mod;
    case ExprKind::Min: return Op::Min;
    case ExprKind::Max: return Op::Max;
    case ExprKind::Eq: return Op::Eq;
    case ExprKind::Ne: return Op::Ne;
    case ExprKind::Lt: return Op::Lt;
    case ExprKind::Le: return Op::Le;
    case ExprKind::And: return Op::And;
    case ExprKind::Or: return Op::Or;
    default: throw UnsupportedError(std::string("GuardProgram: no binary op for ") + kind_name(k));
  }
}

Op require_op(ExprKind k) {
  switch (k) {
    case ExprKind::Eq: return Op::RequireEq;
    case ExprKind::Ne: return Op::RequireNe;
    case ExprKind::Lt: return Op::RequireLt;
    case ExprKind::Le: return Op::RequireLe;
    default: return Op::Require;
  }
}

}  // namespace

// Builds one program. Holds the CSE table: node -> register for every node
// computed so far. The code has no branches (And/Or evaluate every arm), so a
// node computed once is available to everything after it.
class GuardProgramCompiler {
 public:
  GuardProgramCompiler(GuardProgram& program, const SlotLayout& layout) : p_(program), layout_(layout) {}

  void compile() {
    for (Expr g : p_.guards_) {
      if (!g || !g.is_boolean()) {
        throw UnsupportedError(std::string("GuardProgram: a guard must be boolean, got ") +
                               (g ? kind_name(g.kind()) : "null"));
      }
      if (g.depth() > kMaxGuardDepth) {
        throw UnsupportedError("GuardProgram: guard nested deeper than " + std::to_string(kMaxGuardDepth));
      }
      detail::require_well_formed(g, "GuardProgram");
    }
    order_guards();
    // Which guards (in evaluation order) are one fused instruction each; the
    // others need registers, and so the symbols they use loaded.
    std::vector<GuardProgram::Instr> fused(p_.order_.size());
    std::vector<bool> is_fused(p_.order_.size());
    std::unordered_set<Expr, ExprHash> compiled;
    std::vector<Expr> generic;
    for (size_t pos = 0; pos < p_.order_.size(); ++pos) {
      Expr g = p_.guards_[p_.order_[pos]];
      if (!compiled.insert(g).second) continue;
      is_fused[pos] = detail::fuse_guard(g, layout_, fused[pos], p_.linear_terms_);
      if (!is_fused[pos]) generic.push_back(g);
    }
    find_slots_needed();
    load_symbols(generic);
    compiled.clear();
    std::vector<Expr> distinct;
    std::vector<GuardProgram::Instr> distinct_fused;  // op End: not fused
    for (size_t pos = 0; pos < p_.order_.size(); ++pos) {
      Expr g = p_.guards_[p_.order_[pos]];
      p_.guard_start_pc_.push_back(static_cast<uint32_t>(p_.code_.size()));
      // An exact duplicate of a guard evaluated earlier holds once that one
      // passed: it needs no code.
      if (!compiled.insert(g).second) continue;
      distinct.push_back(g);
      distinct_fused.push_back(is_fused[pos] ? fused[pos] : GuardProgram::Instr{});
      if (is_fused[pos]) {
        p_.code_.push_back(fused[pos]);
        if (!available_.count(g)) define(g, constant(1));
      } else {
        compile_guard(g);
      }
    }
    emit(Op::End, 0, 0, 0);
    build_fast_code(distinct, distinct_fused);
    static std::atomic<uint64_t> next_program_id{1};
    p_.id_ = next_program_id.fetch_add(1, std::memory_order_relaxed);
    p_.initial_registers_.program_id_ = p_.id_;
    p_.initial_registers_.values_.assign(register_count_, 0);
    for (auto [reg, value] : constant_inits_) p_.initial_registers_.values_[reg] = value;
    p_.scratch_ = p_.initial_registers_;
    p_.pass_result_ = GuardResult::pass(static_cast<uint32_t>(p_.guards_.size()));
  }

 private:
  void order_guards() {
    const auto& guards = p_.guards_;
    std::vector<std::pair<int, size_t>> keys;
    keys.reserve(guards.size());
    for (Expr g : guards) keys.emplace_back(kind_rank(g), detail::operation_count(g));
    p_.order_.resize(guards.size());
    std::iota(p_.order_.begin(), p_.order_.end(), 0u);
    std::stable_sort(p_.order_.begin(), p_.order_.end(),
                     [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  }

  // Every symbol must be in the layout (UnboundSymbolError otherwise), fused or not.
  void find_slots_needed() {
    for (Expr g : p_.guards_) {
      for (Expr sym : free_symbols(g)) {
        p_.slots_needed_ = std::max<size_t>(p_.slots_needed_, size_t{layout_.require_slot(sym)} + 1);
      }
    }
  }

  // Loads every symbol the generic guards use once, up front, in slot order.
  void load_symbols(const std::vector<Expr>& generic) {
    std::vector<std::pair<uint32_t, Expr>> used;  // (slot, symbol)
    std::unordered_set<Expr, ExprHash> seen;
    for (Expr g : generic) {
      for (Expr sym : free_symbols(g)) {
        if (seen.insert(sym).second) used.emplace_back(layout_.require_slot(sym), sym);
      }
    }
    std::sort(used.begin(), used.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto [slot, sym] : used) {
      uint32_t reg = new_register();
      emit(Op::LoadSlot, reg, slot, 0);
      define(sym, reg);
    }
  }

  // The fast code (see GuardProgram::all_pass): the guards that the others
  // do not imply (guard_program_implied.hpp), fused ones grouped into runs of
  // one op, each run sorted by slot so that its loads go forward through the
  // slot array, then the others as register code with their own loads and
  // subexpression sharing. Order does not matter for all_pass: it evaluates
  // every guard. The register code may read a fused guard as the constant 1
  // (it "passed"); all_pass only passes when that guard really passed too.
  void build_fast_code(const std::vector<Expr>& distinct, const std::vector<GuardProgram::Instr>& fused) {
    std::vector<bool> implied = detail::implied_by_kept_guards(distinct);
    auto& fast = p_.fast_code_;
    std::map<uint32_t, std::pair<int64_t, int64_t>> bounds;  // slot -> [lo, hi]
    std::vector<Expr> generic;
    available_.clear();
    fold_steps_.clear();
    for (size_t i = 0; i < distinct.size(); ++i) {
      if (implied[i]) continue;
      ++p_.fast_guard_count_;
      if (fused[i].op == Op::End) {
        generic.push_back(distinct[i]);
        continue;
      }
      define(distinct[i], constant(1));
      if (!add_bound(fused[i], bounds)) fast.push_back(fused[i]);
    }
    for (auto [slot, range] : bounds) add_range(slot, range.first, range.second);
    // Same ops adjacent: each handler loops while the next instruction has its op.
    auto key = [](const GuardProgram::Instr& in) { return std::tuple(in.op, in.a, in.b, in.dst, in.imm); };
    std::stable_sort(fast.begin(), fast.end(), [&](const auto& x, const auto& y) { return key(x) < key(y); });
    pair_slot_equalities(fast);
    merge_sum_equality_and_bound(fast);
    out_ = &fast;
    load_symbols(generic);
    for (Expr g : generic) compile_guard(g);
    emit(Op::End, 0, 0, 0);
    out_ = &p_.code_;
  }

  // Consecutive SlotEqSlot (sorted, so adjacent) become SlotEqSlot2, two
  // per instruction; an odd one out stays a SlotEqSlot. The pairs keep their
  // slot order, so the loads still go forward through the slot array.
  static void pair_slot_equalities(std::vector<GuardProgram::Instr>& fast) {
    std::vector<GuardProgram::Instr> out;
    for (size_t i = 0; i < fast.size(); ++i) {
      if (fast[i].op == Op::SlotEqSlot && i + 1 < fast.size() && fast[i + 1].op == Op::SlotEqSlot) {
        GuardProgram::Instr two = fast[i];
        two.op = Op::SlotEqSlot2;
        two.dst = fast[i + 1].a;
        two.imm = fast[i + 1].b;
        out.push_back(two);
        ++i;
      } else {
        out.push_back(fast[i]);
      }
    }
    // Runs of one op must stay adjacent: the pairs first, then the rest in order.
    std::stable_partition(out.begin(), out.end(), [](const auto& in) { return in.op == Op::SlotEqSlot2; });
    fast = std::move(out);
  }

  // An AddLeConst whose sum an AddEqSlot also computes (same two slots, in
  // either order) and that AddEqSlot become one AddEqSlotLeConst: one checked
  // addition for both. Each AddEqSlot merges at most once.
  static void merge_sum_equality_and_bound(std::vector<GuardProgram::Instr>& fast) {
    std::vector<GuardProgram::Instr> merged, rest;
    std::vector<bool> used(fast.size());
    for (size_t i = 0; i < fast.size(); ++i) {
      if (fast[i].op != Op::AddLeConst) continue;
      for (size_t j = 0; j < fast.size(); ++j) {
        const auto& e = fast[j];
        bool same_sum = (e.a == fast[i].a && e.b == fast[i].b) || (e.a == fast[i].b && e.b == fast[i].a);
        if (e.op != Op::AddEqSlot || used[j] || !same_sum) continue;
        GuardProgram::Instr both = fast[i];
        both.op = Op::AddEqSlotLeConst;
        both.dst = e.dst;
        merged.push_back(both);
        used[i] = used[j] = true;
        break;
      }
    }
    if (merged.empty()) return;
    for (size_t i = 0; i < fast.size(); ++i) {
      if (!used[i]) rest.push_back(fast[i]);
    }
    // Runs of one op stay adjacent: the merged ones are one run, before the rest.
    merged.insert(merged.end(), rest.begin(), rest.end());
    fast = std::move(merged);
  }

  // A constant bound on a slot (==, <=, >=) narrows that slot's range, which
  // the fast code checks with one SlotInRange. Bounds that leave the range
  // empty stay separate instructions (one of them fails, which is all the
  // fast code must find).
  bool add_bound(const GuardProgram::Instr& in, std::map<uint32_t, std::pair<int64_t, int64_t>>& bounds) {
    constexpr int64_t kMin = std::numeric_limits<int64_t>::min(), kMax = std::numeric_limits<int64_t>::max();
    int64_t lo = kMin, hi = kMax;
    switch (in.op) {
      case Op::SlotEqConst: lo = hi = in.imm; break;
      case Op::SlotLeConst: hi = in.imm; break;
      case Op::SlotGeConst: lo = in.imm; break;
      default: return false;
    }
    auto [it, inserted] = bounds.emplace(in.a, std::pair(lo, hi));
    if (inserted) return true;
    auto& [old_lo, old_hi] = it->second;
    if (std::max(lo, old_lo) > std::min(hi, old_hi)) {
      add_range(in.a, lo, hi);
      return true;
    }
    old_lo = std::max(lo, old_lo);
    old_hi = std::min(hi, old_hi);
    return true;
  }

  void add_range(uint32_t slot, int64_t lo, int64_t hi) {
    GuardProgram::Instr in;
    in.op = Op::SlotInRange;
    in.a = slot;
    in.imm = lo;
    uint64_t width = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
    in.b = static_cast<uint32_t>(width >> 32);
    in.dst = static_cast<uint32_t>(width);
    p_.fast_code_.push_back(in);
  }

  void compile_guard(Expr g) {
    Op req = require_op(g.kind());
    if (req == Op::Require) {
      emit(Op::Require, 0, value_of(g), 0);
    } else {
      uint32_t lhs = value_of(g.arg(0));
      uint32_t rhs = value_of(g.arg(1));
      emit(req, 0, lhs, rhs);
    }
    // Code after this guard runs only if it held.
    if (!available_.count(g)) define(g, constant(1));
  }

  uint32_t value_of(Expr e) {
    if (auto it = available_.find(e); it != available_.end()) return it->second;
    switch (e.kind()) {
      case ExprKind::Integer: return constant(e.value());
      case ExprKind::True: return constant(1);
      case ExprKind::False: return constant(0);
      case ExprKind::Symbol: throw_unloaded(e);
      case ExprKind::Not: {
        uint32_t a = value_of(e.arg(0));
        uint32_t dst = new_register();
        emit(Op::Not, dst, a, 0);
        return define(e, dst);
      }
      default: break;
    }
    // Integer operations, relations and connectives: a left fold of binary
    // instructions (an n-ary node needs n-1 of them; others exactly one).
    Op op = binary_op(e.kind());
    uint32_t acc = value_of(e.arg(0));
    for (size_t i = 1; i < e.num_args(); ++i) acc = fold_step(op, acc, value_of(e.arg(i)));
    return define(e, acc);
  }

  // One step of a fold, shared with every earlier identical step: a partial
  // fold is no node of its own (`s0*s1` inside `s0*s1*s2` and `s0*s1*s20`),
  // so the node table alone computed it once per product. Registers are
  // written once, so equal operands give equal values; and an overflow in a
  // shared step stops the check at the first guard that needs it, as it
  // would without sharing.
  uint32_t fold_step(Op op, uint32_t a, uint32_t b) {
    bool commutative = op == Op::Add || op == Op::Mul || op == Op::Min || op == Op::Max || op == Op::Eq ||
                       op == Op::Ne || op == Op::And || op == Op::Or;
    if (commutative && b < a) std::swap(a, b);
    auto [it, inserted] = fold_steps_.try_emplace(std::tuple(op, a, b), 0);
    if (inserted) {
      it->second = new_register();
      emit(op, it->second, a, b);
    }
    return it->second;
  }

  // Every symbol is loaded up front, so reaching this is a compiler bug.
  [[noreturn]] static void throw_unloaded(Expr sym) {
    throw UnboundSymbolError("GuardProgram: symbol " + sym.name() + " was not loaded");
  }

  uint32_t constant(int64_t v) {
    auto [it, inserted] = constants_.emplace(v, 0);
    if (inserted) {
      it->second = new_register();
      constant_inits_.emplace_back(it->second, v);
    }
    return it->second;
  }

  uint32_t define(Expr e, uint32_t reg) {
    available_[e] = reg;
    return reg;
  }

  uint32_t new_register() { return register_count_++; }

  uint32_t emit(Op op, uint32_t dst, uint32_t a, uint32_t b) {
    GuardProgram::Instr in;
    in.op = op;
    in.dst = dst;
    in.a = a;
    in.b = b;
    out_->push_back(in);
    return static_cast<uint32_t>(out_->size() - 1);
  }

  GuardProgram& p_;
  const SlotLayout& layout_;
  std::unordered_map<Expr, uint32_t, ExprHash> available_;
  std::map<std::tuple<Op, uint32_t, uint32_t>, uint32_t> fold_steps_;  // see fold_step
  std::unordered_map<int64_t, uint32_t> constants_;
  std::vector<std::pair<uint32_t, int64_t>> constant_inits_;
  uint32_t register_count_ = 0;
  std::vector<GuardProgram::Instr>* out_ = &p_.code_;  // where emit() writes: the exact or the fast code
};

GuardProgram::GuardProgram(std::vector<Expr> guards, const SlotLayout& layout) : guards_(std::move(guards)) {
  GuardProgramCompiler(*this, layout).compile();
}

}  // namespace symshape
