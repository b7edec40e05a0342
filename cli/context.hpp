// What every command gets: the streams, the environment and the global options.
#pragma once
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "util/environment.hpp"
#include "workflows/patience.hpp"

namespace CLI {
class App;
}

namespace ssmlink::cli {

enum class OutputFormat { Text, Json };

struct GlobalOptions {
  std::optional<std::string> profile;
  std::optional<std::string> region;
  std::optional<std::string> endpoint_url;
  std::string output = "text";
  bool no_color = false;
  bool quiet = false;
  bool debug = false;
  int api_timeout_seconds = static_cast<int>(workflows::kDefaultApiTimeout.count());

  OutputFormat format() const { return output == "json" ? OutputFormat::Json : OutputFormat::Text; }
};

struct Context {
  std::ostream& out;
  std::ostream& err;
  const Environment& env;
  bool out_is_terminal = false;
  GlobalOptions global;

  // Colour only on a terminal, never with NO_COLOR or --no-color (UX.md).
  bool color() const { return out_is_terminal && !global.no_color && !env.get("NO_COLOR"); }
};

// A command registers its subcommand and options and returns the code that runs once
// the command line has parsed; that code returns the exit code.
using Action = std::function<int()>;

void add_global_options(CLI::App& app, GlobalOptions& options);

}  // namespace ssmlink::cli
