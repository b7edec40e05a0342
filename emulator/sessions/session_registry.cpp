#include "emulator/sessions/session_registry.hpp"

#include "util/clock.hpp"
#include "util/strings.hpp"

namespace ssmlink::emulator::sessions {

namespace {

constexpr const char* kOpenFields[] = {"MessageSchemaVersion", "RequestId", "TokenValue",
                                       "ClientId"};

}  // namespace

SessionRegistry::~SessionRegistry() {
  std::lock_guard lock(mutex_);
  for (auto& [id, entry] : sessions_)
    if (!entry.terminated && entry.agent) entry.agent->terminate("the emulator stopped");
}

void SessionRegistry::set_defaults(SessionDefaults defaults) {
  std::lock_guard lock(mutex_);
  defaults_ = std::move(defaults);
}

SessionDefaults SessionRegistry::defaults() const {
  std::lock_guard lock(mutex_);
  return defaults_;
}

void SessionRegistry::start(SessionSpec spec, SessionRecord record, const std::string& token) {
  std::lock_guard lock(mutex_);
  spec.shell = defaults_.shell;
  DataChannelFaults faults = defaults_.faults;
  // Each session draws its own faults: the same seed would give every session the same.
  faults.seed = defaults_.faults.seed * 1000003 + sessions_.size();
  record.session_id = spec.session_id;
  Entry entry;
  entry.record = std::move(record);
  entry.tokens.insert(token);
  entry.agent = std::make_shared<AgentSession>(spec, faults);
  sessions_.insert_or_assign(spec.session_id, std::move(entry));
}

bool SessionRegistry::resume(const std::string& region, const std::string& session_id,
                             const std::string& token, bool& ended) {
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(session_id);
  if (found == sessions_.end() || found->second.record.region != region) return false;
  Entry& entry = found->second;
  ended = entry.terminated || entry.agent->ended();
  if (!ended) entry.tokens.insert(token);
  return true;
}

bool SessionRegistry::terminate(const std::string& region, const std::string& session_id) {
  std::shared_ptr<AgentSession> agent;
  {
    std::lock_guard lock(mutex_);
    auto found = sessions_.find(session_id);
    if (found == sessions_.end() || found->second.record.region != region) return false;
    Entry& entry = found->second;
    if (entry.terminated) return true;
    entry.terminated = true;
    entry.record.end = SessionClock::now();
    entry.tokens.clear();
    agent = entry.agent;
  }
  agent->terminate("TerminateSession");
  return true;
}

SessionRecord SessionRegistry::snapshot(const Entry& entry) const {
  SessionRecord record = entry.record;
  bool ended = entry.terminated || entry.agent->ended();
  record.status = entry.terminated ? "Terminated" : entry.agent->status();
  record.active = !ended;
  if (ended && !record.end) record.end = SessionClock::now();
  return record;
}

std::vector<SessionRecord> SessionRegistry::list(const std::string& region) const {
  std::lock_guard lock(mutex_);
  std::vector<SessionRecord> records;
  for (const auto& [id, entry] : sessions_)
    if (entry.record.region == region) records.push_back(snapshot(entry));
  return records;
}

nlohmann::json SessionRegistry::dump() const {
  std::lock_guard lock(mutex_);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& [id, entry] : sessions_) {
    SessionRecord record = snapshot(entry);
    nlohmann::json item = {{"session_id", id},
                           {"region", record.region},
                           {"target", record.target},
                           {"document_name", record.document_name},
                           {"owner", record.owner},
                           {"status", record.status},
                           {"active", record.active},
                           {"connected", entry.live != nullptr},
                           {"start", format_iso8601(record.start)}};
    if (record.end) item["end"] = format_iso8601(*record.end);
    list.push_back(std::move(item));
  }
  return list;
}

std::optional<std::string> SessionRegistry::check_open(
    const std::string& session_id, const std::optional<WebSocketMessage>& first) {
  if (!first) return "no OpenDataChannel message came";
  if (first->binary) return "the first message must be OpenDataChannel JSON in a text frame";
  nlohmann::json open = nlohmann::json::parse(first->data, nullptr, false);
  if (open.is_discarded() || !open.is_object()) {
    return "OpenDataChannel is not a JSON object: " + in_quotes(first->data, 40);
  }
  for (const char* field : kOpenFields) {
    if (!open.contains(field) || !open[field].is_string()) {
      return std::string("OpenDataChannel has no string ") + field;
    }
  }
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(session_id);
  if (found == sessions_.end()) return "no session " + in_quotes(session_id, 40);
  const Entry& entry = found->second;
  if (entry.terminated || entry.agent->ended()) {
    return "session " + in_quotes(session_id, 40) + " has ended";
  }
  if (!entry.tokens.contains(open["TokenValue"].get<std::string>())) {
    return "TokenValue is not valid for session " + in_quotes(session_id, 40);
  }
  return std::nullopt;
}

void SessionRegistry::serve(const std::string& session_id, WebSocketConnection& connection) {
  auto first = connection.receive(kOpenDataChannelTimeout);
  if (connection.closed()) return;
  if (auto refusal = check_open(session_id, first)) {
    connection.close(kRefusedChannel, *refusal);
    return;
  }
  std::shared_ptr<AgentSession> agent;
  {
    std::unique_lock lock(mutex_);
    auto found = sessions_.find(session_id);
    if (found == sessions_.end()) return;  // cannot happen: sessions are never removed
    Entry& entry = found->second;
    // A client that reconnects replaces its old connection, which may not have noticed
    // yet that it is gone: the agent serves one connection at a time.
    if (entry.live) entry.live->drop();
    served_.wait(lock, [&] { return entry.live == nullptr; });
    entry.live = &connection;
    agent = entry.agent;
  }
  agent->serve(connection);
  std::lock_guard lock(mutex_);
  sessions_.at(session_id).live = nullptr;
  served_.notify_all();
}

bool SessionRegistry::drop(const std::string& session_id) {
  std::lock_guard lock(mutex_);
  auto found = sessions_.find(session_id);
  if (found == sessions_.end() || !found->second.live) return false;
  found->second.live->drop();
  return true;
}

void SessionRegistry::drop_all() {
  std::lock_guard lock(mutex_);
  for (auto& [id, entry] : sessions_)
    if (entry.live) entry.live->drop();
}

}  // namespace ssmlink::emulator::sessions
