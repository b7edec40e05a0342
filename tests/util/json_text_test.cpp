#include "util/json_text.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace ssmlink {
namespace {

TEST(JsonText, WritesStringsAsNlohmannDumpsThem) {
  for (std::string text :
       {std::string(), std::string("plain"), std::string("quote \" backslash \\ slash /"),
        std::string("\n\r\t\b\f"), std::string("\x01\x1f\x7f", 3), std::string("nul \0 byte", 10),
        std::string("caf\xC3\xA9 \xE6\x97\xA5\xE6\x9C\xAC \xF0\x9F\x94\x92")}) {
    std::string out;
    append_json_string(out, text);
    EXPECT_EQ(out, nlohmann::json(text).dump()) << text;
  }
}

TEST(JsonText, ReplacesBytesThatAreNotUtf8) {
  std::string out;
  append_json_string(out,
                     "a\xFF"
                     "b\xC3");
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\"");
}

TEST(JsonText, QuotedForMessagesIsCutAtCodePoints) {
  EXPECT_EQ(json_quoted("a\"b"), "\"a\\\"b\"");
  EXPECT_EQ(json_quoted(std::string(100, 'x'), 5), "\"xxxxx...\"");
  EXPECT_EQ(json_quoted("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", 2),
            "\"\xE6\x97\xA5\xE6\x9C\xAC...\"");
  EXPECT_EQ(json_quoted("exact", 5), "\"exact\"");
}

}  // namespace
}  // namespace ssmlink
