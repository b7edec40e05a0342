#include <unistd.h>

#include <iostream>

#include "cli/app.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  ssmlink::ProcessEnvironment env;
  return ssmlink::cli::run(args, std::cout, std::cerr, env, isatty(STDOUT_FILENO) == 1);
}
