#include "cloud/params_writing.hpp"

namespace ssmlink::cloud {

void add_optional(aws::QueryParams& params, const std::string& name,
                  const std::optional<std::string>& value) {
  if (value) params.emplace_back(name, *value);
}

void add_optional(aws::QueryParams& params, const std::string& name, std::optional<int> value) {
  if (value) params.emplace_back(name, std::to_string(*value));
}

void add_optional(aws::QueryParams& params, const std::string& name, std::optional<bool> value) {
  if (value) params.emplace_back(name, *value ? "true" : "false");
}

void add_ec2_list(aws::QueryParams& params, const std::string& name,
                  const std::vector<std::string>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    params.emplace_back(name + "." + std::to_string(i + 1), values[i]);
  }
}

void add_query_list(aws::QueryParams& params, const std::string& name,
                    const std::vector<std::string>& values) {
  add_ec2_list(params, name + ".member", values);
}

}  // namespace ssmlink::cloud
