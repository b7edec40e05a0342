// Reading an EC2 query request as botocore's ec2 serializer writes it: lists flattened as
// Name.1, Name.2 (VpcId.1, Filter.1.Name, Filter.1.Value.1), and the filter, ID and
// pagination rules every Describe call shares, with EC2's errors.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "emulator/api.hpp"

namespace ssmlink::emulator {

// EC2's client error (HTTP 400).
[[noreturn]] void ec2_error(const std::string& code, const std::string& message);

std::optional<std::string> query_param(const ApiRequest& request, const std::string& name);
// Name.1, Name.2, ... in index order (gaps allowed, as EC2 allows).
std::vector<std::string> query_list(const ApiRequest& request, const std::string& name);
// true/false; anything else is EC2's InvalidParameterValue.
bool query_bool(const ApiRequest& request, const std::string& name, bool fallback);

// TagSpecification.N.ResourceType / .Tag.M.Key / .Tag.M.Value, for one resource type.
Tags query_tags(const ApiRequest& request, const std::string& resource_type);

// DryRun=true: EC2 answers DryRunOperation (HTTP 412) instead of acting.
void check_dry_run(const ApiRequest& request);

struct Filter {
  std::string name;
  std::vector<std::string> values;
};
std::vector<Filter> query_filters(const ApiRequest& request);

// EC2's wildcards in filter values: * any run of characters, ? one character.
bool filter_value_matches(std::string_view pattern, std::string_view value);

// The filters one Describe call accepts: named extractors of a resource's values, plus the
// tag filters (tag:<key>, tag-key, and tag-value where the call documents it). Names the
// call documents but the emulator has nothing to compare with match no resource.
template <typename T>
struct FilterSet {
  std::map<std::string, std::function<std::vector<std::string>(const T&)>> named;
  std::function<const Tags&(const T&)> tags;  // empty: the resource has no tags
  bool tag_value = false;

  // EC2 rejects a name it does not know: InvalidParameterValue "The filter 'x' is invalid"
  // (boto/boto3#1299, aws/aws-cli#7225).
  void check(const std::vector<Filter>& filters) const {
    for (const auto& filter : filters) {
      bool tag = tags && (filter.name.starts_with("tag:") || filter.name == "tag-key" ||
                          (tag_value && filter.name == "tag-value"));
      if (!tag && !named.contains(filter.name)) {
        ec2_error("InvalidParameterValue", "The filter '" + filter.name + "' is invalid");
      }
    }
  }

  // Every filter must match (AND); within a filter, any value (OR).
  bool matches(const T& item, const std::vector<Filter>& filters) const {
    for (const auto& filter : filters) {
      std::vector<std::string> values;
      if (filter.name.starts_with("tag:")) {
        for (const auto& [key, value] : tags(item)) {
          if (key == filter.name.substr(4)) values.push_back(value);
        }
      } else if (filter.name == "tag-key" || filter.name == "tag-value") {
        for (const auto& [key, value] : tags(item)) {
          values.push_back(filter.name == "tag-key" ? key : value);
        }
      } else {
        values = named.at(filter.name)(item);
      }
      bool any = false;
      for (const auto& pattern : filter.values) {
        for (const auto& value : values)
          any = any || filter_value_matches(pattern, value);
      }
      if (!any) return false;
    }
    return true;
  }
};

// MaxResults and NextToken of a Describe call. Bounds as the model gives them
// (minimum 5 and maximum 1000 for most; 100 for DescribeRouteTables); `cap` instead of a
// maximum where EC2 silently caps ("If the value is greater than 1,000, we return only
// 1,000 items").
struct PageRules {
  int minimum = 5;
  int maximum = 1000;
  bool cap = false;
};

struct Page {
  size_t first = 0;  // index of the first item of this page
  size_t count = 0;
  std::string next_token;  // empty on the last page
};

// Items are in ID order; the token names the last ID returned, so pages stay right while
// resources come and go. An unknown or foreign token is EC2's InvalidParameterValue.
Page paginate(const ApiRequest& request, const std::vector<std::string>& ids,
              const PageRules& rules);

}  // namespace ssmlink::emulator
