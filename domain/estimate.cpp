#include "domain/estimate.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace ssmlink::domain {

double tiered_data_cost(const DataTiers& tiers, double gb) {
  double cost = 0;
  double lower = 0;
  for (const DataTier& tier : tiers.tiers) {
    double upper = tier.up_to_gb.value_or(INFINITY);
    if (gb <= lower) break;
    cost += (std::min(gb, upper) - lower) * tier.usd_per_gb;
    lower = upper;
  }
  return cost;
}

namespace {

// Tiers apply to each month's volume; a period longer than a month spreads the volume
// evenly over its months.
double months_in(double billed_hours) {
  return std::max(1.0, billed_hours / kHoursPerMonth);
}

double endpoints_total(const CostComparison& c, const ResolvedPrices& p, double gb) {
  double months = months_in(c.billed_hours);
  return c.endpoints.hourly_usd + months * tiered_data_cost(p.endpoint_data, gb / months);
}

double nat_total(const CostComparison& c, const ResolvedPrices& p, double gb) {
  return c.nat_gateway.hourly_usd() + gb * p.nat_gb.usd;
}

// Both totals are piecewise linear in the volume, with kinks only at tier bounds, so
// the first sign change of their difference is found segment by segment.
std::optional<double> find_breakeven(const CostComparison& c, const ResolvedPrices& p) {
  auto difference = [&](double gb) { return endpoints_total(c, p, gb) - nat_total(c, p, gb); };
  double months = months_in(c.billed_hours);
  std::vector<double> bounds = {0};
  for (const DataTier& tier : p.endpoint_data.tiers) {
    if (tier.up_to_gb) bounds.push_back(*tier.up_to_gb * months);
  }
  double at_zero = difference(0);
  if (at_zero == 0) return std::nullopt;
  for (size_t i = 0; i < bounds.size(); ++i) {
    double lower = bounds[i];
    bool last = i + 1 == bounds.size();
    double upper = last ? lower + 1e12 : bounds[i + 1];
    double d_lower = difference(lower);
    double d_upper = difference(upper);
    if ((d_lower > 0) != (at_zero > 0) || d_lower == 0) return lower;
    if ((d_upper > 0) != (at_zero > 0) || d_upper == 0) {
      return lower + (upper - lower) * d_lower / (d_lower - d_upper);
    }
  }
  return std::nullopt;
}

}  // namespace

double endpoints_hourly_usd(int interface_endpoints, int azs, const ResolvedPrices& prices) {
  return interface_endpoints * azs * prices.endpoint_hour.usd;
}

CostComparison compare_costs(const CostInput& input, const ResolvedPrices& prices) {
  CostComparison c;
  c.input = input;
  c.billed_hours = std::ceil(input.hours);
  c.endpoints.hourly_usd =
      endpoints_hourly_usd(input.interface_endpoints, input.azs, prices) * c.billed_hours;
  double months = months_in(c.billed_hours);
  c.endpoints.data_usd = months * tiered_data_cost(prices.endpoint_data, input.gb / months);
  c.nat_gateway.gateway_hourly_usd = input.nat_gateways * prices.nat_hour.usd * c.billed_hours;
  c.nat_gateway.public_ipv4_usd = input.nat_gateways * prices.public_ipv4_hour.usd * c.billed_hours;
  c.nat_gateway.data_usd = input.gb * prices.nat_gb.usd;
  c.breakeven_gb = find_breakeven(c, prices);
  return c;
}

}  // namespace ssmlink::domain
