// The SSM JSON 1.1 API of the emulator: DescribeInstanceInformation (what SSM knows of each
// agent, from the path judge and agent tracking) and GetDocument for the Session Manager
// preferences document SSM-SessionManagerRunShell.
#pragma once
#include "emulator/api.hpp"

namespace ssmlink::emulator {

// Adds table["ssm"]["DescribeInstanceInformation"], ["GetDocument"] and the service
// settings (service_settings.hpp).
void add_ssm_api(ApiTable& table);

}  // namespace ssmlink::emulator
