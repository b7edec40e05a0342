// STS, typed: who the caller is, and role credentials. The requests are aws/'s own
// (aws/sts_credentials.hpp), so credential providers and ssmlink speak of roles alike.
#pragma once
#include <optional>
#include <string>

#include "aws/client.hpp"
#include "aws/credentials.hpp"
#include "aws/sts_credentials.hpp"
#include "cloud/calls.hpp"

namespace ssmlink::cloud {

struct CallerIdentity {
  std::string account;
  std::string arn;
  std::string user_id;
};

struct AssumedRoleUser {
  std::string assumed_role_id;  // AROA...:session-name
  std::string arn;              // arn:aws:sts::123456789012:assumed-role/name/session-name
};

// AssumeRole and AssumeRoleWithWebIdentity answer alike; the last three members come
// only with a web identity.
struct AssumedRole {
  aws::Credentials credentials;  // with session token and expiration
  std::optional<AssumedRoleUser> assumed_role_user;
  std::optional<int> packed_policy_size;
  std::optional<std::string> source_identity;
  std::optional<std::string> subject_from_web_identity_token;
  std::optional<std::string> provider;
  std::optional<std::string> audience;
};

class Sts {
 public:
  explicit Sts(aws::AwsClient& client) : Sts(query_call(client)) {}
  explicit Sts(QueryCall call);

  CallerIdentity get_caller_identity();
  AssumedRole assume_role(const aws::AssumeRoleRequest& request);
  // AWS requires this call unsigned: give it a client without credentials.
  AssumedRole assume_role_with_web_identity(const aws::WebIdentityRequest& request);

 private:
  QueryCall call_;
};

}  // namespace ssmlink::cloud
