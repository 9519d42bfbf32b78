#include "common.hpp"

#include <algorithm>
#include <charconv>
#include <istream>
#include <ostream>
#include <sstream>

#include "symshape/symbolic/build.hpp"
#include "symshape/symbolic/errors.hpp"
#include "symshape/symbolic/int_math.hpp"
#include "symshape/symbolic/parse.hpp"
#include "symshape/symbolic/print.hpp"

namespace po = boost::program_options;

namespace symshape::cli {
namespace {

// Boost stores the positional argument under this option name; it never shows
// in help because it is only added to the parsing copy of the options.
constexpr const char* kPositionalOption = "positional-argument";

std::string_view trim(std::string_view s) {
  const char* spaces = " \t\r\n";
  size_t begin = s.find_first_not_of(spaces);
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(spaces);
  return s.substr(begin, end - begin + 1);
}

// k*s + c, when `e` is linear in exactly one symbol.
struct LinearInOneSymbol {
  int64_t constant = 0;
  int64_t coefficient = 0;
  Expr symbol;
};

// A term `s` or `k*s` (canonical Mul puts the Integer coefficient first).
std::optional<LinearInOneSymbol> as_symbol_term(Expr e) {
  if (e.is_symbol()) return LinearInOneSymbol{0, 1, e};
  if (e.is(ExprKind::Mul) && e.num_args() == 2 && e.arg(0).is_integer() && e.arg(1).is_symbol()) {
    return LinearInOneSymbol{0, e.arg(0).value(), e.arg(1)};
  }
  return std::nullopt;
}

std::optional<LinearInOneSymbol> as_linear_in_one_symbol(Expr e) {
  if (auto term = as_symbol_term(e)) return term;
  if (!e.is(ExprKind::Add)) return std::nullopt;
  int64_t constant = 0;
  std::optional<LinearInOneSymbol> found;
  for (Expr arg : e.args()) {
    if (arg.is_integer()) {
      constant = checked_add(constant, arg.value());
    } else if (auto term = as_symbol_term(arg); term && !found) {
      found = term;
    } else {
      return std::nullopt;  // a second symbol term, or a nonlinear one
    }
  }
  if (!found) return std::nullopt;
  found->constant = constant;
  return found;
}

void split_conjuncts(Expr cond, std::vector<Expr>& out) {
  if (cond.is(ExprKind::And)) {
    for (Expr arg : cond.args()) split_conjuncts(arg, out);
  } else {
    out.push_back(cond);
  }
}

bool parse_int64(std::string_view text, int64_t& value) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

}  // namespace

CommandLine::CommandLine(std::string command, std::string synopsis, std::string description)
    : command_(std::move(command)),
      synopsis_(std::move(synopsis)),
      description_(std::move(description)),
      options_("Options") {
  options_.add_options()("help", "print this help and exit (also -h)");
}

void CommandLine::add_domain_options() {
  options_.add_options()(
      "assume", po::value<std::vector<std::string>>()->value_name("COND")->composing(),
      "assume COND holds (repeatable), e.g. --assume 's0 >= 2'");
  add_symbol_domain_options();
}

void CommandLine::add_symbol_domain_options() {
  options_.add_options()("any-sign", po::bool_switch(),
                         "every symbol is any integer (default: by kind, sizes such as s0 are >= 0, "
                         "unbacked symbols such as u0 any integer)")(
      "all-sizes", po::bool_switch(), "every symbol is a size, an integer >= 0, unbacked ones (u0) included");
}

void CommandLine::add_sizes_option() {
  options_.add_options()(
      "sizes", po::value<std::vector<std::string>>()->value_name("NAME=INT,...")->composing(),
      "symbol values, e.g. --sizes s0=4,s1=8 (repeatable; names as in the input, "
      "e.g. \"L['x'].size()[0]=4\")");
}

void CommandLine::set_positional(std::string placeholder, std::optional<std::string> fallback) {
  has_positional_ = true;
  positional_name_ = std::move(placeholder);
  positional_fallback_ = std::move(fallback);
}

bool CommandLine::parse(CommandArgs args, CommandIO& io) {
  // `-h` is not a Boost option (short options are off, see common.hpp), so
  // recognize it by hand, but only before a `--` that ends the options.
  for (const std::string& arg : args) {
    if (arg == "--") break;
    if (arg == "-h") {
      io.out << help_text();
      return false;
    }
  }
  po::options_description all;
  all.add(options_);
  po::positional_options_description positional;
  if (has_positional_) {
    all.add_options()(kPositionalOption, po::value<std::vector<std::string>>());
    positional.add(kPositionalOption, -1);
  }
  const int style = po::command_line_style::unix_style & ~po::command_line_style::allow_short &
                    ~po::command_line_style::allow_guessing;
  std::vector<std::string> words(args.begin(), args.end());
  try {
    po::store(po::command_line_parser(words).options(all).positional(positional).style(style).run(),
              values_);
    po::notify(values_);
  } catch (const po::error& e) {
    throw UsageError(e.what());
  }
  if (values_.count("help")) {
    io.out << help_text();
    return false;
  }
  if (has_positional_) {
    std::vector<std::string> given;
    if (values_.count(kPositionalOption)) given = values_[kPositionalOption].as<std::vector<std::string>>();
    if (given.size() > 1) {
      throw UsageError("expected one " + positional_name_ + ", got " + std::to_string(given.size()) +
                       " arguments (quote an expression that contains spaces: '" + given[0] + " " +
                       given[1] + " ...')");
    }
    if (!given.empty()) {
      positional_value_ = given[0];
    } else if (positional_fallback_) {
      positional_value_ = *positional_fallback_;
    } else {
      throw UsageError("missing " + positional_name_);
    }
  } else if (values_.count(kPositionalOption)) {
    throw UsageError("unexpected argument");
  }
  return true;
}

bool CommandLine::flag(const std::string& name) const {
  auto it = values_.find(name);
  return it != values_.end() && it->second.as<bool>();
}

CommandLine::DomainTexts CommandLine::domain_texts() const {
  DomainTexts texts;
  if (values_.count("assume")) texts.assumptions = values_["assume"].as<std::vector<std::string>>();
  texts.rule = symbol_domain().rule();
  return texts;
}

SymbolDomain CommandLine::symbol_domain() const {
  const bool any_sign = flag("any-sign"), all_sizes = flag("all-sizes");
  if (any_sign && all_sizes) throw UsageError("--any-sign and --all-sizes contradict each other (give one)");
  if (any_sign) return SymbolDomain::any_sign();
  if (all_sizes) return SymbolDomain::all_sizes();
  return SymbolDomain::by_kind();
}

Assignment CommandLine::sizes() const {
  Assignment values;
  if (values_.count("sizes")) {
    for (const std::string& text : values_["sizes"].as<std::vector<std::string>>()) {
      parse_sizes(text, values);
    }
  }
  return values;
}

std::string CommandLine::help_text() const {
  std::ostringstream text;
  text << "Usage: symshape " << command_ << ' ' << synopsis_ << "\n\n" << description_;
  if (!description_.empty() && description_.back() != '\n') text << '\n';
  text << '\n' << options_;
  return text.str();
}

Substitution Domain::pinned_symbols() const {
  Substitution pinned;
  for (const auto& [sym, range] : ranges.symbols) {
    if (range.is_point()) pinned.emplace(sym, integer(range.lo()));
  }
  return pinned;
}

std::optional<std::pair<Expr, ValueRange>> single_symbol_bound(Expr cond) {
  ExprKind kind = cond.kind();
  if (kind != ExprKind::Eq && kind != ExprKind::Le && kind != ExprKind::Lt) return std::nullopt;
  try {
    // cond is `k*s + c REL 0`; solve for s.
    auto linear = as_linear_in_one_symbol(sub(cond.arg(0), cond.arg(1)));
    if (!linear) return std::nullopt;
    const int64_t k = linear->coefficient;
    int64_t rhs = checked_neg(linear->constant);  // k*s REL rhs
    if (kind == ExprKind::Eq) {
      if (python_mod(rhs, k) != 0) return std::nullopt;  // no integer solution: not a range
      return std::pair{linear->symbol, ValueRange::point(floor_div(rhs, k))};
    }
    if (kind == ExprKind::Lt) rhs = checked_sub(rhs, 1);  // k*s < r  <=>  k*s <= r - 1
    if (k > 0) return std::pair{linear->symbol, ValueRange::at_most(floor_div(rhs, k))};
    return std::pair{linear->symbol, ValueRange::at_least(ceil_div(rhs, k))};
  } catch (const Error&) {
    // A bound beyond int64: leave it to the callers that reason exactly.
    return std::nullopt;
  }
}

Domain build_domain(const CommandLine::DomainTexts& texts) {
  Domain domain;
  domain.ranges.domain = SymbolDomain(texts.rule);
  for (const std::string& text : texts.assumptions) {
    Expr cond;
    try {
      cond = parse_expr(text);
    } catch (const Error& e) {
      throw UsageError("--assume '" + text + "': " + one_line_error(e));
    }
    if (!cond.is_boolean()) {
      throw UsageError("--assume '" + text + "': not a condition (expected e.g. 's0 >= 2')");
    }
    if (cond.is_true()) continue;
    domain.assumptions.push_back(cond);
    std::vector<Expr> conjuncts;
    split_conjuncts(cond, conjuncts);
    for (Expr c : conjuncts) {
      if (c.is_false()) {
        domain.contradiction = "--assume '" + text + "' is always false";
        continue;
      }
      auto bound = single_symbol_bound(c);
      if (!bound) {
        domain.non_range_assumptions.push_back(c);
        continue;
      }
      auto [sym, range] = *bound;
      ValueRange narrowed = domain.ranges.of_symbol(sym).intersect(range);
      if (narrowed.is_empty()) {
        const bool size = domain.symbols().is_size(sym);
        domain.contradiction = "the assumptions leave no value for " + to_sympy(sym) + " (--assume '" + text +
                               "' contradicts the earlier bounds" +
                               (size ? " or the domain: " + describe_domain_of(sym, domain.symbols()) : "") + ")";
        continue;
      }
      domain.ranges.symbols.insert_or_assign(sym, narrowed);
    }
  }
  return domain;
}

void note_values_outside_domain(const Assignment& values, const SymbolDomain& domain, std::ostream& err) {
  std::vector<std::pair<Expr, int64_t>> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return compare(a.first, b.first) < 0; });
  for (const auto& [sym, value] : sorted) {
    if (domain.range_of(sym).contains(value)) continue;
    err << "note: " << to_sympy(sym) << "=" << value << " is outside its domain (" << describe_domain_of(sym, domain)
        << "); evaluated as given, but a minimized guard set equals the raw one only inside the domain\n";
  }
}

