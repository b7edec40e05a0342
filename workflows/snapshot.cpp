#include "workflows/snapshot.hpp"

#include "domain/snapshot.hpp"
#include "util/files.hpp"
#include "util/version.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::workflows {

namespace {
std::string describe(const InventoryRequest& target, const std::string& region) {
  if (target.instance_id) return "instance " + *target.instance_id;
  if (target.vpc_id) return "vpc " + *target.vpc_id;
  return "region " + region;
}
}  // namespace

std::string run_snapshot(aws::Session& session, const SnapshotRequest& request,
                         const GatherOptions& gather) {
  domain::Inventory inventory = gather_inventory(session, request.target, gather);
  domain::SnapshotInfo info{kVersion, format_iso8601(session.clock()->now()),
                            describe(request.target, inventory.region)};
  std::string text = domain::to_snapshot_json(inventory, info);
  if (!request.output_file) return text;
  try {
    write_file_atomically(*request.output_file, text);
  } catch (const FileError& error) {
    throw UsageError(std::string(error.what()) + " (check -o)");
  }
  return "";
}

}  // namespace ssmlink::workflows
