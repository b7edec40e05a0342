// Result<T> and fail() for session/: see util/result.hpp.
#pragma once
#include "util/result.hpp"

namespace ssmlink::session {

using ssmlink::Error;
using ssmlink::fail;
using ssmlink::Result;

}  // namespace ssmlink::session
