#include <unistd.h>

#include <iostream>

#include "cli/app.hpp"
#include "cli/plugin_mode.hpp"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  ssmlink::ProcessEnvironment env;
  if (argc > 0 && ssmlink::cli::called_as_plugin(argv[0]))
    return ssmlink::cli::run_as_plugin(args, std::cout, std::cerr, env);
  return ssmlink::cli::run(args, std::cout, std::cerr, env, isatty(STDOUT_FILENO) == 1);
}
