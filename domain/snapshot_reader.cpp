// read_snapshot_json: one SAX pass straight into the Inventory's structs, guided by
// snapshot_fields. A DOM of a 100,000-instance snapshot would cost several times the
// file's size in memory and most of doctor's time budget; this keeps only the path from
// the top level to the value being read. The pass is util/json_sax_parser.hpp's (three
// times nlohmann's speed); nlohmann's parser explains the syntax errors.
#include "domain/snapshot_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "domain/snapshot_fields.hpp"
#include "util/json_sax_parser.hpp"
#include "util/json_text.hpp"
#include "util/strings.hpp"

namespace ssmlink::domain {

namespace {

// --- a scalar as the SAX parser hands it over

struct BigInteger {  // above INT64_MAX: out of every range here
  std::uint64_t value;
};
struct Fraction {  // 1.5, 1e3: never an integer here
  const std::string* text;
};
using Scalar = std::variant<std::nullptr_t, bool, std::int64_t, BigInteger, Fraction, std::string*>;

// The value as a message shows it: as written in the file, strings escaped and cut.
std::string shown(const Scalar& value) {
  if (std::holds_alternative<std::nullptr_t>(value)) return "null";
  if (const bool* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const auto* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const auto* big = std::get_if<BigInteger>(&value)) return std::to_string(big->value);
  if (const auto* fraction = std::get_if<Fraction>(&value)) return printable(*fraction->text);
  return json_quoted(*std::get<std::string*>(value));
}

constexpr const char* kAnObject = "an object";
constexpr const char* kAnArray = "an array";

// --- where a value goes: a field of the record being read

struct RecordType;
struct IntSlot {
  int* target;
  IntRange range;
};
struct OptionalIntSlot {
  std::optional<int>* target;
  IntRange range;
};
struct TextListSlot {
  std::vector<std::string>* target;
};
struct RecordListSlot {
  void* list;  // a std::vector of the type's struct
  const RecordType* type;
};
struct OptionalRecordSlot {
  void* optional;  // a std::optional of the type's struct
  const RecordType* type;
};
struct Skipped {};  // a comment ("_..."), or the header that HeaderWatch reads
using Slot =
    std::variant<Skipped, std::string*, std::optional<std::string>*, bool*, std::optional<bool>*,
                 IntSlot, OptionalIntSlot, TextListSlot, RecordListSlot, OptionalRecordSlot>;

// What a field holds, for messages: "expected <this>".
std::string expected(const Slot& slot) {
  if (std::holds_alternative<std::string*>(slot)) return "a string";
  if (std::holds_alternative<std::optional<std::string>*>(slot)) return "a string or null";
  if (std::holds_alternative<bool*>(slot)) return "true or false";
  if (std::holds_alternative<std::optional<bool>*>(slot)) return "true, false or null";
  if (const auto* number = std::get_if<IntSlot>(&slot)) return std::string(number->range.what);
  if (const auto* number = std::get_if<OptionalIntSlot>(&slot)) {
    return std::string(number->range.what) + ", or null";
  }
  if (std::holds_alternative<TextListSlot>(slot)) return "an array of strings";
  if (std::holds_alternative<RecordListSlot>(slot)) return "an array of objects";
  if (std::holds_alternative<OptionalRecordSlot>(slot)) return "an object or null";
  return "anything";
}

// One struct of the Inventory, seen through snapshot_fields, without its type: the
// reader's stack holds records of every type.
struct RecordType {
  std::vector<std::string_view> keys;  // in the order they are written
  std::vector<std::string> holds;      // what each key holds, for messages
  std::string key_list;                // "id, cidr, ...", for messages
  // The position of the field named `key` and where its value goes; -1 if there is none.
  std::pair<int, Slot> (*find)(void* record, std::string_view key);
  void* (*append_to)(void* list);       // a new struct at the end of the std::vector
  void* (*emplace_in)(void* optional);  // a new struct in the std::optional
};

template <typename T>
const RecordType& record_type();

Slot slot_of(std::string& text) {
  return &text;
}
Slot slot_of(std::optional<std::string>& text) {
  return &text;
}
Slot slot_of(bool& flag) {
  return &flag;
}
Slot slot_of(std::optional<bool>& flag) {
  return &flag;
}
Slot slot_of(int& number, IntRange range) {
  return IntSlot{&number, range};
}
Slot slot_of(std::optional<int>& number, IntRange range) {
  return OptionalIntSlot{&number, range};
}
Slot slot_of(std::vector<std::string>& texts) {
  return TextListSlot{&texts};
}
template <typename T>
Slot slot_of(std::vector<T>& records) {
  return RecordListSlot{&records, &record_type<T>()};
}
template <typename T>
Slot slot_of(std::optional<T>& record) {
  return OptionalRecordSlot{&record, &record_type<T>()};
}

template <typename T>
const RecordType& record_type() {
  static const RecordType type = [] {
    RecordType described;
    T sample{};
    snapshot_fields(sample, [&](std::string_view key, auto& member, auto... range) {
      described.keys.push_back(key);
      described.holds.push_back(expected(slot_of(member, range...)));
      described.key_list += (described.key_list.empty() ? "" : ", ") + std::string(key);
    });
    described.find = [](void* record, std::string_view key) {
      std::pair<int, Slot> found{-1, Skipped{}};
      int position = 0;
      snapshot_fields(*static_cast<T*>(record),
                      [&](std::string_view name, auto& member, auto... range) {
                        if (name == key) found = {position, slot_of(member, range...)};
                        ++position;
                      });
      return found;
    };
    described.append_to = [](void* list) -> void* {
      return &static_cast<std::vector<T>*>(list)->emplace_back();
    };
    described.emplace_in = [](void* optional) -> void* {
      return &static_cast<std::optional<T>*>(optional)->emplace();
    };
    return described;
  }();
  return type;
}

bool store_null(const Slot& slot, const Scalar& value) {
  if (!std::holds_alternative<std::nullptr_t>(value)) return false;
  if (auto* text = std::get_if<std::optional<std::string>*>(&slot)) {
    (*text)->reset();
  } else if (auto* flag = std::get_if<std::optional<bool>*>(&slot)) {
    (*flag)->reset();
  } else if (auto* number = std::get_if<OptionalIntSlot>(&slot)) {
    number->target->reset();
  } else if (!std::holds_alternative<OptionalRecordSlot>(slot)) {
    return false;  // an absent record is already an empty std::optional
  }
  return true;
}

bool store_text(const Slot& slot, Scalar& value) {
  auto* text = std::get_if<std::string*>(&value);
  if (!text) return false;
  if (auto* target = std::get_if<std::string*>(&slot)) {
    **target = **text;
  } else if (auto* maybe = std::get_if<std::optional<std::string>*>(&slot)) {
    **maybe = **text;
  } else {
    return false;
  }
  return true;
}

bool store_flag(const Slot& slot, const Scalar& value) {
  auto* flag = std::get_if<bool>(&value);
  if (!flag) return false;
  if (auto* target = std::get_if<bool*>(&slot)) {
    **target = *flag;
  } else if (auto* maybe = std::get_if<std::optional<bool>*>(&slot)) {
    **maybe = *flag;
  } else {
    return false;
  }
  return true;
}

// An integer for an integer field: stored, or out of its range.
std::optional<std::string> store_integer(const Slot& slot, const Scalar& value) {
  const auto* exact = std::get_if<IntSlot>(&slot);
  const auto* maybe = std::get_if<OptionalIntSlot>(&slot);
  const IntRange& range = exact ? exact->range : maybe->range;
  const auto* number = std::get_if<std::int64_t>(&value);  // none: a BigInteger
  if (!number || *number < range.min || *number > range.max) {
    return shown(value) + " is out of range (expected " + expected(slot) + ")";
  }
  if (exact) {
    *exact->target = static_cast<int>(*number);
  } else {
    *maybe->target = static_cast<int>(*number);
  }
  return std::nullopt;
}

// Stores value in slot; else says what is wrong with it (without the path).
std::optional<std::string> store(const Slot& slot, Scalar& value) {
  bool integer_field =
      std::holds_alternative<IntSlot>(slot) || std::holds_alternative<OptionalIntSlot>(slot);
  bool integer =
      std::holds_alternative<std::int64_t>(value) || std::holds_alternative<BigInteger>(value);
  if (integer_field && integer) return store_integer(slot, value);
  if (std::holds_alternative<Skipped>(slot) || store_null(slot, value) || store_text(slot, value) ||
      store_flag(slot, value)) {
    return std::nullopt;
  }
  return "expected " + expected(slot) + ", found " + shown(value);
}

// "format" and "version", read wherever they are in the top-level object and whatever
// else is wrong: they decide which error is worth reporting. A file that is not a
// snapshot, or a newer version of one, must say so rather than trip on the first key this
// version does not know.
class HeaderWatch {
 public:
  void key(size_t depth, std::string_view name) {
    if (depth != 1) return;
    current_ = name == "format" ? &format_ : name == "version" ? &version_ : nullptr;
  }

