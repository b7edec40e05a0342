// The emulator with every service in it: EC2 and SSM (the world part), CloudFormation
// (its engine and API) and STS. main.cpp and in-process users (ssmlink demo, the tests)
// start from here.
#pragma once
#include "emulator/startup.hpp"

namespace ssmlink::emulator {

// Scenario loading, the state dump and every service. A scenario load or reset also
// forgets the CloudFormation engine's stacks, so the world starts over as a whole.
EmulatorParts complete_emulator();

}  // namespace ssmlink::emulator
