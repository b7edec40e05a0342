// AWS managed policies with their real documents (data/iam/aws-managed-policies.json,
// compiled in): the same in every account, so the World does not copy them.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink::emulator {

struct AwsManagedPolicy {
  std::string name;  // AmazonSSMManagedInstanceCore
  std::string arn;   // arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore
  std::string path;  // "/" (the ARN's part between policy/ and the name)
  std::string id;    // ANPA..., derived from the ARN (stable)
  std::string default_version;
  std::string document;     // compact JSON
  std::string update_date;  // ISO 8601, as the data has it
};

const std::vector<AwsManagedPolicy>& aws_managed_policies();

// By name or ARN; null for one the emulator does not carry.
const AwsManagedPolicy* find_aws_managed_policy(std::string_view name_or_arn);

}  // namespace ssmlink::emulator
