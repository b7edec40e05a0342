// `ssmlink cost`: endpoints against a NAT gateway, from the compiled-in price book.
#pragma once
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

// Throws UsageError when the region has no prices and none were given.
CostReport run_cost(const CostRequest& request);

}  // namespace ssmlink::workflows
