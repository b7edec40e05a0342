// doctor --check-caller: what iam:SimulatePrincipalPolicy said of the caller, as findings.
#pragma once
#include <vector>

#include "domain/findings.hpp"
#include "domain/inventory.hpp"

namespace ssmlink::domain {

// caller.permission: one error per action the caller may not call, a warning when the
// simulation could not be made, else (with keep_ok) one ok finding.
void check_caller(const CallerCheck& caller, bool keep_ok, std::vector<Finding>& findings);

}  // namespace ssmlink::domain