  void scalar(size_t depth, const Scalar& value) {
    if (depth == 0) root_ = shown(value);
    if (depth != 1 || !current_) return;
    if (++current_->times == 1) {
      current_->shown = shown(value);
      if (auto* text = std::get_if<std::string*>(&value)) current_->text = **text;
      if (auto* number = std::get_if<std::int64_t>(&value)) current_->integer = *number;
    }
    current_ = nullptr;
  }

  void container(size_t depth, const char* kind) {
    if (depth == 0) root_ = kind;
    if (depth != 1 || !current_) return;
    if (++current_->times == 1) current_->shown = kind;
    current_ = nullptr;
  }

  std::optional<std::string> error() const {
    std::string wanted = "\"format\": \"" + std::string(kSnapshotFormat) + "\"";
    if (root_ != kAnObject) {
      return "not an ssmlink snapshot: the file holds " + root_ + ", not an object with " + wanted;
    }
    if (format_.times == 0)
      return "not an ssmlink snapshot: no \"format\" (expected " + wanted + ")";
    if (format_.times > 1) return "format: appears twice (expected each key once)";
    if (format_.text != kSnapshotFormat) {
      return "format: " + format_.shown + " is not an ssmlink snapshot (expected " +
             json_quoted(kSnapshotFormat) + ")";
    }
    std::string supported =
        std::to_string(kOldestSnapshotVersion) + " to " + std::to_string(kSnapshotVersion);
    if (version_.times == 0) return "version: missing (expected " + supported + ")";
    if (version_.times > 1) return "version: appears twice (expected each key once)";
    if (!version_.integer) return "version: expected an integer, found " + version_.shown;
    if (*version_.integer < kOldestSnapshotVersion || *version_.integer > kSnapshotVersion) {
      return "version: " + version_.shown +
             " is not supported (this ssmlink reads snapshot versions " + supported + ")";
    }
    return std::nullopt;
  }

