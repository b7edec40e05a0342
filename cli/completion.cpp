#include "cli/completion.hpp"

#include <algorithm>
#include <set>
#include <sstream>

#include "domain/partitions.hpp"
#include "domain/plan.hpp"
#include "domain/services.hpp"
#include "domain/template.hpp"
#include "util/version.hpp"

namespace ssmlink::cli {

namespace {

template <typename Range>
std::vector<std::string> words_of(const Range& range) {
  std::vector<std::string> words;
  for (const auto& word : range)
    words.emplace_back(word);
  return words;
}

std::vector<std::string> service_keys() {
  std::vector<std::string> keys;
  for (const auto& service : domain::service_catalogue())
    keys.emplace_back(service.key);
  return keys;
}

std::vector<std::string> region_names() {
  std::set<std::string> names;  // sorted, once each
  for (const auto& partition : domain::partitions())
    names.insert(partition.regions.begin(), partition.regions.end());
  return {names.begin(), names.end()};
}

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string text;
  for (const auto& word : words)
    text += (text.empty() ? "" : separator) + word;
  return text;
}

std::string all_names(const OptionDoc& option, const std::string& separator) {
  return joined(option.names, separator);
}

// Text inside single quotes, for any of the three shells.
std::string single_quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text)
    quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

// The options whose value is a comma-separated list (--services), once each by long name,
// with their items: each shell gets a function per list.
std::vector<std::pair<std::string, std::vector<std::string>>> list_options(
    const CommandLineDoc& doc) {
  std::vector<std::pair<std::string, std::vector<std::string>>> lists;
  std::vector<const CommandDoc*> commands{&doc.root};
  for (const auto& command : doc.commands)
    commands.push_back(&command);
  for (const CommandDoc* command : commands) {
    for (const auto& option : command->options) {
      ValueCompletion values = value_completion(option);
      bool seen = std::ranges::find(lists, option.long_name(),
                                    [](const auto& list) { return list.first; }) != lists.end();
      if (values.kind == ValueCompletion::Kind::List && !seen)
        lists.emplace_back(option.long_name(), values.words);
    }
  }
  return lists;
}

// The words a command's argument may be (completion's bash, zsh, fish); none when free.
std::vector<std::string> positional_choices(const CommandDoc& command) {
  for (const auto& option : command.options) {
    if (option.positional) return option.choices();
  }
  return {};
}

// ---- bash ----------------------------------------------------------------------------

std::string bash_values(const ValueCompletion& values) {
  using Kind = ValueCompletion::Kind;
  switch (values.kind) {
    case Kind::Words:
      return "_ssmlink_words " + single_quoted(joined(values.words, " ")) + " \"$cur\"";
    case Kind::List:
      return "_ssmlink_list " + single_quoted(joined(values.words, " ")) + " \"$cur\"";
    case Kind::Files:
      return "_ssmlink_files \"$cur\"";
    case Kind::Profiles:
      return "_ssmlink_words \"$(_ssmlink_profiles)\" \"$cur\"";
    case Kind::Nothing:
      break;
  }
  return "COMPREPLY=()";
}

