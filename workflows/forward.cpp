#include "workflows/forward.hpp"

#include <charconv>
#include <memory>
#include <thread>

#include "aws/errors.hpp"
#include "aws/service.hpp"

namespace ssmlink::workflows {

namespace {

std::optional<uint16_t> port_number(std::string_view text, int lowest) {
  unsigned value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
      value < static_cast<unsigned>(lowest) || value > 65535)
    return std::nullopt;
  return static_cast<uint16_t>(value);
}

// One forward's session: its events go to the command's observer with the forward named.
class ForwardEvents final : public PortObserver {
 public:
  ForwardEvents(ForwardObserver& observer, ForwardSession& forward)
      : observer_(observer), forward_(forward) {}
  void on_listening(session::PortMode mode) override { observer_.on_listening(forward_, mode); }
  void on_opened(const ConnectionOpened& opened) override { observer_.on_opened(forward_, opened); }
  void on_closed(const ConnectionClosed& closed) override { observer_.on_closed(forward_, closed); }
  void on_refused(const std::string& peer, const std::string& why) override {
    observer_.on_refused(forward_, peer, why);
  }

 private:
  ForwardObserver& observer_;
  ForwardSession& forward_;
};

void run_one(aws::Session& session, aws::AwsClient& client, const ForwardRequest& request,
             const cloud::SessionTicket& ticket, TcpListener& listener, ForwardSession& forward,
             ForwardObserver& observer) {
  cloud::Ssm ssm(client);
  ForwardEvents events(observer, forward);
  PortRelay relay(listener, events);
  SessionIo io;
  io.peer = &relay;
  io.stop = request.stop;
  io.stop_with_flag = true;
  io.notice = [&](const std::string& line) { observer.on_notice(forward, line); };
  try {
    forward.result =
        run_session_channel(ssm, ticket, session.environment(), request.access.channel, io);
    relay.close_all(forward.result->end == SessionEnd::Stopped ? "" : "the session ended");
  } catch (const std::exception& error) {
    forward.error = error.what();
    relay.close_all("the session ended");
  }
  observer.on_forward_end(forward);
}

}  // namespace

Result<ForwardSpec> parse_forward(const std::string& text) {
  auto bad = [&](const std::string& why) {
    return fail("--forward " + text + ": " + why +
                " (expected LOCAL:HOST:PORT, e.g. 15432:db.internal:5432)");
  };
  size_t first = text.find(':');
  size_t last = text.rfind(':');
  if (first == std::string::npos || first == last) return bad("not three parts");
  ForwardSpec spec;
  std::string local = text.substr(0, first);
  spec.host = text.substr(first + 1, last - first - 1);
  std::string remote = text.substr(last + 1);
  auto local_port = port_number(local, 0);
  if (!local_port) return bad("local port \"" + local + "\" is not a number from 0 to 65535");
  auto remote_port = port_number(remote, 1);
  if (!remote_port) return bad("port \"" + remote + "\" is not a number from 1 to 65535");
  if (spec.host.empty()) return bad("no host");
  if (spec.host.find_first_of(" \t/") != std::string::npos)
    return bad("bad host \"" + spec.host + "\"");
  spec.local_port = *local_port;
  spec.remote_port = *remote_port;
  return spec;
}

cloud::StartSessionRequest port_session_request(const std::string& target, const ForwardSpec& spec,
                                                uint16_t local_port) {
  cloud::StartSessionRequest start;
  start.target = target;
  start.parameters["portNumber"] = {std::to_string(spec.remote_port)};
  start.parameters["localPortNumber"] = {std::to_string(local_port)};
  if (spec.host.empty()) {
    start.document_name = "AWS-StartPortForwardingSession";
  } else {
    start.document_name = "AWS-StartPortForwardingSessionToRemoteHost";
    start.parameters["host"] = {spec.host};
  }
  return start;
}

ForwardReport run_forward(aws::Session& session, const ForwardRequest& request,
                          ForwardObserver& observer) {
  if (request.forwards.empty())
    throw UsageError("nothing to forward: give --remote-port or --forward");
  ForwardReport report;
  std::vector<TcpListener> listeners;
  for (const ForwardSpec& spec : request.forwards) {
    listeners.push_back(TcpListener::open(spec.local_address, spec.local_port));
    report.sessions.push_back({spec, listeners.back().endpoint(), {}, {}, {}});
  }
  report.access =
      run_on_path(session, request.access, observer, [&](cloud::Ssm& ssm, ConnectReport& access) {
        std::vector<cloud::SessionTicket> tickets;
        try {
          for (size_t i = 0; i < listeners.size(); ++i) {
            tickets.push_back(
                start_session(session, ssm,
                              port_session_request(request.access.start.target, request.forwards[i],
                                                   listeners[i].port())));
            report.sessions[i].session_id = tickets.back().session_id;
            observer.on_session(tickets.back().session_id);
          }
        } catch (...) {
          // Those already started end with the command.
          for (const cloud::SessionTicket& ticket : tickets) {
            try {
              ssm.terminate_session(ticket.session_id);
            } catch (const aws::AwsError&) {
            }
          }
          throw;
        }
        access.session_id = tickets.front().session_id;
        // A client per thread: ResumeSession and TerminateSession calls may overlap.
        std::vector<std::unique_ptr<aws::AwsClient>> clients;
        for (size_t i = 0; i < tickets.size(); ++i)
          clients.push_back(std::make_unique<aws::AwsClient>(session.client(aws::ssm_service())));
        std::vector<std::thread> threads;
        for (size_t i = 0; i < tickets.size(); ++i) {
          threads.emplace_back([&, i] {
            run_one(session, *clients[i], request, tickets[i], listeners[i], report.sessions[i],
                    observer);
          });
        }
        for (std::thread& thread : threads)
          thread.join();
        if (report.sessions.front().result) access.session = report.sessions.front().result;
      });
  return report;
}

}  // namespace ssmlink::workflows
