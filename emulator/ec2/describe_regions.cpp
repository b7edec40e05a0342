#include "emulator/ec2/describe_regions.hpp"

#include <algorithm>

#include "emulator/ec2/ec2_query.hpp"
#include "emulator/ec2/ec2_xml.hpp"
#include "emulator/region_name.hpp"
#include "emulator/world.hpp"
#include "util/xml_writer.hpp"

namespace ssmlink::emulator {

namespace {

std::string opt_in_status(const World& world, const std::string& region) {
  if (!is_opt_in_region(region)) return "opt-in-not-required";
  return world.region_enabled(region) ? "opted-in" : "not-opted-in";
}

std::string endpoint_of(const std::string& region) {
  return "ec2." + region + (region.starts_with("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
}

bool any_matches(const std::vector<std::string>& patterns, const std::string& value) {
  return std::any_of(patterns.begin(), patterns.end(), [&](const std::string& pattern) {
    return filter_value_matches(pattern, value);
  });
}

}  // namespace

// Without AllRegions, only the regions the account may use; RegionName.N picks some (an
// unknown one is InvalidParameterValue); filters region-name, endpoint, opt-in-status.
ApiResponse describe_regions(World& world, const ApiRequest& request) {
  check_dry_run(request);
  bool all = query_bool(request, "AllRegions", false);
  std::vector<std::string> names = query_list(request, "RegionName");
  const std::vector<std::string>& regions = partition_regions(request.region);
  for (const auto& name : names) {
    if (std::find(regions.begin(), regions.end(), name) == regions.end())
      ec2_error("InvalidParameterValue", "Invalid region: " + name);
  }
  std::vector<Filter> filters = query_filters(request);
  for (const auto& filter : filters) {
    if (filter.name != "region-name" && filter.name != "endpoint" && filter.name != "opt-in-status")
      ec2_error("InvalidParameterValue", "The filter '" + filter.name + "' is invalid");
  }
  XmlWriter xml("DescribeRegionsResponse", kEc2Namespace);
  xml.element("requestId", request.request_id).open("regionInfo");
  for (const auto& region : regions) {
    std::string status = opt_in_status(world, region);
    if (!names.empty() && std::find(names.begin(), names.end(), region) == names.end()) continue;
    if (!all && names.empty() && status == "not-opted-in") continue;
    bool kept = std::all_of(filters.begin(), filters.end(), [&](const Filter& filter) {
      if (filter.name == "region-name") return any_matches(filter.values, region);
      if (filter.name == "endpoint") return any_matches(filter.values, endpoint_of(region));
      return any_matches(filter.values, status);
    });
    if (!kept) continue;
    xml.open("item")
        .element("regionName", region)
        .element("regionEndpoint", endpoint_of(region))
        .element("optInStatus", status)
        .close();
  }
  xml.close();
  return ApiResponse{200, "text/xml;charset=UTF-8", xml.finish()};
}

}  // namespace ssmlink::emulator
