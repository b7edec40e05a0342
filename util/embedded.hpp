// Data files compiled into the binary (see ssmlink_embed_json in CMakeLists.txt).
#pragma once
#include <string_view>

namespace ssmlink::embedded {
extern const std::string_view pricing;     // data/pricing.json
extern const std::string_view partitions;  // data/partitions.json (botocore)
// data/iam/aws-managed-policies.json (moto): the emulator's AWS managed IAM policies
extern const std::string_view aws_managed_policies;
}  // namespace ssmlink::embedded
