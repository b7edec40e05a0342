#include "domain/pricing.hpp"

#include <nlohmann/json.hpp>

#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {

using Json = nlohmann::json;

Result<Price> parse_price(const Json& node, const std::string& where) {
  if (!node.is_object() || !node.contains("usd") || !node["usd"].is_number() ||
      node["usd"].get<double>() < 0 || !node.contains("source") || !node["source"].is_string()) {
    return fail(where + " needs a non-negative \"usd\" and a \"source\"");
  }
  return Price{node["usd"].get<double>(), node["source"].get<std::string>(),
               node.value("read_on", "")};
}

Result<DataTiers> parse_tiers(const Json& node, const std::string& where) {
  if (!node.is_object() || !node.contains("tiers") || !node["tiers"].is_array() ||
      node["tiers"].empty()) {
    return fail(where + " needs a non-empty \"tiers\" list");
  }
  DataTiers result{{}, node.value("source", ""), node.value("read_on", "")};
  double previous = 0;
  const Json& tiers = node["tiers"];
  for (size_t i = 0; i < tiers.size(); ++i) {
    const Json& tier = tiers[i];
    if (!tier.is_object() || !tier.contains("usd_per_gb") || !tier["usd_per_gb"].is_number()) {
      return fail(where + " tier " + std::to_string(i + 1) + " needs \"usd_per_gb\"");
    }
    DataTier parsed{std::nullopt, tier["usd_per_gb"].get<double>()};
    const Json& bound = tier.contains("up_to_gb") ? tier["up_to_gb"] : Json();
    if (bound.is_number()) {
      parsed.up_to_gb = bound.get<double>();
      if (*parsed.up_to_gb <= previous) {
        return fail(where + " tier bounds must grow");
      }
      previous = *parsed.up_to_gb;
    } else if (i + 1 != tiers.size()) {
      return fail(where + ": only the last tier may be unbounded");
    }
    result.tiers.push_back(parsed);
  }
  if (result.tiers.back().up_to_gb) return fail(where + ": the last tier must be unbounded");
  return result;
}

Result<RegionPrices> parse_region(const Json& node, const std::string& where) {
  if (!node.is_object()) return fail(where + " is not an object");
  RegionPrices prices;
  auto price = [&](const char* key, std::optional<Price>& into) -> std::optional<Error> {
    if (!node.contains(key)) return std::nullopt;
    auto parsed = parse_price(node[key], where + "." + key);
    if (!parsed) return parsed.error();
    into = *parsed;
    return std::nullopt;
  };
  for (auto [key, slot] : {std::pair{"interface_endpoint_hour", &prices.endpoint_hour},
                           std::pair{"nat_gateway_hour", &prices.nat_hour},
                           std::pair{"nat_gateway_gb", &prices.nat_gb},
                           std::pair{"public_ipv4_hour", &prices.public_ipv4_hour}}) {
    if (auto error = price(key, *slot)) return std::unexpected(*error);
  }
  if (node.contains("interface_endpoint_data_tiers")) {
    auto tiers = parse_tiers(node["interface_endpoint_data_tiers"],
                             where + ".interface_endpoint_data_tiers");
    if (!tiers) return std::unexpected(tiers.error());
    prices.endpoint_data = *tiers;
  }
  return prices;
}

}  // namespace

std::vector<std::string> PriceBook::region_names() const {
  std::vector<std::string> names;
  for (const auto& [name, _] : regions)
    names.push_back(name);
  return names;
}

Result<PriceBook> parse_price_book(std::string_view json_text) {
  Json root = Json::parse(json_text, nullptr, false);
  if (root.is_discarded() || !root.is_object()) return fail("the price book is not a JSON object");
  if (root.value("format", 0) != 1) return fail("the price book's \"format\" is not 1");
  if (root.value("currency", "") != "USD") return fail("the price book is not in USD");
  PriceBook book;
  book.read_on = root.value("read_on", "");
  auto defaults = parse_region(root, "price book");
  if (!defaults) return std::unexpected(defaults.error());
  book.defaults = *defaults;
  if (!root.contains("regions") || !root["regions"].is_object()) {
    return fail("the price book has no \"regions\" object");
  }
  for (const auto& [name, node] : root["regions"].items()) {
    auto region = parse_region(node, "regions." + name);
    if (!region) return std::unexpected(region.error());
    book.regions[name] = *region;
  }
  return book;
}

Result<ResolvedPrices> resolve_prices(const PriceBook& book, std::string_view region,
                                      const PriceOverrides& overrides) {
  auto found = book.regions.find(std::string(region));
  const RegionPrices* listed = found == book.regions.end() ? nullptr : &found->second;
  auto given = [](double usd, const char* flag) {
    return Price{usd, std::string(flag) + " flag", ""};
  };

  std::vector<std::string> missing_prices;
  std::vector<std::string> missing_flags;
  auto pick = [&](std::optional<double> override_usd, const char* what, const char* flag,
                  std::optional<Price> RegionPrices::*member) -> Price {
    if (override_usd) return given(*override_usd, flag);
    if (listed && listed->*member) return *(listed->*member);
    if (book.defaults.*member) return *(book.defaults.*member);
    missing_prices.push_back(what);
    missing_flags.push_back(flag);
    return {};
  };
  ResolvedPrices prices;
  prices.endpoint_hour = pick(overrides.endpoint_hour, "interface endpoint hour",
                              "--price-endpoint-hour", &RegionPrices::endpoint_hour);
  prices.nat_hour =
      pick(overrides.nat_hour, "NAT gateway hour", "--price-nat-hour", &RegionPrices::nat_hour);
  prices.nat_gb = pick(overrides.nat_gb, "NAT gateway GB", "--price-nat-gb", &RegionPrices::nat_gb);
  prices.public_ipv4_hour = pick(overrides.public_ipv4_hour, "public IPv4 hour",
                                 "--price-ipv4-hour", &RegionPrices::public_ipv4_hour);
  if (overrides.endpoint_gb) {
    prices.endpoint_data = {
        {{std::nullopt, *overrides.endpoint_gb}}, "--price-endpoint-gb flag", ""};
  } else if (listed && listed->endpoint_data) {
    prices.endpoint_data = *listed->endpoint_data;
  } else if (book.defaults.endpoint_data) {
    prices.endpoint_data = *book.defaults.endpoint_data;
  } else {
    missing_prices.push_back("interface endpoint GB");
    missing_flags.push_back("--price-endpoint-gb");
  }
  if (missing_prices.empty()) return prices;
  if (!listed) {
    return fail("no prices for " + std::string(region) +
                " in data/pricing.json (priced: " + join(book.region_names(), ", ") +
                "); to price it yourself give " + join(missing_flags, ", "));
  }
  return fail("data/pricing.json has no source for the " + join(missing_prices, ", ") +
              " price in " + std::string(region) + "; give " + join(missing_flags, ", "));
}

}  // namespace ssmlink::domain
