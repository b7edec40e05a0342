// What ssmlink writes on its stacks, and reads back: ownership, version, expiry, and
// what the stack is for (VPC, subnets, services, instance), so that status and down work
// from the stack alone.
#pragma once
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/result.hpp"
#include "domain/services.hpp"
#include "domain/tags.hpp"

namespace ssmlink::domain {

inline constexpr std::string_view kVpcTag = "ssmlink:vpc";
inline constexpr std::string_view kSubnetsTag = "ssmlink:subnets";
inline constexpr std::string_view kServicesTag = "ssmlink:services";
inline constexpr std::string_view kInstanceTag = "ssmlink:instance";
// On a StackSet and so on every stack it makes: those stacks are the StackSet's to delete.
inline constexpr std::string_view kStackSetTag = "ssmlink:stackset";

struct StackPurpose {
  std::string vpc_id;
  std::vector<std::string> subnet_ids;
  std::vector<Service> services;  // the ones this stack created
  std::optional<std::string> instance_id;
  std::optional<std::chrono::system_clock::time_point> expires_at;
  std::optional<std::string> stack_set;  // the StackSet's name, on its stacks
};

// Ownership, version, purpose and expiry, then the user's tags.
std::vector<Tag> stack_tags(const StackPurpose& purpose, std::string_view version,
                            const std::vector<Tag>& user_tags);

bool is_managed(const std::vector<Tag>& tags);
// Missing or malformed ssmlink tags read as empty values, never as an error: a stack
// edited by hand still lists.
StackPurpose read_purpose(const std::vector<Tag>& tags);

// "ssmlink-" and the VPC ID.
std::string default_stack_name(std::string_view vpc_id);
// CloudFormation's rule: a letter, then letters, digits and hyphens, at most 128.
Result<std::string> parse_stack_name(std::string_view text);

// "90m", "2h", "1d", "1h30m": at least a minute, at most 30 days.
Result<std::chrono::seconds> parse_ttl(std::string_view text);

}  // namespace ssmlink::domain
