// to_snapshot_json: streamed straight into one string, byte for byte what
// nlohmann::ordered_json::dump(2) would print (so `jq .` leaves the file unchanged),
// without building a DOM that would be several times the file's size.
#include <optional>
#include <string>
#include <vector>

#include "domain/snapshot.hpp"
#include "domain/snapshot_fields.hpp"
#include "util/json_text.hpp"

namespace ssmlink::domain {

namespace {

template <typename T>
concept Record = requires(const T& record) {
  snapshot_fields(record, [](auto&&...) {});
};

class PrettyJsonWriter {
 public:
  void open(char bracket) {
    out_ += bracket;
    ++depth_;
    empty_ = true;
  }

  void close(char bracket) {
    --depth_;
    if (!empty_) new_line();
    out_ += bracket;
    empty_ = false;  // the container just closed is an item of its parent
  }

  void key(std::string_view name) {
    item();
    append_json_string(out_, name);
    out_ += ": ";
  }

  // Starts an array element.
  void item() {
    out_ += empty_ ? "\n" : ",\n";
    empty_ = false;
    out_.append(2 * depth_, ' ');
  }

  void value(const std::string& text) { append_json_string(out_, text); }
  void value(bool flag) { out_ += flag ? "true" : "false"; }
  void value(int number) { out_ += std::to_string(number); }
  template <typename T>
  void value(const std::optional<T>& maybe) {
    if (maybe) {
      value(*maybe);
    } else {
      out_ += "null";
    }
  }
  template <typename T>
  void value(const std::vector<T>& list) {
    open('[');
    for (const auto& element : list) {
      item();
      value(element);
    }
    close(']');
  }
  void value(const Record auto& record) {
    open('{');
    snapshot_fields(record, [this](std::string_view name, const auto& member, auto... /*range*/) {
      key(name);
      value(member);
    });
    close('}');
  }

  std::string finish() && {
    out_ += '\n';
    return std::move(out_);
  }

 private:
  void new_line() {
    out_ += '\n';
    out_.append(2 * depth_, ' ');
  }

  std::string out_;
  int depth_ = 0;
  bool empty_ = true;  // nothing written yet in the innermost open container
};

}  // namespace

std::string to_snapshot_json(const Inventory& inventory, const SnapshotInfo& info) {
  PrettyJsonWriter writer;
  writer.open('{');
  writer.key("format");
  writer.value(std::string(kSnapshotFormat));
  writer.key("version");
  writer.value(kSnapshotVersion);
  snapshot_fields(info, inventory, [&](std::string_view name, const auto& member, auto...) {
    writer.key(name);
    writer.value(member);
  });
  writer.close('}');
  return std::move(writer).finish();
}

}  // namespace ssmlink::domain
