#include "command_line.hpp"

#include <sstream>

#include "sizes_option.hpp"

namespace po = boost::program_options;

namespace symshape::cli {
namespace {

// Boost stores the positional argument under this option name; it never shows
// in help because it is only added to the parsing copy of the options.
constexpr const char* kPositionalOption = "positional-argument";

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

}  // namespace symshape::cli
