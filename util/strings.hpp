// Small string helpers used across layers.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink {

std::vector<std::string> split(std::string_view text, char separator);
std::string trim(std::string_view text);
std::string to_lower(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
bool is_valid_utf8(std::string_view text);
// Length of the UTF-8 sequence starting at text[i], or 0 if it is malformed (truncated,
// overlong, a surrogate or past U+10FFFF).
size_t utf8_sequence_length(std::string_view text, size_t i);
// Number of Unicode code points in valid UTF-8 text.
size_t utf8_length(std::string_view text);
// RFC 3986 percent-decoding: "%XX" (either case) becomes its byte, "+" stays "+", and a
// "%" not followed by two hex digits is kept as written.
std::string percent_decode(std::string_view text);
// Text safe to show in a one-line message: control characters escaped, long text cut.
std::string printable(std::string_view text, size_t max_length = 80);
// printable() in single quotes, for naming a bad value in an error message.
std::string in_quotes(std::string_view text, size_t max_length = 60);

}  // namespace ssmlink
