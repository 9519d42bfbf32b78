#include "z3_backend.hpp"

#include <chrono>

namespace symshape {

Z3Backend::Z3Backend(const ProverOptions& options) : options_(options), rlimit_(options.rlimit), solver_(ctx_) {
  apply_params();
  if (options.z3_backstop_seconds > 0) watchdog_ = std::thread([this] { watch(); });
}

Z3Backend::~Z3Backend() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (watchdog_.joinable()) watchdog_.join();
}

void Z3Backend::watch() {
  std::unique_lock<std::mutex> lock(mu_);
  const auto limit = std::chrono::duration<double>(options_.z3_backstop_seconds);
  while (!stopping_) {
    cv_.wait(lock, [&] { return stopping_ || checking_; });
    if (stopping_) break;
    uint64_t serial = check_serial_;
    bool finished = cv_.wait_for(lock, limit, [&] { return stopping_ || !checking_ || check_serial_ != serial; });
    if (!finished) ctx_.interrupt();  // the check returns unknown
    cv_.wait(lock, [&] { return stopping_ || !checking_ || check_serial_ != serial; });
  }
}

void Z3Backend::maybe_refresh() {
  if (refresh_due_ || literals_since_refresh_ >= kRefreshAfterLiterals) refresh();
}

void Z3Backend::refresh() {
  refresh_due_ = false;
  solver_ = z3::solver(ctx_);
  apply_params();
  holds_.clear();
  fails_.clear();
  domained_symbols_ = 0;
  literals_since_refresh_ = 0;
  add_domains();
}

void Z3Backend::apply_params() {
  z3::params p(ctx_);
  p.set("rlimit", rlimit_);
  p.set("random_seed", options_.seed);
  solver_.set(p);
}

void Z3Backend::set_rlimit(unsigned rlimit) {
  if (rlimit == rlimit_) return;
  rlimit_ = rlimit;
  apply_params();
}

void Z3Backend::add_domains() {
  const auto& syms = translator_.symbols();
  for (; domained_symbols_ < syms.size(); ++domained_symbols_)
    if (options_.domain.is_size(syms[domained_symbols_]))
      solver_.add(translator_.symbol_const(syms[domained_symbols_]) >= 0);
}

z3::expr Z3Backend::holds(Expr cond) {
  auto it = holds_.find(cond);
  if (it != holds_.end()) return it->second;
  z3::expr body = translator_.translate(cond) && translator_.definedness(cond);
  z3::expr lit = ctx_.bool_const(("!h" + std::to_string(next_literal_++)).c_str());
  solver_.add(z3::implies(lit, body));
  add_domains();
  holds_.emplace(cond, lit);
  ++literals_since_refresh_;
  return lit;
}

z3::expr Z3Backend::fails(Expr cond) {
  auto it = fails_.find(cond);
  if (it != fails_.end()) return it->second;
  // The complement of holds(cond): false, or raising (a zero divisor).
  z3::expr body = !(translator_.translate(cond) && translator_.definedness(cond));
  z3::expr lit = ctx_.bool_const(("!f" + std::to_string(next_literal_++)).c_str());
  solver_.add(z3::implies(lit, body));
  add_domains();
  fails_.emplace(cond, lit);
  ++literals_since_refresh_;
  return lit;
}

Z3Backend::Result Z3Backend::check(const std::vector<z3::expr>& assumptions, ProverStats& stats) {
  z3::expr_vector v(ctx_);
  for (const z3::expr& a : assumptions) v.push_back(a);
  const uint64_t resources_before = resource_count();
  auto start = std::chrono::steady_clock::now();
  {
    std::lock_guard<std::mutex> lock(mu_);
    checking_ = true;
    ++check_serial_;
  }
  cv_.notify_all();
  z3::check_result r;
  try {
    r = solver_.check(v);
  } catch (const z3::exception&) {
    r = z3::unknown;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    checking_ = false;
  }
  cv_.notify_all();
  stats.z3_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ++stats.z3_checks;
  const uint64_t resources_after = resource_count();
  if (resources_after > resources_before) stats.z3_resources += resources_after - resources_before;
  if (r == z3::unknown) {
    ++stats.z3_unknown;
    refresh_due_ = true;
  }
  return r == z3::sat ? Result::Sat : r == z3::unsat ? Result::Unsat : Result::Unknown;
}

std::optional<Assignment> Z3Backend::model() {
  z3::model m = solver_.get_model();
  Assignment a;
  for (Expr s : translator_.symbols()) {
    z3::expr v = m.eval(translator_.symbol_const(s), /*model_completion=*/true);
    int64_t x = 0;
    if (!v.is_numeral_i64(x)) return std::nullopt;
    a[s] = x;
  }
  return a;
}

std::vector<z3::expr> Z3Backend::core() {
  std::vector<z3::expr> out;
  z3::expr_vector c = solver_.unsat_core();
  for (unsigned i = 0; i < c.size(); ++i) out.push_back(c[i]);
  return out;
}

std::string Z3Backend::reason_unknown() {
  try {
    return solver_.reason_unknown();
  } catch (const z3::exception& e) {
    return e.msg();
  }
}

uint64_t Z3Backend::resource_count() {
  z3::stats st = solver_.statistics();
  for (unsigned i = 0; i < st.size(); ++i)
    if (st.key(i) == "rlimit count") return st.is_uint(i) ? st.uint_value(i) : static_cast<uint64_t>(st.double_value(i));
  return 0;
}

}  // namespace symshape
