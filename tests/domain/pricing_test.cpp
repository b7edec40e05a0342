#include "domain/pricing.hpp"

#include <gtest/gtest.h>

#include "domain/partitions.hpp"
#include "util/embedded.hpp"

namespace ssmlink::domain {
namespace {

TEST(PriceBook, TheShippedBookParsesAndEveryPriceHasASource) {
  auto book = parse_price_book(embedded::pricing);
  ASSERT_TRUE(book) << book.error().message;
  EXPECT_FALSE(book->read_on.empty());
  ASSERT_TRUE(book->defaults.public_ipv4_hour);
  ASSERT_TRUE(book->defaults.endpoint_data);
  EXPECT_EQ(book->defaults.endpoint_data->tiers.size(), 3u);
  for (const auto& [region, prices] : book->regions) {
    SCOPED_TRACE(region);
    EXPECT_TRUE(partition_of(region)) << "not a region";
    for (const auto* price : {&prices.endpoint_hour, &prices.nat_hour, &prices.nat_gb}) {
      if (*price) {
        EXPECT_FALSE((*price)->source.empty());
        EXPECT_FALSE((*price)->read_on.empty());
        EXPECT_GT((*price)->usd, 0);
        EXPECT_LT((*price)->usd, 1);
      }
    }
  }
}

TEST(PriceBook, TokyoHasTheSeedsPrices) {
  auto book = *parse_price_book(embedded::pricing);
  auto tokyo = resolve_prices(book, "ap-northeast-1", {});
  ASSERT_TRUE(tokyo) << tokyo.error().message;
  EXPECT_DOUBLE_EQ(tokyo->endpoint_hour.usd, 0.014);
  EXPECT_DOUBLE_EQ(tokyo->nat_hour.usd, 0.062);
  EXPECT_DOUBLE_EQ(tokyo->nat_gb.usd, 0.062);
  EXPECT_DOUBLE_EQ(tokyo->public_ipv4_hour.usd, 0.005);
}

TEST(PriceBook, UnknownRegionListsTheKnownOnesUnlessAllPricesAreGiven) {
  auto book = *parse_price_book(embedded::pricing);
  auto unknown = resolve_prices(book, "cn-north-1", {});
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("ap-northeast-1"), std::string::npos);
  EXPECT_NE(unknown.error().message.find("--price-endpoint-hour"), std::string::npos);
  PriceOverrides all;
  all.endpoint_hour = 0.02;
  all.nat_hour = 0.07;
  all.nat_gb = 0.07;
  auto given = resolve_prices(book, "cn-north-1", all);
  ASSERT_TRUE(given);
  EXPECT_EQ(given->endpoint_hour.source, "--price-endpoint-hour flag");
}

TEST(PriceBook, OverridesWin) {
  auto book = *parse_price_book(embedded::pricing);
  PriceOverrides overrides;
  overrides.endpoint_gb = 0.02;
  overrides.public_ipv4_hour = 0;
  auto prices = *resolve_prices(book, "ap-northeast-1", overrides);
  ASSERT_EQ(prices.endpoint_data.tiers.size(), 1u);
  EXPECT_DOUBLE_EQ(prices.endpoint_data.tiers[0].usd_per_gb, 0.02);
  EXPECT_DOUBLE_EQ(prices.public_ipv4_hour.usd, 0);
}

TEST(PriceBook, MalformedBooksAreRejected) {
  EXPECT_FALSE(parse_price_book("not json"));
  EXPECT_FALSE(parse_price_book("[]"));
  EXPECT_FALSE(parse_price_book(R"({"format": 2, "currency": "USD", "regions": {}})"));
  EXPECT_FALSE(parse_price_book(R"({"format": 1, "currency": "EUR", "regions": {}})"));
  EXPECT_FALSE(parse_price_book(R"({"format": 1, "currency": "USD"})"));
  EXPECT_FALSE(parse_price_book(
      R"({"format": 1, "currency": "USD", "regions": {"x": {"nat_gateway_hour": {"usd": -1, "source": "s"}}}})"));
  EXPECT_FALSE(parse_price_book(
      R"({"format": 1, "currency": "USD", "regions": {"x": {"nat_gateway_hour": {"usd": 1}}}})"));
  EXPECT_FALSE(parse_price_book(
      R"({"format": 1, "currency": "USD", "regions": {}, "interface_endpoint_data_tiers": {"tiers": [{"up_to_gb": 5, "usd_per_gb": 1}]}})"));
  EXPECT_TRUE(parse_price_book(R"({"format": 1, "currency": "USD", "regions": {}})"));
}

}  // namespace
}  // namespace ssmlink::domain
