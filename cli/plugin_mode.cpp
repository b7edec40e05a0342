#include "cli/plugin_mode.hpp"

#include <stdlib.h>
#include <unistd.h>

#include <charconv>
#include <cstring>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "aws/errors.hpp"
#include "aws/service.hpp"
#include "aws/session.hpp"
#include "cli/interrupt.hpp"
#include "cli/terminal.hpp"
#include "cloud/ssm.hpp"
#include "workflows/port_relay.hpp"
#include "workflows/session_channel.hpp"

namespace ssmlink::cli {

namespace {

constexpr const char* kResponseVariable = "AWS_SSM_START_SESSION_RESPONSE";
// The plugin version reported to the AWS CLI and to agents: the protocol ssmlink speaks is
// that of AWS's plugin 1.2.677.0, and the CLI passes the StartSession answer through the
// environment (not argv, where `ps` shows it) only to a plugin newer than 1.2.497.0.
constexpr const char* kPluginVersion = "1.2.677.0";

// JSON member names match case-insensitively (section 3.2).
std::optional<std::string> member(const nlohmann::json& object, const char* name) {
  if (!object.is_object()) return std::nullopt;
  for (const auto& [key, value] : object.items()) {
    if (strcasecmp(key.c_str(), name) == 0 && value.is_string()) return value.get<std::string>();
  }
  return std::nullopt;
}

bool is_port_document(const std::string& document) {
  return document.rfind("AWS-StartPortForwardingSession", 0) == 0;
}

struct PluginCall {
  cloud::SessionTicket ticket;
  std::string region;
  std::string profile;
  std::string target;
  std::string document;
  std::string endpoint_url;
  std::string local_port;  // the port document's localPortNumber ("" if none)
};

PluginCall read_call(const std::vector<std::string>& args, const Environment& env) {
  std::string response_text = args[0];
  if (response_text.rfind(kResponseVariable, 0) == 0) {
    response_text = env.get(kResponseVariable).value_or("");
    ::unsetenv(kResponseVariable);  // a live token has no business in the environment
  }
  nlohmann::json response = nlohmann::json::parse(response_text);
  PluginCall call;
  auto id = member(response, "SessionId");
  auto token = member(response, "TokenValue");
  auto url = member(response, "StreamUrl");
  if (!id || !token || !url)
    throw std::runtime_error("the StartSession response lacks SessionId, TokenValue or StreamUrl");
  call.ticket = {*id, *token, *url};
  call.region = args[1];
  if (args.size() > 3) call.profile = args[3];
  if (args.size() > 4 && !args[4].empty()) {
    nlohmann::json parameters = nlohmann::json::parse(args[4]);
    call.target = member(parameters, "Target").value_or("");
    call.document = member(parameters, "DocumentName").value_or("");
    for (const auto& [key, value] : parameters.items()) {
      if (strcasecmp(key.c_str(), "Parameters") != 0 || !value.is_object()) continue;
      auto local = value.find("localPortNumber");
      if (local != value.end() && local->is_array() && !local->empty() &&
          local->front().is_string())
        call.local_port = local->front().get<std::string>();
    }
  }
  if (args.size() > 5) call.endpoint_url = args[5];
  return call;
}

aws::Session plugin_session(const PluginCall& call, Environment& env) {
  aws::SessionOptions options;
  if (!call.profile.empty()) options.profile = call.profile;
  options.region = call.region;
  if (!call.endpoint_url.empty()) options.endpoint_url = call.endpoint_url;
  return aws::Session(std::move(options), env);
}

// AWS's plugin's lines for a port session (section 3.4), word for word.
class PluginPortLines final : public workflows::PortObserver {
 public:
  PluginPortLines(std::ostream& out, const std::string& session_id, uint16_t port)
      : out_(out), session_id_(session_id), port_(port) {}
  void on_listening(session::PortMode mode) override {
    mode_ = mode;
    out_ << "Port " << port_ << " opened for sessionId " << session_id_ << ".";
    out_ << (mode == session::PortMode::Multiplexed ? "\nWaiting for connections...\n" : "\n");
    out_ << std::flush;
  }
  void on_opened(const workflows::ConnectionOpened& /*opened*/) override {
    if (mode_ == session::PortMode::Multiplexed) {
      if (!accepted_) out_ << "\nConnection accepted for session [" << session_id_ << "]\n";
    } else {
      out_ << "Connection accepted for session " << session_id_ << ".\n";
    }
    accepted_ = true;
    out_ << std::flush;
  }
  void on_destination_error() override {
    out_ << "\nConnection to destination port failed, check SSM Agent logs.\n" << std::flush;
  }

