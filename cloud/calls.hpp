// How the service classes reach AWS: an AwsClient in production, canned responses in
// tests. AwsClient is a concrete class, so the seam is a function.
#pragma once
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/client.hpp"

namespace ssmlink::cloud {

// EC2 and query protocols: the action and its parameters in, the parsed response out.
using QueryCall =
    std::function<aws::XmlResponse(const std::string& action, const aws::QueryParams& params)>;
// JSON 1.1: the operation and its input document in, the output document out.
using JsonCall =
    std::function<nlohmann::json(const std::string& operation, const nlohmann::json& input)>;

// Calls through `client`, which must outlive the returned function. (Inline, so that
// code which never calls AWS, such as the tests, does not need AwsClient's definition.)
inline QueryCall query_call(aws::AwsClient& client) {
  return [&client](const std::string& action, const aws::QueryParams& params) {
    return client.query(action, params);
  };
}

inline JsonCall json_call(aws::AwsClient& client) {
  return [&client](const std::string& operation, const nlohmann::json& input) {
    return client.json(operation, input);
  };
}

}  // namespace ssmlink::cloud
