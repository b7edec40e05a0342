// Prices for the cost comparison: read from a price book (data/pricing.json, compiled
// in) and overridden per value by the user. Every price keeps its source.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"

namespace ssmlink::domain {

struct Price {
  double usd = 0;
  std::string source;   // where it was read, or "--price-... flag"
  std::string read_on;  // date it was read (YYYY-MM-DD)
};

// Interface endpoint data processing is tiered per GB over the region's monthly total.
struct DataTier {
  std::optional<double> up_to_gb;  // cumulative upper bound; none for the last tier
  double usd_per_gb = 0;
};

struct DataTiers {
  std::vector<DataTier> tiers;
  std::string source;
  std::string read_on;
};

struct RegionPrices {
  std::optional<Price> endpoint_hour;  // per interface endpoint per AZ
  std::optional<Price> nat_hour;
  std::optional<Price> nat_gb;
  std::optional<Price> public_ipv4_hour;
  std::optional<DataTiers> endpoint_data;
};

struct PriceBook {
  std::string read_on;
  RegionPrices defaults;  // prices that hold in every region unless a region says otherwise
  std::map<std::string, RegionPrices> regions;

  std::vector<std::string> region_names() const;
};

Result<PriceBook> parse_price_book(std::string_view json_text);

// Prices given on the command line win over the book.
struct PriceOverrides {
  std::optional<double> endpoint_hour, nat_hour, nat_gb, public_ipv4_hour, endpoint_gb;
};

struct ResolvedPrices {
  Price endpoint_hour, nat_hour, nat_gb, public_ipv4_hour;
  DataTiers endpoint_data;
};

// All five prices for a region, or an error that names what is missing and how to give
// it (an unknown region lists the known ones).
Result<ResolvedPrices> resolve_prices(const PriceBook& book, std::string_view region,
                                      const PriceOverrides& overrides);

}  // namespace ssmlink::domain
