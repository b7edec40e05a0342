// up, down and status --stackset: their options and running them.
#pragma once
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "cli/context.hpp"
#include "cli/org_options.hpp"

namespace ssmlink::cli {

struct StackSetOptions {
  bool stackset = false;
  std::string name = "ssmlink-endpoints";
  std::string failure_tolerance = "0";
  std::string max_concurrent = "1";
  std::string region_concurrency = "sequential";
  std::optional<std::string> snapshot_dir;
  OrgOptions org;  // up: which accounts and regions, and the role to read them
};

enum class StackSetVerb { Up, Down, Status };

void add_stackset_options(CLI::App& command, StackSetOptions& options, StackSetVerb verb);

// Exit 0 when every target is deployed (or was), 1 when one failed or was cancelled, 130
// on Ctrl-C.
int run_stackset_up(Context& context, const StackSetOptions& options,
                    const std::optional<std::string>& ttl);
// Exit 0 deleted (or nothing to delete, or not expired with --expired), 1 when an
// instance could not be deleted (the StackSet stays), 130 on Ctrl-C.
int run_stackset_down(Context& context, const StackSetOptions& options, bool expired_only);
// Exit 0 when the StackSet exists, 1 when it does not.
int run_stackset_status(Context& context, const StackSetOptions& options);

}  // namespace ssmlink::cli
