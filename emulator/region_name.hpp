// Region names as AWS writes them, for checking scenarios and credential scopes.
#pragma once
#include <string_view>

namespace ssmlink::emulator {

// us-east-1, us-gov-west-1, cn-north-1, eusc-de-east-1, ...: lower-case words, then a number.
bool is_region_name(std::string_view name);

}  // namespace ssmlink::emulator
