// JSON string literals written the way nlohmann::json::dump writes them (UTF-8 kept,
// control characters escaped), for writers that stream large documents instead of
// building a DOM first.
#pragma once
#include <string>
#include <string_view>

namespace ssmlink {

// Appends text as a quoted JSON string. Bytes that are not UTF-8 become U+FFFD, so the
// output is always valid JSON (nlohmann would throw instead).
void append_json_string(std::string& out, std::string_view text);

// text as a quoted JSON string, for messages: at most max_code_points of it, then "...".
std::string json_quoted(std::string_view text, size_t max_code_points = 80);

}  // namespace ssmlink
