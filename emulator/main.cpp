// ssmlink-emulator: a loopback AWS for tests and demos. Everything happens in
// run_emulator (startup.hpp) with every service (assembly.hpp).
#include <iostream>
#include <string>
#include <vector>

#include "emulator/assembly.hpp"

int main(int argc, char** argv) {
  using namespace ssmlink::emulator;
  return run_emulator(std::vector<std::string>(argv + 1, argv + argc), complete_emulator(),
                      std::cout, std::cerr);
}
