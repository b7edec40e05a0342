// The command line as plain data (commands, options, value names, help text, exit codes,
// examples), read from the same CLI11 tree that prints --help. The man pages and the
// shell completions are written from it, so none of the three can drift from the others.
#pragma once
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace ssmlink::cli {

struct OptionDoc {
  std::vector<std::string> names;  // "-o", "--output-file": short names first
  std::string value_name;          // "i-ID", "LIST", "{text,json}"; empty for a flag
  std::string default_value;       // "" when none is shown
  std::string help;
  std::string group;  // "Options" or "Global options"
  bool repeatable = false;
  bool positional = false;      // exec's "command", completion's "shell"
  bool takes_the_rest = false;  // a positional taking every word left (after --)
  bool required = false;

  bool is_flag() const { return value_name.empty() && !positional; }
  const std::string& long_name() const { return names.back(); }
  // {text,json} -> text, json; none for a free value.
  std::vector<std::string> choices() const;
};

struct CommandDoc {
  std::string name;                   // "up"; "" for ssmlink itself
  std::string summary;                // one line
  std::string notes;                  // prose after the options in --help, if any
  std::string exit_codes;             // "Exit codes: ..." as --help words it, or ""
  std::vector<std::string> examples;  // lines as in --help, without the indent
  std::vector<OptionDoc> options;     // --help's order; without -h,--help and --version
};

struct CommandLineDoc {
  CommandDoc root;
  std::vector<CommandDoc> commands;
};

CommandLineDoc describe(const CLI::App& app);

// Splits a --help footer into its notes, exit codes and examples.
void split_footer(const std::string& footer, CommandDoc& command);

}  // namespace ssmlink::cli
