#include "cli/command_docs.hpp"

#include <CLI/CLI.hpp>
#include <sstream>

#include "util/strings.hpp"

namespace ssmlink::cli {

namespace {

// CLI11 adds the validators' words to the type name: "TEXT:{text,json}", "TEXT:i-ID",
// "INT:INT in [1 - 86400]". What a reader wants is the part after the type.
std::string value_name_of(const CLI::Option& option) {
  std::string type = option.get_type_name();
  auto colon = type.find(':');
  return colon == std::string::npos ? type : type.substr(colon + 1);
}

OptionDoc describe(const CLI::Option& option) {
  OptionDoc doc;
  for (const auto& name : option.get_snames())
    doc.names.push_back("-" + name);
  for (const auto& name : option.get_lnames())
    doc.names.push_back("--" + name);
  doc.positional = doc.names.empty();
  if (doc.positional) doc.names.push_back(option.get_name());
  doc.takes_the_rest = doc.positional && option.get_items_expected_max() > 1;
  if (option.get_type_size() != 0) doc.value_name = value_name_of(option);
  doc.default_value = option.get_default_str();
  doc.help = option.get_description();
  doc.group = option.get_group();
  doc.required = option.get_required();
  doc.repeatable =
      option.get_multi_option_policy() == CLI::MultiOptionPolicy::TakeAll && !doc.positional;
  // The help text says "(repeatable)" already (cli/options.cpp add_repeatable).
  return doc;
}

CommandDoc describe_command(const CLI::App& app, const std::string& name) {
  CommandDoc command;
  command.name = name;
  command.summary = app.get_description();
  split_footer(app.get_footer(), command);
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_group().empty()) continue;  // hidden
    std::string long_name = option->get_lnames().empty() ? "" : option->get_lnames().front();
    if (long_name == "help" || long_name == "version") continue;
    command.options.push_back(describe(*option));
  }
  return command;
}

}  // namespace

std::vector<std::string> OptionDoc::choices() const {
  if (value_name.size() < 2 || value_name.front() != '{' || value_name.back() != '}') return {};
  return split(value_name.substr(1, value_name.size() - 2), ',');
}

void split_footer(const std::string& footer, CommandDoc& command) {
  enum class Part { Notes, ExitCodes, Examples } part = Part::Notes;
  std::istringstream lines(footer);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("Exit codes:")) part = Part::ExitCodes;
    if (line == "Examples:") {
      part = Part::Examples;
      continue;
    }
    if (line.starts_with("Run 'ssmlink <command> --help'")) continue;  // true of --help only
    switch (part) {
      case Part::Notes:
        command.notes += line + "\n";
        break;
      case Part::ExitCodes:
        command.exit_codes += line + "\n";
        break;
      case Part::Examples:
        command.examples.push_back(line.starts_with("  ") ? line.substr(2) : line);
        break;
    }
  }
}

CommandLineDoc describe(const CLI::App& app) {
  CommandLineDoc doc;
  doc.root = describe_command(app, "");
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (command->get_group().empty()) continue;  // hidden
    doc.commands.push_back(describe_command(*command, command->get_name()));
  }
  return doc;
}

}  // namespace ssmlink::cli
