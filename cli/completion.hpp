// Shell completion scripts for bash, zsh and fish, written from the command line's own
// description (cli/command_docs.hpp): commands, options, and the values an option takes.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "cli/command_docs.hpp"

namespace ssmlink::cli {

enum class Shell { Bash, Zsh, Fish };
std::optional<Shell> parse_shell(std::string_view name);

// What a shell may offer as an option's value.
struct ValueCompletion {
  enum class Kind {
    Nothing,   // a free value (an ID, a number): offer nothing rather than file names
    Words,     // one of `words`
    List,      // comma-separated items of `words` (--services)
    Files,     // a file name
    Profiles,  // the AWS profiles, asked of `ssmlink completion --profiles` when completing
  } kind = Kind::Nothing;
  std::vector<std::string> words;
};
ValueCompletion value_completion(const OptionDoc& option);

std::string completion_script(const CommandLineDoc& doc, Shell shell);

}  // namespace ssmlink::cli