  // Version 1 snapshots lack the IAM keys; known once the top level closes.
  bool is_version_1() const { return version_.integer && *version_.integer == 1; }

 private:
  struct Value {
    int times = 0;
    std::string shown;
    std::optional<std::string> text;
    std::optional<std::int64_t> integer;
  };
  std::string root_ = "nothing";
  Value format_;
  Value version_;
  Value* current_ = nullptr;
};

// The SAX handler (nlohmann's interface). It keeps the first problem and reads on, only
// to find a syntax error or a header that explains it better.
class SnapshotReader {
 public:
  explicit SnapshotReader(Snapshot& snapshot) : snapshot_(snapshot) {}

  bool null() { return scalar(nullptr); }
  bool boolean(bool flag) { return scalar(flag); }
  bool number_integer(std::int64_t number) { return scalar(number); }
  bool number_unsigned(std::uint64_t number) {
    if (number <= static_cast<std::uint64_t>(INT64_MAX)) {
      return scalar(static_cast<std::int64_t>(number));
    }
    return scalar(BigInteger{number});
  }
  bool number_float(double, const std::string& text) { return scalar(Fraction{&text}); }
  bool string(std::string& text) { return scalar(&text); }
  bool binary(nlohmann::json::binary_t&) { return true; }  // JSON text has none

