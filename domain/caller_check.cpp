#include "domain/caller_check.hpp"

#include <string>

#include "util/strings.hpp"

namespace ssmlink::domain {

void check_caller(const CallerCheck& caller, bool keep_ok, std::vector<Finding>& findings) {
  if (caller.error) {
    findings.push_back({"caller.permission",
                        Severity::Warning,
                        "the caller's permissions could not be simulated",
                        *caller.error,
                        {caller.principal_arn},
                        "allow iam:SimulatePrincipalPolicy to the caller, or check by hand"});
    return;
  }
  size_t missing = 0;
  for (const auto& permission : caller.permissions) {
    if (permission.decision == "allowed") continue;
    ++missing;
    std::string by = permission.denying_policies.empty()
                         ? ": no policy allows it"
                         : ": denied by " + join(permission.denying_policies, ", ");
    findings.push_back(
        {"caller.permission",
         Severity::Error,
         "you may not call " + permission.action +
             (permission.resource == "*" ? "" : " on " + permission.resource) + by,
         "ssmlink up, down and connect need it (simulated for " + caller.principal_arn + ").",
         {caller.principal_arn},
         "allow " + permission.action + " to " + caller.principal_arn});
  }
  if (missing == 0 && keep_ok) {
    findings.push_back({"caller.permission",
                        Severity::Ok,
                        "you may make every call up, down and connect need",
                        std::to_string(caller.permissions.size()) + " actions simulated for " +
                            caller.principal_arn + ".",
                        {caller.principal_arn},
                        ""});
  }
}

}  // namespace ssmlink::domain
