#include "domain/failure_hints.hpp"

#include <regex>

namespace ssmlink::domain {

namespace {

std::string first_match(std::string_view text, const std::regex& pattern) {
  std::cmatch match;
  if (std::regex_search(text.begin(), text.end(), match, pattern)) return match[1].str();
  return "";
}

}  // namespace

std::optional<FailureHint> hint_for_failure(std::string_view reason, std::string_view region) {
  static const std::regex vpc_id(R"((vpc-[0-9a-f]{8,17}))");
  std::string vpc = first_match(reason, vpc_id);
  std::string vpc_or = vpc.empty() ? "<vpc-id>" : vpc;
  if (reason.find("Enabling private DNS requires both enableDnsSupport and enableDnsHostnames") !=
      std::string_view::npos) {
    return FailureHint{
        "Private DNS for an endpoint needs both DNS attributes of the VPC turned on.",
        "aws ec2 modify-vpc-attribute --vpc-id " + vpc_or +
            " --enable-dns-hostnames \"{\\\"Value\\\":true}\"\n"
            "aws ec2 modify-vpc-attribute --vpc-id " +
            vpc_or + " --enable-dns-support \"{\\\"Value\\\":true}\""};
  }
  if (reason.find("conflicting DNS domain") != std::string_view::npos) {
    static const std::regex domain_name(R"(DNS domain for ([a-z0-9.-]+))");
    std::string name = first_match(reason, domain_name);
    return FailureHint{
        "Something in " + vpc_or + " already answers for " + (name.empty() ? "that name" : name) +
            ": another endpoint with private DNS (up reuses the ones it can see, so it may belong "
            "to a shared VPC or another account) or a Route 53 private hosted zone.",
        "ssmlink doctor --vpc " + vpc_or +
            "   (lists the endpoints); remove the conflicting one or its private hosted zone"};
  }
  if (reason.find("does not support the availability zone") != std::string_view::npos) {
    return FailureHint{"The endpoint service is not offered in that subnet's Availability Zone.",
                       "ssmlink doctor shows the zones it is offered in; give --subnet a subnet "
                       "in one of them"};
  }
  if (reason.find("not authorized") != std::string_view::npos ||
      reason.find("UnauthorizedOperation") != std::string_view::npos ||
      reason.find("AccessDenied") != std::string_view::npos) {
    return FailureHint{
        "The caller (or the stack's role) lacks an IAM permission.",
        "allow ec2:CreateSecurityGroup, ec2:AuthorizeSecurityGroupIngress, "
        "ec2:AuthorizeSecurityGroupEgress, ec2:CreateVpcEndpoint, ec2:CreateTags and "
        "the matching Delete/Revoke/Describe actions; ssmlink whoami shows the caller"};
  }
  if (reason.find("does not exist") != std::string_view::npos ||
      reason.find("NotFound") != std::string_view::npos) {
    return FailureHint{"An ID in the request does not exist in " + std::string(region) + ".",
                       "check --vpc, --subnet, --instance-sg and --region (ssmlink doctor "
                       "--instance i-... finds them from the instance)"};
  }
  if (reason.find("has a dependent object") != std::string_view::npos ||
      reason.find("has dependencies and cannot be deleted") != std::string_view::npos) {
    static const std::regex group_id(R"((sg-[0-9a-f]{8,17}))");
    std::string group = first_match(reason, group_id);
    std::string group_or = group.empty() ? "<sg-id>" : group;
    return FailureHint{
        "Something outside the stack still uses " + group_or +
            ": an endpoint, an instance or another group's rule. CloudFormation deleted the "
            "rest and kept the stack.",
        "aws ec2 describe-network-interfaces --filters Name=group-id,Values=" + group_or +
            "   (who uses it); detach or delete that, then run the same ssmlink down again"};
  }
  return std::nullopt;
}

std::string essential_reason(std::string_view reason) {
  constexpr std::string_view prefix = "Resource handler returned message: \"";
  if (!reason.starts_with(prefix)) return std::string(reason);
  std::string_view message = reason.substr(prefix.size());
  size_t end = message.find(" (Service: ");
  if (end == std::string_view::npos) end = message.rfind('"');
  if (end == std::string_view::npos || end == 0) return std::string(reason);
  return std::string(message.substr(0, end));
}

}  // namespace ssmlink::domain
