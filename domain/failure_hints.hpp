// What a CloudFormation failure reason means and how to fix it, for the failures an
// endpoint stack meets (aws-facts.md section 3).
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace ssmlink::domain {

struct FailureHint {
  std::string explanation;
  std::string fix;  // a command or step; may be several lines
};

// None for a reason ssmlink does not recognise (the reason itself is shown anyway).
std::optional<FailureHint> hint_for_failure(std::string_view reason, std::string_view region);

// AWS's own message inside a resource handler's reason, without the request IDs around
// it: 'Resource handler returned message: "X (Service: Ec2, ...)" (RequestToken: ...)'
// gives "X". Any other reason comes back as it is.
std::string essential_reason(std::string_view reason);

}  // namespace ssmlink::domain
