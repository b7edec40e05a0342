#include "util/json_sax_parser.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/json_events.hpp"

namespace ssmlink {
namespace {

using testing::JsonEvents;

// Both parsers on text: the same verdict and, when it parses, the same events.
void expect_same_as_nlohmann(std::string_view text) {
  JsonEvents ours;
  JsonSyntax syntax = parse_json_sax(text, ours);
  JsonEvents theirs;
  nlohmann::json::sax_parse(text.begin(), text.end(), &theirs);
  EXPECT_EQ(syntax.ok, !theirs.failed) << text;
  if (syntax.ok && !theirs.failed) {
    EXPECT_EQ(ours.events, theirs.events) << text;
  }
}

TEST(JsonSaxParser, ParsesLikeNlohmann) {
  for (const char* text :
       {"{}", "[]", " \t\r\n{ } ", "[[],{},[[{}]]]", "{\"a\":1,\"b\":[true,false,null]}",
        "\"just a string\"", "0", "-0", "42", "-42", "1.5", "-1.5e10", "1E-3", "1e+3",
        "18446744073709551615", "18446744073709551616", "-9223372036854775808",
        "-9223372036854775809", "123456789012345678901234567890",
        R"("\" \\ \/ \b \f \n \r \t \u0041 \u00e9 \u65e5 \ud83d\udd12 \u0000")",
        "\"caf\xC3\xA9 \xF0\x9F\x94\x92\"", "\xEF\xBB\xBF{}", "{\"k\":{\"k\":{\"k\":[1,2]}}}",
        // Refused by both:
        "", " ", "{", "[", "}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1,]", "[1 2]", "{1:2}", "01",
        "-", "1.", ".5", "1e", "+1", "tru", "nul", "True", "NaN", "1e400", "-1e400",
        "\"unterminated", "\"bad \\x escape\"", "\"\\u12\"", "\"\\ud83d\"", "\"\\udd12\"",
        "\"\\ud83d\\u0041\"", "\"tab\there\"", "\"\xC3\"", "\"\xC0\xAF\"", "\"\xED\xA0\x80\"",
        "\"\xF4\x90\x80\x80\"", "\xEF\xBB{}", "{} {}", "{}x", "[1]]", "// comment\n{}", "{\"a\" 1}",
        "{\"a\":1 \"b\":2}"}) {
    expect_same_as_nlohmann(text);
  }
}

TEST(JsonSaxParser, SaysWhereTheTextWentWrong) {
  JsonEvents events;
  JsonSyntax syntax = parse_json_sax("{\"a\": [1, 2,", events);
  EXPECT_FALSE(syntax.ok);
  EXPECT_EQ(syntax.position, 12u);
  EXPECT_EQ(syntax.what, "unexpected end of input");
  syntax = parse_json_sax("[1 2]", events);
  EXPECT_EQ(syntax.position, 3u);
  EXPECT_EQ(syntax.what, "expected ',' or ']'");
}

TEST(JsonSaxParser, ANulByteIsNotTheEndOfTheText) {
  // nlohmann stops reading at a NUL byte between tokens; a snapshot must not hide text.
  JsonEvents events;
  EXPECT_FALSE(parse_json_sax(std::string_view("{}\0{", 4), events).ok);
  EXPECT_FALSE(parse_json_sax(std::string_view("\"a\0\"", 4), events).ok);
}

TEST(JsonSaxParser, StopsWhenTheHandlerSaysSo) {
  struct StopAtKey : JsonEvents {
    bool key(std::string&) { return false; }
  } handler;
  JsonSyntax syntax = parse_json_sax("{\"a\": 1}", handler);
  EXPECT_FALSE(syntax.ok);
  EXPECT_EQ(syntax.what, "the handler stopped");
}

TEST(JsonSaxParser, DeepNestingNeedsNoStack) {
  std::string deep = std::string(100000, '[') + std::string(100000, ']');
  expect_same_as_nlohmann(deep);
}

}  // namespace
}  // namespace ssmlink
