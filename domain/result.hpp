// Result<T> and fail() for domain/: see util/result.hpp.
#pragma once
#include "util/result.hpp"

namespace ssmlink::domain {

using ssmlink::Error;
using ssmlink::fail;
using ssmlink::Result;

}  // namespace ssmlink::domain
