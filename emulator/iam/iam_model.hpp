// IAM as the emulator keeps it: global to the account (not per region), so it lives in the
// World beside the regions. Policy documents are kept as the JSON text they were given in
// (IAM returns what was put, URL-encoded); AWS managed policies are not stored here but
// compiled in (managed_policies.hpp), as they are the same in every account.
#pragma once
#include <chrono>
#include <map>
#include <string>
#include <vector>

namespace ssmlink::emulator {

struct IamRole {
  std::string name;
  std::string path = "/";  // "/service-role/": the ARN is role/service-role/NAME
  std::string arn;
  std::string id;                                      // AROA...
  std::string trust_policy;                            // AssumeRolePolicyDocument
  std::vector<std::string> attached_policy_arns;       // in the order they were attached
  std::map<std::string, std::string> inline_policies;  // name -> document
  std::string permissions_boundary_arn;                // empty: none
  std::string description;
  std::chrono::system_clock::time_point created;
};

struct IamPolicyVersion {
  std::string id;  // v1, v2, ...
  std::string document;
  std::chrono::system_clock::time_point created;
};

// A customer managed policy.
struct IamPolicy {
  std::string name;
  std::string path = "/";
  std::string arn;  // arn:aws:iam::ACCOUNT:policy/PATHNAME
  std::string id;   // ANPA...
  std::string description;
  std::vector<IamPolicyVersion> versions;
  std::string default_version = "v1";
  std::chrono::system_clock::time_point created;
};

struct IamInstanceProfile {
  std::string name;
  std::string path = "/";
  std::string arn;
  std::string id;                  // AIPA...
  std::vector<std::string> roles;  // role names; IAM allows at most one
  std::chrono::system_clock::time_point created;
};

struct Iam {
  std::map<std::string, IamRole> roles;                         // by name
  std::map<std::string, IamPolicy> policies;                    // by ARN (customer managed)
  std::map<std::string, IamInstanceProfile> instance_profiles;  // by name
};

}  // namespace ssmlink::emulator
