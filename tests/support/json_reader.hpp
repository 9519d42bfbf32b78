// A strict JSON reader for the CLI tests' --json checks (RFC 8259 subset: no
// surrogate pairs): a document that is not valid JSON throws.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace symshape::testing {

// A strict JSON reader for the tests (RFC 8259 subset: no surrogate pairs).
struct Json {
  enum class Type { Null, Bool, Number, String, Array, Object } type = Type::Null;
  bool boolean = false;
  double number = 0;
  std::string string;
  std::vector<Json> array;
  std::map<std::string, Json> object;

  const Json& at(const std::string& key) const {
    auto it = object.find(key);
    if (it == object.end()) throw std::runtime_error("no key " + key);
    return it->second;
  }
};

class JsonParser {
 public:
  explicit JsonParser(const std::string& text) : s_(text) {}
  Json parse_document() {
    Json v = value();
    space();
    if (pos_ != s_.size()) fail("trailing text");
    return v;
  }

 private:
  [[noreturn]] void fail(const std::string& what) {
    throw std::runtime_error("JSON: " + what + " at offset " + std::to_string(pos_));
  }
  void space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\t' || s_[pos_] == '\r')) ++pos_;
  }
  bool take(char c) {
    space();
    if (pos_ < s_.size() && s_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  void expect(char c) {
    if (!take(c)) fail(std::string("expected '") + c + "'");
  }
  bool word(const std::string& w) {
    if (s_.compare(pos_, w.size(), w) == 0) {
      pos_ += w.size();
      return true;
    }
    return false;
  }
  std::string str() {
    expect('"');
    std::string out;
    while (true) {
      if (pos_ >= s_.size()) fail("unterminated string");
      char c = s_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': out += static_cast<char>(std::stoi(s_.substr(pos_, 4), nullptr, 16)); pos_ += 4; break;
        default: fail("bad escape");
      }
    }
  }
  Json value() {
    space();
    Json v;
    if (pos_ >= s_.size()) fail("unexpected end");
    char c = s_[pos_];
    if (c == '{') {
      ++pos_;
      v.type = Json::Type::Object;
      if (take('}')) return v;
      do {
        space();
        std::string key = str();
        expect(':');
        if (!v.object.emplace(key, value()).second) fail("duplicate key " + key);
      } while (take(','));
      expect('}');
    } else if (c == '[') {
      ++pos_;
      v.type = Json::Type::Array;
      if (take(']')) return v;
      do v.array.push_back(value());
      while (take(','));
      expect(']');
    } else if (c == '"') {
      v.type = Json::Type::String;
      v.string = str();
    } else if (word("true") || word("false")) {
      v.type = Json::Type::Bool;
      v.boolean = s_[pos_ - 1] == 'e' && s_[pos_ - 2] == 'u';
    } else if (word("null")) {
    } else {
      size_t used = 0;
      v.type = Json::Type::Number;
      v.number = std::stod(s_.substr(pos_), &used);
      if (used == 0) fail("bad value");
      pos_ += used;
    }
    return v;
  }
  const std::string& s_;
  size_t pos_ = 0;
};

inline Json parse_json(const std::string& text) { return JsonParser(text).parse_document(); }

}  // namespace symshape::testing
