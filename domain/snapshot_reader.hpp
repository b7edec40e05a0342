// The first half of parse_snapshot: the snapshot's JSON text to a Snapshot, checking the
// syntax, "format" and "version", keys, types and ranges. The second half (IDs unique,
// references resolved) is in snapshot.cpp.
#pragma once
#include <string_view>

#include "domain/result.hpp"
#include "domain/snapshot.hpp"

namespace ssmlink::domain {

Result<Snapshot> read_snapshot_json(std::string_view text);

}  // namespace ssmlink::domain