  bool start_object(std::size_t) { return open(true); }
  bool start_array(std::size_t) { return open(false); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& name);

  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::json::exception& error);

  const std::optional<std::string>& syntax_error() const { return syntax_error_; }

  // The first problem found, the most telling first.
  std::optional<std::string> problem() const {
    if (syntax_error_) return syntax_error_;
    if (auto header = header_.error()) return header;
    return content_error_;
  }

 private:
  struct Frame {
    enum class Kind { Record, RecordList, TextList };
    Kind kind;
    void* target;                      // the struct, or the std::vector
    const RecordType* type = nullptr;  // Record and RecordList
    Slot next = Skipped{};             // Record: where the value after the last key goes
    std::string_view key;              // Record: that key, for paths
    std::uint64_t seen = 0;            // Record: the fields read, one bit each
    size_t count = 0;                  // lists: the elements begun
  };

  bool reading() const { return !content_error_ && skipped_depth_ == 0; }

  bool scalar(Scalar value);
  bool open(bool is_object);
  bool close();

  void push_record(void* record, const RecordType& type) {
    frames_.push_back({Frame::Kind::Record, record, &type});
  }
  void push_list(Frame::Kind kind, void* list, const RecordType* type) {
    frames_.push_back({kind, list, type});
  }

  void reject(const std::string& problem) { content_error_ = path() + ": " + problem; }

  // Where the reader is, as a JSON path: instances[3].subnet_id.
  std::string path() const {
    std::string out;
    for (const Frame& frame : frames_) {
      if (frame.kind != Frame::Kind::Record) {
        out += "[" + std::to_string(frame.count - 1) + "]";
      } else if (!frame.key.empty()) {
        if (!out.empty()) out += '.';
        out += frame.key;
      }
    }
    return out.empty() ? "the top level" : out;
  }

