#include "domain/estimate.hpp"

#include <gtest/gtest.h>

#include "util/embedded.hpp"

namespace ssmlink::domain {
namespace {

DataTiers standard_tiers() {
  return {{{1048576.0, 0.01}, {5242880.0, 0.006}, {std::nullopt, 0.004}}, "test", ""};
}

// The seed's Tokyo prices (shared/seed/README.md) plus the public IPv4 charge.
ResolvedPrices tokyo() {
  return {{0.014, "", ""}, {0.062, "", ""}, {0.062, "", ""}, {0.005, "", ""}, standard_tiers()};
}

TEST(Estimate, TiersApplyToTheTotalVolumeOnce) {
  DataTiers tiers = standard_tiers();
  EXPECT_DOUBLE_EQ(tiered_data_cost(tiers, 0), 0);
  EXPECT_DOUBLE_EQ(tiered_data_cost(tiers, 100), 1.0);  // 0.01/GB, not 0.03 (the seed's slip)
  EXPECT_DOUBLE_EQ(tiered_data_cost(tiers, 1048576), 10485.76);
  EXPECT_DOUBLE_EQ(tiered_data_cost(tiers, 1048576 + 1000), 10485.76 + 6);
  EXPECT_DOUBLE_EQ(tiered_data_cost(tiers, 6242880), 10485.76 + 4194304 * 0.006 + 1000000 * 0.004);
}

TEST(Estimate, MatchesTheUxExampleForTokyo) {
  CostInput input;
  input.gb = 100;
  CostComparison c = compare_costs(input, tokyo());
  EXPECT_NEAR(c.endpoints.hourly_usd, 30.66, 1e-9);  // 3 endpoints x 730 h x 0.014
  EXPECT_NEAR(c.endpoints.data_usd, 1.00, 1e-9);
  EXPECT_NEAR(c.nat_gateway.gateway_hourly_usd, 45.26, 1e-9);
  EXPECT_NEAR(c.nat_gateway.public_ipv4_usd, 3.65, 1e-9);
  EXPECT_NEAR(c.nat_gateway.hourly_usd(), 48.91, 1e-9);
  EXPECT_NEAR(c.nat_gateway.data_usd, 6.20, 1e-9);
  EXPECT_NEAR(c.endpoints.total_usd(), 31.66, 1e-9);
  EXPECT_NEAR(c.nat_gateway.total_usd(), 55.11, 1e-9);
  EXPECT_FALSE(c.breakeven_gb);  // cheaper at zero GB and per GB: never overtaken
}

TEST(Estimate, BreakevenWhenEndpointsCostMoreWhileIdle) {
  CostInput input;
  input.azs = 2;  // 3 x 2 x 0.014 = 0.084/h > 0.067/h for the NAT gateway with its IPv4
  CostComparison c = compare_costs(input, tokyo());
  ASSERT_TRUE(c.breakeven_gb);
  // (0.084 - 0.067) x 730 / (0.062 - 0.01)
  EXPECT_NEAR(*c.breakeven_gb, 0.017 * 730 / 0.052, 1e-6);
  CostInput at_breakeven = input;
  at_breakeven.gb = *c.breakeven_gb;
  CostComparison even = compare_costs(at_breakeven, tokyo());
  EXPECT_NEAR(even.endpoints.total_usd(), even.nat_gateway.total_usd(), 1e-6);
}

TEST(Estimate, BreakevenCrossesTierBounds) {
  // Endpoint data dearer than NAT data in the first tier only: the crossing is found in
  // whichever segment it falls.
  ResolvedPrices prices = tokyo();
  prices.nat_gb.usd = 0.008;
  prices.endpoint_data = {{{1000.0, 0.01}, {std::nullopt, 0.001}}, "", ""};
  CostInput input;
  input.hours = 1;
  input.interface_endpoints = 1;
  // Endpoints 0.014 vs NAT 0.067 while idle; endpoints lose 0.002/GB in the first tier,
  // so the NAT gateway is cheaper from (0.067 - 0.014) / 0.002 = 26.5 GB.
  auto first = compare_costs(input, prices);
  ASSERT_TRUE(first.breakeven_gb);
  EXPECT_NEAR(*first.breakeven_gb, 26.5, 1e-6);
  prices.nat_hour.usd = 0.0;
  prices.public_ipv4_hour.usd = 0.0;  // NAT is 0 while idle; endpoints 0.014
  auto c = compare_costs(input, prices);
  ASSERT_TRUE(c.breakeven_gb);
  // Above 1000 GB endpoints cost 0.014 + 10 + 0.001(x-1000), NAT 0.008x.
  EXPECT_NEAR(*c.breakeven_gb, (0.014 + 10 - 1) / 0.007, 1e-6);
}

TEST(Estimate, PartialHoursAreBilledAsFullHours) {
  CostInput input;
  input.hours = 1.5;
  input.gb = 0;
  CostComparison c = compare_costs(input, tokyo());
  EXPECT_EQ(c.billed_hours, 2);
  EXPECT_NEAR(c.endpoints.hourly_usd, 3 * 2 * 0.014, 1e-12);
}

TEST(Estimate, GatewayEndpointsAreFreeAndAzsMultiply) {
  CostInput input;
  input.interface_endpoints = 0;
  EXPECT_EQ(compare_costs(input, tokyo()).endpoints.hourly_usd, 0);
  EXPECT_NEAR(endpoints_hourly_usd(3, 2, tokyo()), 0.084, 1e-12);
}

TEST(Estimate, LongPeriodsSpreadTheVolumeOverMonths) {
  CostInput input;
  input.hours = 2 * kHoursPerMonth;
  input.gb = 2 * 1048576.0;  // one tier's worth each month: all at the first tier price
  EXPECT_NEAR(compare_costs(input, tokyo()).endpoints.data_usd, 2 * 10485.76, 1e-6);
}

}  // namespace
}  // namespace ssmlink::domain