std::string bash_script(const CommandLineDoc& doc) {
  std::ostringstream out;
  std::vector<std::string> command_names;
  for (const auto& command : doc.commands)
    command_names.push_back(command.name);

  out << "# bash completion for ssmlink " << kVersion
      << ", written by `ssmlink completion bash`.\n"
         "# Try it: source <(ssmlink completion bash). Keep it: write it to\n"
         "# ~/.local/share/bash-completion/completions/ssmlink (the package installs it).\n\n"
         "_ssmlink_words() {  # candidates, the word so far\n"
         "  local IFS=$' \\t\\n'\n"
         "  COMPREPLY=($(compgen -W \"$1\" -- \"$2\"))\n"
         "}\n"
         "_ssmlink_list() {  # comma-separated items: complete the last one\n"
         "  local prefix=\"\"\n"
         "  [[ $2 == *,* ]] && prefix=\"${2%,*},\"\n"
         "  COMPREPLY=($(compgen -P \"$prefix\" -W \"$1\" -- \"${2##*,}\"))\n"
         "  compopt -o nospace 2>/dev/null\n"
         "}\n"
         "_ssmlink_files() {\n"
         "  local IFS=$'\\n'\n"
         "  COMPREPLY=($(compgen -f -- \"$1\"))\n"
         "  compopt -o filenames 2>/dev/null\n"
         "}\n"
         "_ssmlink_profiles() {  # the binary being completed knows the AWS config files\n"
         "  local self=${COMP_WORDS[0]/#\\~/$HOME}\n"
         "  [[ $self == */* ]] || self=ssmlink\n"
         "  \"$self\" completion --profiles 2>/dev/null\n"
         "}\n\n"
         "_ssmlink() {\n"
         "  local cur=${COMP_WORDS[COMP_CWORD]} prev=\"\" command=\"\" i\n"
         "  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
         "  # --option=value: bash splits the word at '='.\n"
         "  if [[ $cur == = ]]; then\n"
         "    cur=\"\"\n"
         "  elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then\n"
         "    prev=${COMP_WORDS[COMP_CWORD-2]}\n"
         "  fi\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    case ${COMP_WORDS[i]} in\n"
         "      "
      << joined(command_names, "|")
      << ")\n"
         "        command=${COMP_WORDS[i]}\n"
         "        break ;;\n"
         "    esac\n"
         "  done\n"
         "  # After --, exec's words are the remote command's.\n"
         "  if [[ $command == exec ]]; then\n"
         "    for ((i++; i < COMP_CWORD; i++)); do\n"
         "      [[ ${COMP_WORDS[i]} == -- ]] && { COMPREPLY=(); return; }\n"
         "    done\n"
         "  fi\n\n"
         "  # The value of an option.\n"
         "  case \"$command:$prev\" in\n";
  // One arm per way of completing a value, listing every command:option it serves.
  std::vector<std::pair<std::string, std::vector<std::string>>> arms;
  auto value_cases = [&](const CommandDoc& command) {
    for (const auto& option : command.options) {
      if (option.is_flag() || option.positional) continue;
      std::string action = bash_values(value_completion(option));
      auto arm = std::ranges::find(arms, action, [](const auto& a) { return a.first; });
      if (arm == arms.end()) arm = arms.insert(arms.end(), {action, {}});
      for (const auto& name : option.names)
        arm->second.push_back(command.name + ":" + name);
    }
  };
  value_cases(doc.root);
  for (const auto& command : doc.commands)
    value_cases(command);
  for (const auto& [action, patterns] : arms) {
    out << "    " << joined(patterns, "|") << ")\n      " << action << "\n      return ;;\n";
  }
  out << "  esac\n\n"
         "  # An option or a command.\n"
         "  case $command in\n";
  auto option_words = [](const CommandDoc& command) {
    std::vector<std::string> names;
    for (const auto& option : command.options) {
      if (!option.positional) names.push_back(all_names(option, " "));
    }
    return joined(names, " ") + " --help";
  };
  out << "    \"\")\n"
         "      if [[ $cur == -* ]]; then\n"
         "        _ssmlink_words "
      << single_quoted(option_words(doc.root) + " --version")
      << " \"$cur\"\n"
         "      else\n"
         "        _ssmlink_words "
      << single_quoted(joined(command_names, " "))
      << " \"$cur\"\n"
         "      fi ;;\n";
  for (const auto& command : doc.commands) {
    std::vector<std::string> arguments = positional_choices(command);
    if (arguments.empty()) {
      out << "    " << command.name << ")\n      _ssmlink_words "
          << single_quoted(option_words(command)) << " \"$cur\" ;;\n";
      continue;
    }
    // completion bash|zsh|fish: the argument's words, options only after a '-'.
    out << "    " << command.name << ")\n      if [[ $cur == -* ]]; then\n        _ssmlink_words "
        << single_quoted(option_words(command)) << " \"$cur\"\n      else\n        _ssmlink_words "
        << single_quoted(joined(arguments, " ")) << " \"$cur\"\n      fi ;;\n";
  }
  out << "  esac\n"
         "}\n"
         "complete -F _ssmlink ssmlink\n";
  return out.str();
}

// ---- zsh -----------------------------------------------------------------------------

// An _arguments description: [ and ] and : are special there; ' ends the quoting.
std::string zsh_text(const std::string& text) {
  std::string escaped;
  for (char c : text) {
    if (c == '[' || c == ']' || c == ':' || c == '\\') escaped += '\\';
    escaped += c == '\'' ? std::string("'\\''") : std::string(1, c);
  }
  return escaped;
}

