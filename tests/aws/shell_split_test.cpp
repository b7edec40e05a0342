#include "aws/shell_split.hpp"

#include <gtest/gtest.h>

namespace ssmlink::aws {
namespace {

using Words = std::vector<std::string>;

// Expected values are Python's shlex.split on the same text.
TEST(ShellSplit, SplitsOnAnyWhitespace) {
  EXPECT_EQ(shell_split("  tool \t--flag\nvalue\r\n"), Words({"tool", "--flag", "value"}));
  EXPECT_EQ(shell_split(""), Words{});
  EXPECT_EQ(shell_split("   "), Words{});
}

TEST(ShellSplit, SingleQuotesKeepEverything) {
  EXPECT_EQ(shell_split(R"(tool 'a b' 'c\d "e"')"), Words({"tool", "a b", R"(c\d "e")"}));
}

TEST(ShellSplit, DoubleQuotesEscapeOnlyQuoteAndBackslash) {
  EXPECT_EQ(shell_split(R"(a "b\$c" d)"), Words({"a", R"(b\$c)", "d"}));
  EXPECT_EQ(shell_split(R"("a\"b" "c\\d")"), Words({R"(a"b)", R"(c\d)"}));
}

TEST(ShellSplit, BackslashOutsideQuotesKeepsTheNextCharacter) {
  EXPECT_EQ(shell_split(R"(a\ b c\'d)"), Words({"a b", "c'd"}));
}

TEST(ShellSplit, QuotedPartsJoinTheirWord) {
  EXPECT_EQ(shell_split(R"(it''s a"b c"d)"), Words({"its", "ab cd"}));
  EXPECT_EQ(shell_split(R"(x "" y '')"), Words({"x", "", "y", ""}));
}

TEST(ShellSplit, RejectsUnclosedQuotesAndTrailingBackslash) {
  EXPECT_FALSE(shell_split("tool 'open"));
  EXPECT_FALSE(shell_split("tool \"open"));
  EXPECT_FALSE(shell_split("tool \"open\\\""));
  EXPECT_FALSE(shell_split("tool \\"));
}

}  // namespace
}  // namespace ssmlink::aws
