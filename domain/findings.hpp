// What doctor reports: one finding per check, with a stable ID, a severity, what was
// found (naming the resources), why it matters and the fix.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace ssmlink::domain {

// error blocks a session; warning, info and ok do not.
enum class Severity { Error, Warning, Info, Ok };
std::string_view severity_name(Severity severity);

struct Finding {
  std::string id;  // stable: vpc.dns-hostnames, endpoint.ssm, nacl.instance-subnet, ...
  Severity severity = Severity::Ok;
  std::string title;                   // one line: what was found
  std::string detail;                  // more of what was found, and why it matters
  std::vector<std::string> resources;  // vpc-, subnet-, sg-, acl-, rtb-, vpce-, i-
  std::string fix;  // a command or console step; empty when there is nothing to do
  // True when `ssmlink up` itself fixes it (creating the endpoints): such an error blocks a
  // session now, but not up's preflight.
  bool fixed_by_up = false;
};

bool any_error(const std::vector<Finding>& findings);
// Errors that creating the endpoints would not fix: up's preflight blocks on these.
bool any_blocking_after_up(const std::vector<Finding>& findings);

}  // namespace ssmlink::domain
