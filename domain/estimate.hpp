// Endpoints or a NAT gateway: what each costs for a period and a data volume.
#pragma once
#include <optional>

#include "domain/pricing.hpp"

namespace ssmlink::domain {

inline constexpr double kHoursPerMonth = 730;

struct CostInput {
  double hours = kHoursPerMonth;  // period; partial hours are billed as full hours
  double gb = 10;                 // GB processed during the period
  int azs = 1;                    // AZs (subnets) each interface endpoint is in
  int interface_endpoints = 3;    // gateway endpoints cost nothing
  int nat_gateways = 1;
};

struct EndpointsCost {
  double hourly_usd = 0;
  double data_usd = 0;
  double total_usd() const { return hourly_usd + data_usd; }
};

struct NatGatewayCost {
  double gateway_hourly_usd = 0;  // the gateways' own hourly charge
  double public_ipv4_usd = 0;     // each gateway's Elastic IP
  double data_usd = 0;
  double hourly_usd() const { return gateway_hourly_usd + public_ipv4_usd; }
  double total_usd() const { return hourly_usd() + data_usd; }
};

struct CostComparison {
  CostInput input;
  double billed_hours = 0;
  EndpointsCost endpoints;
  NatGatewayCost nat_gateway;
  // The GB volume at which the cheaper option at zero traffic stops being cheaper;
  // none when it stays cheaper at any volume.
  std::optional<double> breakeven_gb;
};

// Interface endpoint data charge for `gb` processed in one month, over the tiers.
double tiered_data_cost(const DataTiers& tiers, double gb);

CostComparison compare_costs(const CostInput& input, const ResolvedPrices& prices);

// Endpoint stack cost per hour while it exists (no data): for status and up.
double endpoints_hourly_usd(int interface_endpoints, int azs, const ResolvedPrices& prices);

}  // namespace ssmlink::domain
