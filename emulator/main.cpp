// ssmlink-emulator: a loopback AWS for tests and demos. Everything happens in
// run_emulator (startup.hpp); this file plugs in the parts.
#include <iostream>
#include <string>
#include <vector>

#include "emulator/startup.hpp"

int main(int argc, char** argv) {
  using namespace ssmlink::emulator;
  EmulatorParts parts;
  parts.load_scenario_file = load_scenario_file;
  parts.load_scenario = load_scenario;
  return run_emulator(std::vector<std::string>(argv + 1, argv + argc), parts, std::cout, std::cerr);
}
