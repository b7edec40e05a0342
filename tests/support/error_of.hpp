// Test helper: the message of an exception a call is expected to throw.
#pragma once
#include <gtest/gtest.h>

#include <string>

namespace ssmlink::testing {

// The message of what `call` throws as E; fails the test (and returns "") otherwise.
template <typename E, typename Call>
std::string error_of(Call call) {
  try {
    call();
  } catch (const E& e) {
    return e.what();
  }
  ADD_FAILURE() << "expected an exception";
  return "";
}

}  // namespace ssmlink::testing
