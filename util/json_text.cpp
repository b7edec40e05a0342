#include "util/json_text.hpp"

#include "util/strings.hpp"

namespace ssmlink {

namespace {

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";

void append_escaped_control(std::string& out, unsigned char c) {
  switch (c) {
    case '\b':
      out += "\\b";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\r':
      out += "\\r";
      return;
    case '\t':
      out += "\\t";
      return;
    default:
      break;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  out += "\\u00";
  out += kHex[c >> 4];
  out += kHex[c & 0xF];
}

}  // namespace

void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  size_t i = 0;
  while (i < text.size()) {
    // Runs of plain ASCII are copied in one go: they are almost all of a snapshot.
    size_t plain = i;
    while (plain < text.size()) {
      auto c = static_cast<unsigned char>(text[plain]);
      if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\') break;
      ++plain;
    }
    out.append(text.substr(i, plain - i));
    i = plain;
    if (i == text.size()) break;
    auto c = static_cast<unsigned char>(text[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c < 0x20) {
      append_escaped_control(out, c);
      ++i;
    } else if (size_t length = utf8_sequence_length(text, i); length > 0) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += kReplacementCharacter;
      ++i;
    }
  }
  out += '"';
}

std::string json_quoted(std::string_view text, size_t max_code_points) {
  size_t end = 0;
  size_t count = 0;
  while (end < text.size() && count < max_code_points) {
    size_t length = utf8_sequence_length(text, end);
    end += length == 0 ? 1 : length;
    ++count;
  }
  std::string out;
  append_json_string(out, text.substr(0, end));
  if (end < text.size()) out.insert(out.size() - 1, "...");
  return out;
}

}  // namespace ssmlink
