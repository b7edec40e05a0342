// Pure layers (domain/, session/) report bad input as values, not exceptions: parsers and
// validators return Result<T>, whose error is a message ready to show a user.
#pragma once
#include <expected>
#include <string>

namespace ssmlink {

struct Error {
  std::string message;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string message) {
  return std::unexpected<Error>(Error{std::move(message)});
}

}  // namespace ssmlink