void parse_sizes(std::string_view text, Assignment& into) {
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = trim(text.substr(start, comma - start));
    start = comma + 1;
    if (item.empty()) {
      throw UsageError("--sizes '" + std::string(text) + "': empty entry (expected NAME=INT,...)");
    }
    size_t equals = item.rfind('=');
    if (equals == std::string_view::npos) {
      throw UsageError("--sizes: '" + std::string(item) + "' has no value (expected NAME=INT)");
    }
    std::string_view name = trim(item.substr(0, equals));
    std::string_view value_text = trim(item.substr(equals + 1));
    Expr sym;
    try {
      sym = parse_expr(name);
    } catch (const Error&) {
    }
    if (!sym || !sym.is_symbol()) {
      throw UsageError("--sizes: '" + std::string(name) + "' is not a symbol name");
    }
    int64_t value = 0;
    if (!parse_int64(value_text, value)) {
      throw UsageError("--sizes: the value of " + std::string(name) + ", '" + std::string(value_text) +
                       "', is not an integer in the int64 range");
    }
    if (!into.emplace(sym, value).second) {
      throw UsageError("--sizes: " + std::string(name) + " is given twice");
    }
  }
}

std::string one_line_error(const std::exception& e) {
  if (auto* parse_error = dynamic_cast<const ParseError*>(&e)) {
    return std::to_string(parse_error->line) + ":" + std::to_string(parse_error->column) + ": " +
           parse_error->message;
  }
  std::string message = e.what();
  std::replace(message.begin(), message.end(), '\n', ' ');
  return message;
}

int answer_inputs(const std::string& expr_or_dash, CommandIO& io, const InputAnswer& answer) {
  if (expr_or_dash != "-") {
    try {
      io.out << answer(expr_or_dash, 1) << '\n';
      return kExitSuccess;
    } catch (const ParseError& e) {
      io.err << "error: " << e.what() << '\n';  // the full message, with the caret
    } catch (const std::exception& e) {
      io.err << "error: " << one_line_error(e) << '\n';
    }
    return kExitUsage;
  }
  bool any_failed = false;
  std::string line;
  for (int line_number = 1; std::getline(io.in, line); ++line_number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF files
    if (trim(line).empty()) {
      io.out << '\n';
    } else {
      try {
        io.out << answer(line, line_number) << '\n';
      } catch (const std::exception& e) {
        io.out << "error: " << one_line_error(e) << '\n';
        any_failed = true;
      }
    }
    // Flushed per line so a program can drive symshape as a co-process,
    // writing a line and reading its answer.
    io.out.flush();
  }
  return any_failed ? kExitUsage : kExitSuccess;
}

}  // namespace symshape::cli
