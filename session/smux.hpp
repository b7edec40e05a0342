// The client end of smux protocol version 1 (reference section 10.5), which multiplexes a
// port session's TCP connections over the data channel's one byte stream. Pure: bytes in,
// bytes and events out; the caller sends the bytes as Output and feeds Output back in.
//
//   smux::Client mux;
//   uint32_t id = mux.open(out);         // SYN for a new local connection: 3, 5, 7...
//   mux.write(id, tcp_bytes, out);       // PSH frames of at most 32768 bytes
//   mux.close(id, out);                  // FIN: the local side reached EOF
//   auto events = mux.receive(output);   // any chunk: frames may span or share chunks
//
// smux v1 has no per-stream window (UPD is v2 only), so a receiver that cannot keep up
// with one stream can only stop reading the whole session, as AWS's plugin does.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "session/result.hpp"

namespace ssmlink::session::smux {

inline constexpr uint8_t kVersion = 1;
inline constexpr size_t kHeaderSize = 8;
inline constexpr size_t kMaxFrameData = 32768;  // smux.DefaultConfig().MaxFrameSize

enum class Command : uint8_t { Syn = 0, Fin = 1, Psh = 2, Nop = 3 };

struct Frame {
  Command command = Command::Nop;
  uint32_t stream_id = 0;
  std::string data;
  friend bool operator==(const Frame&, const Frame&) = default;
};

// One frame: the 8-byte little-endian header, then the data (at most kMaxFrameData).
std::string encode(const Frame& frame);

// Cuts a byte stream into frames, whatever the chunks it arrives in. A frame that breaks
// the protocol (another version, an unknown command, data over the limit) is an error, and
// the decoder stays broken: the byte stream cannot be re-synchronised.
class Decoder {
 public:
  Result<std::vector<Frame>> feed(std::string_view bytes);
  size_t buffered() const { return pending_.size(); }

 private:
  std::string pending_;
  std::string broken_;  // why, once broken
};

// What the agent's side did to a stream.
struct DataReceived {
  uint32_t stream_id = 0;
  std::string bytes;
};
struct StreamFinished {  // FIN: the destination closed; nothing more comes on this stream
  uint32_t stream_id = 0;
};
using Event = std::variant<DataReceived, StreamFinished>;

// Stream bookkeeping for the client side. Streams are forgotten once both sides have
// sent FIN. Frames for unknown streams (late data after our FIN and theirs) are dropped,
// as smux does; the server opening a stream (SYN) is not something a port session does,
// so it is refused with a FIN.
class Client {
 public:
  // A new stream: its id, and its SYN appended to `out`.
  uint32_t open(std::string& out);
  // The data as PSH frames appended to `out`; nothing for a stream closed on our side.
  void write(uint32_t stream_id, std::string_view data, std::string& out);
  // FIN appended to `out` (once); the stream is forgotten if the agent's FIN came already.
  void close(uint32_t stream_id, std::string& out);
  // Output bytes from the agent. `out` receives any frames to answer with (FIN for a SYN).
  Result<std::vector<Event>> receive(std::string_view bytes, std::string& out);

  bool is_open(uint32_t stream_id) const { return streams_.contains(stream_id); }
  size_t open_streams() const { return streams_.size(); }

 private:
  struct StreamState {
    bool local_closed = false;
    bool remote_closed = false;
  };
  void forget_if_done(uint32_t stream_id);

  uint32_t next_id_ = 1;  // smux: the client's counter starts at 1 and adds 2 before use
  std::map<uint32_t, StreamState> streams_;
  Decoder decoder_;
};

}  // namespace ssmlink::session::smux
