// The session layer reports bad input (a malformed frame, an unexpected payload) as
// values, the way domain/ does: Result<T> holds either the value or a message ready to
// show a user that names what was wrong. session/ may not use domain/ (it sits on util/
// only), hence its own pair of names.
#pragma once
#include <expected>
#include <string>

namespace ssmlink::session {

struct Error {
  std::string message;
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(std::string message) {
  return std::unexpected<Error>(Error{std::move(message)});
}

}  // namespace ssmlink::session
