#include "workflows/cost.hpp"

#include <stdexcept>

#include "util/embedded.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::workflows {

const domain::PriceBook& price_book() {
  static const domain::PriceBook book = [] {
    auto parsed = domain::parse_price_book(embedded::pricing);
    // The book is checked by the tests; a broken one is a build defect, not user input.
    if (!parsed) throw std::logic_error("data/pricing.json: " + parsed.error().message);
    return *parsed;
  }();
  return book;
}

CostReport run_cost(const CostRequest& request) {
  auto prices = domain::resolve_prices(price_book(), request.region, request.overrides);
  if (!prices) throw UsageError(prices.error().message);
  return CostReport{request.region, *prices, domain::compare_costs(request.input, *prices),
                    price_book().read_on};
}

std::optional<double> endpoint_hour_usd(const std::string& region) {
  auto prices = domain::resolve_prices(price_book(), region, {});
  if (!prices) return std::nullopt;
  return prices->endpoint_hour.usd;
}

}  // namespace ssmlink::workflows