std::string zsh_values(const OptionDoc& option) {
  using Kind = ValueCompletion::Kind;
  ValueCompletion values = value_completion(option);
  std::string message = zsh_text(option.value_name.empty() ? "value" : option.value_name);
  switch (values.kind) {
    case Kind::Words:
      return ":" + message + ":(" + joined(values.words, " ") + ")";
    case Kind::List:
      return ":" + message + ":_ssmlink_list_" + option.long_name().substr(2);
    case Kind::Files:
      return ":" + message + ":_files";
    case Kind::Profiles:
      return ":" + message + ":_ssmlink_profiles";
    case Kind::Nothing:
      break;
  }
  return ":" + message + ": ";
}

std::string zsh_spec(const OptionDoc& option) {
  std::string help = zsh_text(option.help);
  std::string values = option.is_flag() ? "" : zsh_values(option);
  std::string equals = option.is_flag() ? "" : "=";
  if (option.names.size() == 1) {
    std::string repeat = option.repeatable ? "*" : "";
    return "'" + repeat + option.names[0] + equals + "[" + help + "]" + values + "'";
  }
  // -o and --output-file: one spec for each, each excluding the other.
  std::string exclusion = "(" + all_names(option, " ") + ")";
  return "'" + exclusion + "'{" + all_names(option, ",") + "}'" + equals + "[" + help + "]" +
         values + "'";
}

std::string zsh_arguments(const CommandDoc& command, const std::string& indent) {
  std::string text;
  for (const auto& option : command.options) {
    if (option.positional) {
      std::vector<std::string> choices = option.choices();
      text += " \\\n" + indent +
              (choices.empty()
                   ? "'*:" + zsh_text(option.names[0]) + ": '"
                   : "'1:" + zsh_text(option.names[0]) + ":(" + joined(choices, " ") + ")'");
      continue;
    }
    text += " \\\n" + indent + zsh_spec(option);
  }
  return text + " \\\n" + indent + "'(- *)'{-h,--help}'[print help]'";
}

std::string zsh_script(const CommandLineDoc& doc) {
  std::ostringstream out;
  out << "#compdef ssmlink\n"
         "# zsh completion for ssmlink "
      << kVersion
      << ", written by `ssmlink completion zsh`.\n"
         "# Try it: source <(ssmlink completion zsh). Keep it: write it as _ssmlink into a\n"
         "# directory on $fpath (the package installs it).\n\n"
         "_ssmlink_profiles() {\n"
         "  local -a profiles\n"
         "  profiles=(${(f)\"$(${~words[1]} completion --profiles 2>/dev/null)\"})\n"
         "  _wanted profiles expl 'AWS profile' compadd -a profiles\n"
         "}\n";
  for (const auto& [option_name, items] : list_options(doc)) {
    std::string name = option_name.substr(2);
    out << "_ssmlink_list_" << name << "() {\n  _values -s , " << single_quoted(name) << " "
        << joined(items, " ") << "\n}\n";
  }
  out << "\n_ssmlink() {\n"
         "  local curcontext=$curcontext state line ret=1\n"
         "  typeset -A opt_args\n"
         "  _arguments -C"
      << zsh_arguments(doc.root, "    ")
      << " \\\n    '(- *)--version[print the version]' \\\n"
         "    '1:command:->command' \\\n"
         "    '*::argument:->argument' && ret=0\n"
         "  case $state in\n"
         "    command)\n"
         "      local -a commands=(\n";
  for (const auto& command : doc.commands)
    out << "        " << single_quoted(command.name + ":" + command.summary) << "\n";
  out << "      )\n"
         "      _describe -t commands 'ssmlink command' commands && ret=0 ;;\n"
         "    argument)\n"
         "      curcontext=${curcontext%:*:*}:ssmlink-$words[1]:\n"
         "      case $words[1] in\n";
  for (const auto& command : doc.commands) {
    out << "        " << command.name << ")\n          _arguments"
        << zsh_arguments(command, "            ") << " && ret=0 ;;\n";
  }
  out << "      esac ;;\n"
         "  esac\n"
         "  return ret\n"
         "}\n\n"
         "if [[ $funcstack[1] == _ssmlink ]]; then\n"
         "  _ssmlink \"$@\"\n"
         "else\n"
         "  compdef _ssmlink ssmlink\n"
         "fi\n";
  return out.str();
}

// ---- fish ----------------------------------------------------------------------------

