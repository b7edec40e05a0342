// The man pages, ssmlink(1) and ssmlink-<command>(1), in roff with man(7) macros, written
// from the command line's own description (cli/command_docs.hpp) so they say what --help
// says. The build writes them (cli/docgen/); the package installs them.
#pragma once
#include <string>
#include <vector>

#include "cli/command_docs.hpp"

namespace ssmlink::cli {

struct ManPage {
  std::string file_name;  // "ssmlink-up.1"
  std::string text;
};

struct EnvironmentVariable {
  std::string name;
  std::string meaning;
};
// Every variable ssmlink reads, as ENVIRONMENT lists it.
const std::vector<EnvironmentVariable>& environment_variables();

// date: the source's date (the commit's), "" when unknown.
std::vector<ManPage> man_pages(const CommandLineDoc& doc, const std::string& date);

// ssmlink-emulator(1), from the emulator's own --help text (emulator::usage()): its
// paragraphs are the usage line, the description, "options:", then "admin API ...",
// "exit status: ..." and "examples:".
ManPage emulator_man_page(const std::string& usage, const std::string& date);

}  // namespace ssmlink::cli
