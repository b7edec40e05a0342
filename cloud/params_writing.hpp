// Appending request values to QueryParams as the EC2 and query protocols flatten them.
// Values stay raw: the transport percent-encodes them.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "aws/client.hpp"

namespace ssmlink::cloud {

void add_optional(aws::QueryParams& params, const std::string& name,
                  const std::optional<std::string>& value);
void add_optional(aws::QueryParams& params, const std::string& name, std::optional<int> value);
// "true" or "false".
void add_optional(aws::QueryParams& params, const std::string& name, std::optional<bool> value);

// EC2 lists are always flattened, 1-based: VpcId.1, VpcId.2, ...
void add_ec2_list(aws::QueryParams& params, const std::string& name,
                  const std::vector<std::string>& values);
// Query-protocol lists: Capabilities.member.1, Capabilities.member.2, ...
void add_query_list(aws::QueryParams& params, const std::string& name,
                    const std::vector<std::string>& values);

}  // namespace ssmlink::cloud
