// `ssmlink snapshot`: the inventory doctor would read, saved as a versioned JSON file (no
// secrets) so that doctor can run on it offline, elsewhere.
#pragma once
#include <optional>
#include <string>

#include "aws/session.hpp"
#include "workflows/inventory.hpp"

namespace ssmlink::workflows {

struct SnapshotRequest {
  InventoryRequest target;
  std::optional<std::string> output_file;  // -o FILE; otherwise the text is returned
};

// The snapshot's text; with an output file, written there atomically and "" returned.
std::string run_snapshot(aws::Session& session, const SnapshotRequest& request,
                         const GatherOptions& gather = {});

}  // namespace ssmlink::workflows