std::string fish_list_function(const std::string& option_name) {
  return "__ssmlink_" + option_name.substr(2);
}

std::string fish_values(const OptionDoc& option) {
  using Kind = ValueCompletion::Kind;
  ValueCompletion values = value_completion(option);
  switch (values.kind) {
    case Kind::Words:
      return " -x -a '" + joined(values.words, " ") + "'";
    case Kind::List:
      return " -x -a '(__fish_complete_list , " + fish_list_function(option.long_name()) + ")'";
    case Kind::Files:
      return " -r -F";
    case Kind::Profiles:
      return " -x -a '(__ssmlink_profiles)'";
    case Kind::Nothing:
      break;
  }
  return " -x";
}

// fish single quotes: only \\ and \' are special.
std::string fish_quoted(const std::string& text) {
  std::string quoted = "'";
  for (char c : text) {
    if (c == '\\' || c == '\'') quoted += '\\';
    quoted += c;
  }
  return quoted + "'";
}

void fish_options(std::ostream& out, const CommandDoc& command, const std::string& condition) {
  if (std::vector<std::string> arguments = positional_choices(command); !arguments.empty()) {
    out << "complete -c ssmlink -n " << condition << " -a '" << joined(arguments, " ") << "'\n";
  }
  for (const auto& option : command.options) {
    if (option.positional) continue;
    out << "complete -c ssmlink -n " << condition;
    for (const auto& name : option.names) {
      out << (name.starts_with("--") ? " -l " + name.substr(2) : " -s " + name.substr(1));
    }
    if (!option.is_flag()) out << fish_values(option);
    out << " -d " << fish_quoted(option.help) << "\n";
  }
}

std::string fish_script(const CommandLineDoc& doc) {
  std::ostringstream out;
  out << "# fish completion for ssmlink " << kVersion
      << ", written by `ssmlink completion fish`.\n"
         "# Try it: ssmlink completion fish | source. Keep it: write it to\n"
         "# ~/.config/fish/completions/ssmlink.fish (the package installs it).\n\n"
         "function __ssmlink_profiles\n"
         "    set -l self (commandline -opc)[1]\n"
         "    string match -q '*/*' -- $self; or set self ssmlink\n"
         "    $self completion --profiles 2>/dev/null\n"
         "end\n\n"
         "complete -c ssmlink -f\n";
  for (const auto& [option_name, items] : list_options(doc)) {
    out << "function " << fish_list_function(option_name) << "\n    printf '%s\\n' "
        << joined(items, " ") << "\nend\n";
  }
  for (const auto& command : doc.commands) {
    out << "complete -c ssmlink -n __fish_use_subcommand -a " << command.name << " -d "
        << fish_quoted(command.summary) << "\n";
  }
  out << "complete -c ssmlink -n __fish_use_subcommand -l version -d 'print the version'\n";
  fish_options(out, doc.root, "__fish_use_subcommand");
  for (const auto& command : doc.commands) {
    out << "\n";
    fish_options(out, command, single_quoted("__fish_seen_subcommand_from " + command.name));
  }
  return out.str();
}

}  // namespace

std::optional<Shell> parse_shell(std::string_view name) {
  if (name == "bash") return Shell::Bash;
  if (name == "zsh") return Shell::Zsh;
  if (name == "fish") return Shell::Fish;
  return std::nullopt;
}

ValueCompletion value_completion(const OptionDoc& option) {
  using Kind = ValueCompletion::Kind;
  const std::string& name = option.long_name();
  if (name == "--profile") return {Kind::Profiles, {}};
  if (name == "--region") return {Kind::Words, region_names()};
  if (name == "--services") return {Kind::List, service_keys()};
  if (name == "--egress") return {Kind::Words, words_of(domain::kEgressNames)};
  if (name == "--format") return {Kind::Words, words_of(domain::kTemplateFormatNames)};
  if (auto choices = option.choices(); !choices.empty()) return {Kind::Words, choices};
  if (name.ends_with("-file") || name == "--snapshot") return {Kind::Files, {}};
  return {};
}

std::string completion_script(const CommandLineDoc& doc, Shell shell) {
  switch (shell) {
    case Shell::Bash:
      return bash_script(doc);
    case Shell::Zsh:
      return zsh_script(doc);
    case Shell::Fish:
      return fish_script(doc);
  }
  return "";
}

}  // namespace ssmlink::cli
