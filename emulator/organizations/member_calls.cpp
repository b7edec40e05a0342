#include "emulator/organizations/member_calls.hpp"

#include "emulator/faults.hpp"
#include "emulator/organizations/member_accounts.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator {

World& caller_world(World& root, const std::string& caller_arn, TimePoint now) {
  std::vector<std::string> fields = split(caller_arn, ':');
  if (fields.size() < 5 || fields[4] == root.account_id) return root;
  World* member = member_world(root, fields[4], now);
  return member ? *member : root;
}

std::optional<ErrorReply> member_refusal(const ServiceInfo& service, World& member,
                                         const ApiRequest& request, const std::string& caller_arn) {
  if (!member.home) return std::nullopt;
  std::string name(service.name);
  if (!member.region_enabled(request.region)) {
    // What AWS answers for a region the account has not enabled: EC2 cannot validate the
    // credentials there, and JSON services do not know the token.
    if (name == "ec2") {
      return make_error(401, "AuthFailure",
                        "AWS was not able to validate the provided access credentials");
    }
    if (name == "ssm") {
      return make_error(400, "UnrecognizedClientException",
                        "The security token included in the request is invalid.");
    }
    if (name == "cloudformation") {
      return make_error(403, "InvalidClientTokenId",
                        "The security token included in the request is invalid.");
    }
  }
  if (member.throttle_rate > 0) {
    double draw = std::uniform_real_distribution<double>(0, 1)(member.throttle_random);
    if (draw < member.throttle_rate)
      return fault_error(service, Fault::throttle, request.action, caller_arn);
  }
  return std::nullopt;
}

}  // namespace ssmlink::emulator
