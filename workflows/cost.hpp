// `ssmlink cost`: endpoints against a NAT gateway, from the compiled-in price book.
#pragma once
#include <optional>
#include <string>

#include "domain/estimate.hpp"
#include "domain/pricing.hpp"

namespace ssmlink::workflows {

struct CostRequest {
  std::string region;
  domain::CostInput input;
  domain::PriceOverrides overrides;
};

struct CostReport {
  std::string region;
  domain::ResolvedPrices prices;
  domain::CostComparison comparison;
  std::string price_book_read_on;
};

// The compiled-in price book (data/pricing.json).
const domain::PriceBook& price_book();

// The price of one interface endpoint in one AZ for an hour, by the same rule as
// run_cost; none when the book has no price for the region (status and up show none).
std::optional<double> endpoint_hour_usd(const std::string& region);

// Throws UsageError when the region has no prices and none were given.
CostReport run_cost(const CostRequest& request);

}  // namespace ssmlink::workflows
