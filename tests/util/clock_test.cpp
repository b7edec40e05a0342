#include "util/clock.hpp"

#include <gtest/gtest.h>

namespace ssmlink {
namespace {

TEST(Iso8601, ParsesTheFormsAwsUses) {
  Clock::TimePoint time;
  ASSERT_TRUE(parse_iso8601("2026-11-28T07:39:02Z", time));
  EXPECT_EQ(format_iso8601(time), "2026-11-28T07:39:02Z");
  ASSERT_TRUE(parse_iso8601("2026-11-28T07:39:02.123Z", time));
  EXPECT_EQ(format_iso8601(time), "2026-11-28T07:39:02Z");
  ASSERT_TRUE(parse_iso8601("2026-11-28T16:39:02+09:00", time));
  EXPECT_EQ(format_iso8601(time), "2026-11-28T07:39:02Z");
  ASSERT_TRUE(parse_iso8601("2026-11-28T02:39:02-05:00", time));
  EXPECT_EQ(format_iso8601(time), "2026-11-28T07:39:02Z");
}

TEST(Iso8601, RejectsAnythingElse) {
  Clock::TimePoint time;
  for (const char* bad :
       {"", "2026-11-28", "2026-11-28T07:39:02", "2026-13-01T00:00:00Z", "2026-11-28T25:00:00Z",
        "2026-11-28T07:39:02Zjunk", "yesterday", "9999-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
        "2026-11-28T07:39:02+0900"}) {
    EXPECT_FALSE(parse_iso8601(bad, time)) << bad;
  }
}

}  // namespace
}  // namespace ssmlink