 private:
  std::ostream& out_;
  std::string session_id_;
  uint16_t port_;
  session::PortMode mode_ = session::PortMode::Basic;
  bool accepted_ = false;
};

int run_port(const PluginCall& call, std::ostream& out, Environment& env) {
  unsigned port = 0;
  if (!call.local_port.empty()) {
    auto [end, error] = std::from_chars(call.local_port.data(),
                                        call.local_port.data() + call.local_port.size(), port);
    if (error != std::errc() || end != call.local_port.data() + call.local_port.size() ||
        port > 65535)
      throw std::runtime_error("localPortNumber " + call.local_port + " is not a port number");
  }
  workflows::TcpListener listener =
      workflows::TcpListener::open("127.0.0.1", static_cast<uint16_t>(port));
  aws::Session session = plugin_session(call, env);
  auto client = session.client(aws::ssm_service());
  cloud::Ssm ssm(client);
  InterruptGuard interrupt(true);
  PluginPortLines lines(out, call.ticket.session_id, listener.port());
  workflows::PortRelay relay(listener, lines);
  workflows::SessionIo io;
  io.peer = &relay;
  io.stop = interrupt.flag();
  io.stop_with_flag = true;
  workflows::ChannelSettings settings;
  settings.client_version = kPluginVersion;
  workflows::SessionResult result =
      workflows::run_session_channel(ssm, call.ticket, session.environment(), settings, io);
  relay.close_all("");
  if (result.end == workflows::SessionEnd::Stopped) out << "Terminate signal received, exiting.\n";
  if (result.message.empty() || result.end == workflows::SessionEnd::Stopped) {
    out << "\n\nExiting session with sessionId: " << call.ticket.session_id << ".\n\n";
  } else {
    out << "\n\nSessionId: " << call.ticket.session_id << " : " << result.message << "\n\n";
  }
  out << std::flush;
  return 0;
}

// AWS-StartSSHSession (section 10.2): stdin and stdout are the destination's byte stream,
// for SSH's ProxyCommand; the input's end ends the session.
int run_standard_stream(const PluginCall& call, std::ostream& out, Environment& env) {
  aws::Session session = plugin_session(call, env);
  auto client = session.client(aws::ssm_service());
  cloud::Ssm ssm(client);
  InterruptGuard interrupt(true);
  workflows::SessionIo io;
  io.write_out = [&out](std::string_view bytes) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
  };
  io.write_err = io.write_out;
  io.input_fd = STDIN_FILENO;
  io.end_with_input = true;
  io.stop = interrupt.flag();
  io.stop_with_flag = true;
  workflows::ChannelSettings settings;
  settings.client_version = kPluginVersion;
  workflows::run_session_channel(ssm, call.ticket, session.environment(), settings, io);
  return 0;
}

int run_shell(const PluginCall& call, std::ostream& out, Environment& env) {
  aws::Session session = plugin_session(call, env);
  auto client = session.client(aws::ssm_service());
  cloud::Ssm ssm(client);

  std::unique_ptr<RawTerminal> raw;
  workflows::SessionIo io;
  io.write_out = [&out](std::string_view bytes) {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
  };
  io.write_err = io.write_out;  // the plugin writes every payload to stdout (section 3.4)
  io.input_fd = STDIN_FILENO;
  io.end_input_with_eof_key = !isatty(STDIN_FILENO);
  io.terminal_size = remote_window_size;
  io.resized = &RawTerminal::resized();
  io.stop = &RawTerminal::terminated();
  io.started = [&](const session::SessionStarted& started) {
    if (!started.customer_message.empty()) out << started.customer_message << "\n" << std::flush;
    raw = std::make_unique<RawTerminal>(STDIN_FILENO);
  };
  workflows::ChannelSettings settings;
  settings.client_version = kPluginVersion;
  workflows::SessionResult result =
      workflows::run_session_channel(ssm, call.ticket, session.environment(), settings, io);
  raw.reset();
  if (result.end == workflows::SessionEnd::Closed && result.message.empty()) {
    out << "\n\nExiting session with sessionId: " << call.ticket.session_id << ".\n\n";
  } else {
    out << "\n\nSessionId: " << call.ticket.session_id << " : " << result.message << "\n\n";
  }
  out << std::flush;
  return 0;
}

}  // namespace

bool called_as_plugin(const char* argv0) {
  const char* slash = std::strrchr(argv0, '/');
  return std::strcmp(slash ? slash + 1 : argv0, "session-manager-plugin") == 0;
}

int run_as_plugin(const std::vector<std::string>& args, std::ostream& out, std::ostream& /*err*/,
                  Environment& env) {
  if (args.empty()) {
    out << "\nThe Session Manager plugin was installed successfully. Use the AWS CLI to start a "
           "session.\n\n";
    return 0;
  }
  if (args.size() == 1 && args[0] == "--version") {
    out << kPluginVersion << "\n";
    return 0;
  }
  if (args.size() < 3) {
    out << "\nUnknown operation " << args[0]
        << ". \nUse session-manager-plugin --version to check the version.\n\n";
    return 0;
  }
  if (args[2] != "StartSession") {
    out << "Invalid Operation";
    return 0;
  }
  try {
    PluginCall call = read_call(args, env);
    out << "\nStarting session with SessionId: " << call.ticket.session_id << "\n" << std::flush;
    if (is_port_document(call.document)) return run_port(call, out, env);
    if (call.document == "AWS-StartSSHSession") return run_standard_stream(call, out, env);
    return run_shell(call, out, env);
  } catch (const std::exception& error) {
    out << "Cannot perform start session: " << error.what() << "\n";
    return 0;
  }
}

}  // namespace ssmlink::cli
