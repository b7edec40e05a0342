#include "emulator/ec2/ec2_query.hpp"

#include <algorithm>
#include <charconv>

#include "util/crypto.hpp"

namespace ssmlink::emulator {

namespace {

// Name.<N><rest> keys of the request, by N.
std::map<long long, std::string> indexed(const std::map<std::string, std::string>& params,
                                         const std::string& name, const std::string& rest) {
  std::map<long long, std::string> out;
  std::string prefix = name + ".";
  for (auto it = params.lower_bound(prefix); it != params.end() && it->first.starts_with(prefix);
       ++it) {
    std::string_view tail = std::string_view(it->first).substr(prefix.size());
    size_t digits = 0;
    while (digits < tail.size() && tail[digits] >= '0' && tail[digits] <= '9')
      ++digits;
    if (digits == 0 || tail.substr(digits) != rest) continue;
    long long index = 0;
    std::from_chars(tail.data(), tail.data() + digits, index);
    out[index] = it->second;
  }
  return out;
}

std::string decode_hex(std::string_view hex) {
  if (hex.size() % 2) return {};
  std::string out;
  for (size_t i = 0; i < hex.size(); i += 2) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(hex.data() + i, hex.data() + i + 2, value, 16);
    if (error != std::errc() || end != hex.data() + i + 2) return {};
    out += static_cast<char>(value);
  }
  return out;
}

}  // namespace

void ec2_error(const std::string& code, const std::string& message) {
  throw ApiError(400, code, message);
}

std::optional<std::string> query_param(const ApiRequest& request, const std::string& name) {
  auto it = request.params.find(name);
  if (it == request.params.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> query_list(const ApiRequest& request, const std::string& name) {
  std::vector<std::string> out;
  for (auto& [index, value] : indexed(request.params, name, ""))
    out.push_back(value);
  return out;
}

bool query_bool(const ApiRequest& request, const std::string& name, bool fallback) {
  auto value = query_param(request, name);
  if (!value) return fallback;
  if (*value == "true") return true;
  if (*value == "false") return false;
  ec2_error("InvalidParameterValue", "Value (" + *value + ") for parameter " + name +
                                         " is invalid. Expected: 'true' or 'false'.");
}

Tags query_tags(const ApiRequest& request, const std::string& resource_type) {
  Tags tags;
  for (auto& [index, type] : indexed(request.params, "TagSpecification", ".ResourceType")) {
    if (type != resource_type) continue;
    std::string spec = "TagSpecification." + std::to_string(index) + ".Tag";
    auto keys = indexed(request.params, spec, ".Key");
    auto values = indexed(request.params, spec, ".Value");
    for (auto& [tag_index, key] : keys) {
      tags.emplace_back(key, values.contains(tag_index) ? values.at(tag_index) : "");
    }
  }
  return tags;
}

void check_dry_run(const ApiRequest& request) {
  if (query_bool(request, "DryRun", false)) {
    throw ApiError(412, "DryRunOperation", "Request would have succeeded, but DryRun flag is set.");
  }
}

std::vector<Filter> query_filters(const ApiRequest& request) {
  std::vector<Filter> filters;
  for (auto& [index, name] : indexed(request.params, "Filter", ".Name")) {
    Filter filter{name, {}};
    for (auto& [value_index, value] :
         indexed(request.params, "Filter." + std::to_string(index) + ".Value", "")) {
      filter.values.push_back(value);
    }
    filters.push_back(std::move(filter));
  }
  return filters;
}

bool filter_value_matches(std::string_view pattern, std::string_view value) {
  // Iterative glob with backtracking to the last star.
  size_t p = 0, v = 0, star = std::string_view::npos, mark = 0;
  while (v < value.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == value[v])) {
      ++p;
      ++v;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = v;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*')
    ++p;
  return p == pattern.size();
}

Page paginate(const ApiRequest& request, const std::vector<std::string>& ids,
              const PageRules& rules) {
  Page page;
  size_t limit = ids.size();
  if (auto text = query_param(request, "MaxResults")) {
    long long value = 0;
    auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), value);
    if (error != std::errc() || end != text->data() + text->size()) {
      ec2_error("InvalidParameterValue",
                "Value (" + *text + ") for parameter maxResults is invalid. Expecting an integer.");
    }
    // "Value ( 1 ) for parameter maxResults is invalid. Expecting a value greater than 5."
    // (aws/aws-sdk-ruby#2575). The upper-bound wording is assumed to mirror it.
    if (value < rules.minimum) {
      ec2_error("InvalidParameterValue",
                "Value ( " + *text +
                    " ) for parameter maxResults is invalid. Expecting a value "
                    "greater than " +
                    std::to_string(rules.minimum) + ".");
    }
    if (value > rules.maximum && !rules.cap) {
      ec2_error("InvalidParameterValue",
                "Value ( " + *text +
                    " ) for parameter maxResults is invalid. Expecting a value "
                    "less than " +
                    std::to_string(rules.maximum) + ".");
    }
    limit = static_cast<size_t>(std::min<long long>(value, rules.maximum));
  }
  if (auto token = query_param(request, "NextToken")) {
    // "Value (  ) for parameter NextToken is invalid. The token is invalid." (boto/boto3#2673)
    std::string decoded = decode_hex(*token);
    std::string prefix = request.action + "|";
    if (!decoded.starts_with(prefix)) {
      ec2_error(
          "InvalidParameterValue",
          "Value ( " + *token + " ) for parameter NextToken is invalid. The token is invalid.");
    }
    std::string last = decoded.substr(prefix.size());
    page.first = static_cast<size_t>(std::upper_bound(ids.begin(), ids.end(), last) - ids.begin());
  }
  page.count = std::min(limit, ids.size() - page.first);
  if (page.first + page.count < ids.size()) {
    page.next_token = hex_encode(request.action + "|" + ids[page.first + page.count - 1]);
  }
  return page;
}

}  // namespace ssmlink::emulator
