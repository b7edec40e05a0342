#include <CLI/CLI.hpp>
#include <memory>
#include <ostream>

#include "aws/shared_config.hpp"
#include "cli/command_docs.hpp"
#include "cli/commands.hpp"
#include "cli/completion.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::cli {

Action register_completion(CLI::App& app, Context& context) {
  struct Options {
    std::string shell;
    bool profiles = false;
  };
  auto options = std::make_shared<Options>();
  CLI::App* command =
      app.add_subcommand("completion", "print the shell completion script for bash, zsh or fish");
  command->add_option("shell", options->shell, "bash, zsh or fish")
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  // Asked by the scripts while completing --profile: one name per line, from the same
  // files (and AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE) the commands read.
  command->add_flag("--profiles", options->profiles, "list the AWS profiles")->group("");
  command->footer(R"(Exit codes: 0 printed, 2 no or unknown shell, or a malformed AWS config file
(--profiles).
Examples:
  source <(ssmlink completion bash)
      for this shell; the package installs the scripts where each shell looks
  ssmlink completion bash > ~/.local/share/bash-completion/completions/ssmlink
  ssmlink completion zsh > "${fpath[1]}/_ssmlink"
  ssmlink completion fish > ~/.config/fish/completions/ssmlink.fish)");

  const CLI::App* root = &app;
  return [&context, options, root]() {
    if (options->profiles) {
      for (const auto& name : aws::SharedConfig::load(context.env).profile_names())
        context.out << name << "\n";
      return 0;
    }
    auto shell = parse_shell(options->shell);
    if (!shell) throw workflows::UsageError("say which shell: ssmlink completion bash|zsh|fish");
    context.out << completion_script(describe(*root), *shell);
    return 0;
  };
}

}  // namespace ssmlink::cli
