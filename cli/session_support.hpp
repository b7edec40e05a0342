// What connect, exec and forward share on the command line: the target and temporary-access
// options, the up/down display around a session, and the session's exit codes.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "cli/render_down.hpp"
#include "cli/render_up.hpp"
#include "util/clock.hpp"
#include "workflows/connect.hpp"

namespace ssmlink::cli {

struct SessionOptions {
  std::optional<std::string> instance;
  std::optional<std::string> target;
  std::optional<std::string> document;
  std::vector<std::string> parameters;
  std::optional<std::string> reason;
  std::string ttl = "1h";
  bool keep = false;
  bool no_open = false;
  int online_timeout = 300;
};

// "k=v,k2=v2" (and repeated options): a part without "=" belongs to the value before it,
// so a value may hold commas ("command=echo a,b").
std::map<std::string, std::vector<std::string>> parse_parameters(
    const std::vector<std::string>& items);
// One shell word: quoted unless it is plainly safe.
std::string shell_quote(const std::string& word);

// --instance/--target; with `document`, --document and --parameters; --reason, --ttl,
// --keep, --no-up, --online-timeout.
void add_session_options(CLI::App& command, SessionOptions& o, bool interactive,
                         bool document = true);
workflows::ConnectRequest connect_request(const SessionOptions& o, const Context& context);

// The up/down display of the path, on the stream the command's own lines go to.
class SessionView : public workflows::ConnectObserver {
 public:
  SessionView(std::ostream& out, Clock& clock, const Context& context);

  workflows::UpObserver& up() override { return up_; }
  workflows::DownObserver& down() override { return down_; }
  UpView& up_view() { return up_; }
  DownView& down_view() { return down_; }

  void on_path_ready(const workflows::UpReport* report) override;
  void on_session(const std::string& session_id) override;
  // Before the cleanup's progress: connect puts the terminal back here, or `down`'s
  // display would be drawn on a raw terminal.
  void on_session_end(const workflows::SessionResult& result) override;
  std::function<void(const workflows::SessionResult&)> session_ended;
  bool show_session_line = true;

 protected:
  std::ostream& out_;

 private:
  UpView up_;
  DownView down_;
  bool quiet_;
};

workflows::SessionIo stream_io(const Context& context);
int refused(const workflows::SessionRefused& refusal, const Context& context);
// up ended without a path (blocked, failed, not Online, Ctrl-C): its own words say why and
// how to undo what it left (the exact ssmlink down command).
int path_not_opened(const workflows::ConnectReport& report, SessionView& view);
std::string ended_line(const workflows::SessionResult& result);
int session_failure(const workflows::SessionResult& result, const Context& context);

}  // namespace ssmlink::cli
