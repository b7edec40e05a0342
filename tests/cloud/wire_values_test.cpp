#include "cloud/wire_values.hpp"

#include <gtest/gtest.h>

#include <limits>

#include "tests/support/utc_time.hpp"

namespace ssmlink::cloud {
namespace {

using testing::utc;

TEST(WireValues, IntegersInDecimalIncludingEc2sMinusOne) {
  EXPECT_EQ(parse_int("443"), 443);
  EXPECT_EQ(parse_int("-1"), -1);
  EXPECT_EQ(parse_int("0"), 0);
  EXPECT_EQ(parse_int("2147483647"), 2147483647);
}

TEST(WireValues, RejectWhatIsNotAnInteger) {
  EXPECT_EQ(parse_int(""), std::nullopt);
  EXPECT_EQ(parse_int("http"), std::nullopt);
  EXPECT_EQ(parse_int("22x"), std::nullopt);
  EXPECT_EQ(parse_int(" 22"), std::nullopt);
  EXPECT_EQ(parse_int("+22"), std::nullopt);
  EXPECT_EQ(parse_int("1.5"), std::nullopt);
  EXPECT_EQ(parse_int("2147483648"), std::nullopt);  // beyond int
}

TEST(WireValues, BooleansAsAwsWritesThem) {
  EXPECT_EQ(parse_bool("true"), true);
  EXPECT_EQ(parse_bool("false"), false);
  EXPECT_EQ(parse_bool("True"), std::nullopt);
  EXPECT_EQ(parse_bool("1"), std::nullopt);
  EXPECT_EQ(parse_bool(""), std::nullopt);
}

TEST(WireValues, Iso8601TimestampsWithOffsetsAndFractions) {
  // Cases from the protocol tests (reference/protocol-tests/output/ec2.json).
  EXPECT_EQ(parse_timestamp("2014-04-29T18:30:38Z"), utc(2014, 4, 29, 18, 30, 38));
  EXPECT_EQ(parse_timestamp("2019-12-16T22:48:18-01:00"), utc(2019, 12, 16, 23, 48, 18));
  EXPECT_EQ(parse_timestamp("2019-12-17T00:48:18+01:00"), utc(2019, 12, 16, 23, 48, 18));
  // util's parse_iso8601 keeps whole seconds.
  EXPECT_EQ(parse_timestamp("2000-01-02T20:34:56.123Z"), utc(2000, 1, 2, 20, 34, 56));
}

TEST(WireValues, RejectBadTimestamps) {
  EXPECT_EQ(parse_timestamp(""), std::nullopt);
  EXPECT_EQ(parse_timestamp("yesterday"), std::nullopt);
  EXPECT_EQ(parse_timestamp("2026-13-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_timestamp("2026-11-28 07:39:02"), std::nullopt);
  EXPECT_EQ(parse_timestamp("1700000000"), std::nullopt);
}

TEST(WireValues, RejectYearsATimePointCannotHold) {
  EXPECT_NE(parse_timestamp("2261-12-31T23:59:59Z"), std::nullopt);
  EXPECT_EQ(parse_timestamp("2262-12-31T23:59:59Z"), std::nullopt);
  EXPECT_EQ(parse_timestamp("9999-12-31T23:59:59Z"), std::nullopt);
  EXPECT_NE(parse_timestamp("1678-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_timestamp("0001-01-01T00:00:00Z"), std::nullopt);
  EXPECT_EQ(parse_timestamp("-999-01-01T00:00:00Z"), std::nullopt);
}

TEST(WireValues, EpochSecondsKeepTheirFraction) {
  EXPECT_EQ(from_epoch_seconds(946845296), utc(2000, 1, 2, 20, 34, 56));
  EXPECT_EQ(from_epoch_seconds(1764315542.5), utc(2025, 11, 28, 7, 39, 2, 500));
  // Not exact in binary: the milliseconds come back all the same.
  EXPECT_EQ(from_epoch_seconds(1764315542.421), utc(2025, 11, 28, 7, 39, 2, 421));
  EXPECT_EQ(from_epoch_seconds(1582221233.001), utc(2020, 2, 20, 17, 53, 53, 1));
}

TEST(WireValues, RejectEpochSecondsOutOfRange) {
  EXPECT_EQ(from_epoch_seconds(std::numeric_limits<double>::quiet_NaN()), std::nullopt);
  EXPECT_EQ(from_epoch_seconds(std::numeric_limits<double>::infinity()), std::nullopt);
  EXPECT_EQ(from_epoch_seconds(1e300), std::nullopt);
  EXPECT_EQ(from_epoch_seconds(-1e300), std::nullopt);
}

}  // namespace
}  // namespace ssmlink::cloud