  Snapshot& snapshot_;
  std::vector<Frame> frames_;
  size_t depth_ = 0;          // containers open, read or not
  size_t skipped_depth_ = 0;  // containers open inside a value that is skipped
  HeaderWatch header_;
  std::optional<std::string> syntax_error_;
  std::optional<std::string> content_error_;
};

bool SnapshotReader::scalar(Scalar value) {
  header_.scalar(depth_, value);
  if (!reading()) return true;
  if (frames_.empty()) return true;  // the top level is not an object: the header says so
  Frame& frame = frames_.back();
  if (frame.kind == Frame::Kind::Record) {
    if (auto problem = store(frame.next, value)) reject(*problem);
    return true;
  }
  ++frame.count;
  if (frame.kind == Frame::Kind::RecordList) {
    reject("expected an object, found " + shown(value));
  } else if (auto* text = std::get_if<std::string*>(&value)) {
    static_cast<std::vector<std::string>*>(frame.target)->push_back(**text);
  } else {
    reject("expected a string, found " + shown(value));
  }
  return true;
}

bool SnapshotReader::open(bool is_object) {
  const char* kind = is_object ? kAnObject : kAnArray;
  header_.container(depth_, kind);
  ++depth_;
  if (!reading()) {
    if (skipped_depth_ > 0) ++skipped_depth_;
    return true;
  }
  if (frames_.empty()) {
    if (depth_ != 1 || !is_object) {
      skipped_depth_ = 1;  // the header reports it
    } else {
      push_record(&snapshot_, record_type<Snapshot>());
    }
    return true;
  }
  Frame& frame = frames_.back();
  if (frame.kind != Frame::Kind::Record) {
    ++frame.count;
    if (frame.kind == Frame::Kind::RecordList && is_object) {
      void* record = frame.type->append_to(frame.target);
      push_record(record, *frame.type);
    } else {
      reject(std::string("expected ") +
             (frame.kind == Frame::Kind::RecordList ? "an object" : "a string") + ", found " +
             kind);
    }
    return true;
  }
  const Slot& slot = frame.next;
  if (std::holds_alternative<Skipped>(slot)) {
    skipped_depth_ = 1;
  } else if (const auto* list = std::get_if<TextListSlot>(&slot); list && !is_object) {
    push_list(Frame::Kind::TextList, list->target, nullptr);
  } else if (const auto* records = std::get_if<RecordListSlot>(&slot); records && !is_object) {
    push_list(Frame::Kind::RecordList, records->list, records->type);
  } else if (const auto* record = std::get_if<OptionalRecordSlot>(&slot); record && is_object) {
    push_record(record->type->emplace_in(record->optional), *record->type);
  } else {
    reject("expected " + expected(slot) + ", found " + kind);
  }
  return true;
}

bool SnapshotReader::close() {
  --depth_;
  if (content_error_) return true;
  if (skipped_depth_ > 0) {
    --skipped_depth_;
    return true;
  }
  if (frames_.empty()) return true;  // past the top level: the syntax check refuses it
  Frame& frame = frames_.back();
  if (frame.kind == Frame::Kind::Record) {
    const RecordType& type = *frame.type;
    bool top_level = frames_.size() == 1;
    for (size_t i = 0; i < type.keys.size(); ++i) {
      if (top_level && header_.is_version_1() &&
          std::ranges::find(kSnapshotV2Keys, type.keys[i]) != std::end(kSnapshotV2Keys)) {
        continue;
      }
      if (!(frame.seen & (std::uint64_t{1} << i))) {
        frame.key = type.keys[i];
        reject("missing (expected " + type.holds[i] + ")");
        return true;
      }
    }
  }
  frames_.pop_back();
  return true;
}

bool SnapshotReader::key(std::string& name) {
  header_.key(depth_, name);
  if (!reading() || frames_.empty()) return true;
  Frame& frame = frames_.back();
  frame.key = {};
  frame.next = Skipped{};
  // Comments, and the header (HeaderWatch reads it).
  bool header = frames_.size() == 1 && (name == "format" || name == "version");
  if (name.starts_with('_') || header) return true;
  auto [position, slot] = frame.type->find(frame.target, name);
  if (position < 0) {
    reject("unknown key " + json_quoted(name) + " (expected " + frame.type->key_list +
           "; or a comment: a key starting with \"_\")");
    return true;
  }
  frame.key = frame.type->keys[position];
  std::uint64_t bit = std::uint64_t{1} << position;
  if (frame.seen & bit) {
    reject("appears twice (expected each key once)");
    return true;
  }
  frame.seen |= bit;
  frame.next = slot;
  return true;
}

bool SnapshotReader::parse_error(std::size_t position, const std::string&,
                                 const nlohmann::json::exception& error) {
  // nlohmann says "[json.exception.parse_error.101] parse error at line 3, column 1: ...";
  // keep what follows "parse error at", with the byte offset ahead.
  std::string what = error.what();
  constexpr std::string_view kAt = "parse error at ";
  if (size_t at = what.find(kAt); at != std::string::npos) what = what.substr(at + kAt.size());
  syntax_error_ = "the snapshot is truncated or not JSON: at byte " + std::to_string(position) +
                  ", " + printable(what, 200);
  return false;
}

}  // namespace

Result<Snapshot> read_snapshot_json(std::string_view text) {
  Snapshot snapshot;
  SnapshotReader reader(snapshot);
  if (JsonSyntax syntax = parse_json_sax(text, reader); !syntax.ok) {
    // Bad JSON: nlohmann's parser says it best (what it expected, the line and column).
    Snapshot discarded;
    SnapshotReader explainer(discarded);
    nlohmann::json::sax_parse(text.begin(), text.end(), &explainer);
    if (explainer.syntax_error()) return fail(*explainer.syntax_error());
    return fail("the snapshot is truncated or not JSON: at byte " +
                std::to_string(syntax.position + 1) + ", " + std::string(syntax.what));
  }
  if (auto problem = reader.problem()) return fail(*problem);
  return snapshot;
}

}  // namespace ssmlink::domain
