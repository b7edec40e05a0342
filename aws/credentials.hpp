// Credentials and where they come from. The chain (credential_chain.hpp) picks the
// first source that has them, in the AWS CLI's order.
#pragma once
#include <optional>
#include <string>

#include "util/clock.hpp"

namespace ssmlink::aws {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;                   // empty for long-term keys
  std::optional<Clock::TimePoint> expiration;  // none for long-term keys
};

class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  // Current credentials, refreshed before they expire. Throws CredentialsError (or
  // ConfigError) naming the source and the fix.
  virtual Credentials get() = 0;
  // Where the credentials come from, for people: "environment",
  // "profile dev via sso", "instance metadata", ...
  virtual std::string source() const = 0;
};

}  // namespace ssmlink::aws
