#include "workflows/doctor.hpp"

#include "domain/inventory_index.hpp"
#include "domain/snapshot.hpp"
#include "util/files.hpp"
#include "workflows/errors.hpp"

namespace ssmlink::workflows {

domain::Inventory load_inventory(aws::Session* session, const DoctorRequest& request,
                                 const GatherOptions& gather) {
  if (!request.snapshot_file) return gather_inventory(*session, request.target, gather);
  std::string text;
  try {
    text = read_file(*request.snapshot_file);
  } catch (const FileError& error) {
    throw UsageError(std::string(error.what()) + " (check --snapshot)");
  }
  auto snapshot = domain::parse_snapshot(text);
  if (!snapshot) throw UsageError(*request.snapshot_file + ": " + snapshot.error().message);
  return std::move(snapshot->inventory);
}

namespace {

domain::Diagnosis checked(const domain::InventoryIndex& index, const domain::DoctorTarget& target) {
  auto diagnosis = domain::diagnose(index, target);
  if (!diagnosis) throw UsageError(diagnosis.error().message);
  return std::move(*diagnosis);
}

}  // namespace

DoctorSummary diagnose_inventory(const domain::Inventory& inventory, const DoctorRequest& request,
                                 const DiagnosisSink& sink) {
  DoctorSummary summary{inventory.region};
  domain::InventoryIndex index(inventory);
  domain::DoctorTarget target;
  target.subnet_ids = request.subnet_ids;
  target.instance_group_ids = request.instance_group_ids;
  target.services = domain::services_for_preferences(inventory, request.services);
  // The checks skip ok findings themselves: making them only to drop them here was most
  // of doctor --all's allocations.
  target.keep_ok = request.include_ok;
  auto check = [&] {
    domain::Diagnosis diagnosis = checked(index, target);
    ++summary.checked;
    if (domain::any_error(diagnosis.findings)) ++summary.blocked;
    sink(diagnosis);
  };
  if (request.target.all) {
    for (const auto& instance : inventory.instances) {
      target.instance_id = instance.id;
      check();
    }
  } else if (request.target.instance_id) {
    target.instance_id = request.target.instance_id;
    check();
  } else if (request.target.vpc_id) {
    target.vpc_id = *request.target.vpc_id;
    check();
  } else {
    throw UsageError("give --instance i-..., --vpc vpc-..., or --all");
  }
  return summary;
}

domain::Diagnosis diagnose_one(const domain::Inventory& inventory, const DoctorRequest& request) {
  std::optional<domain::Diagnosis> result;
  diagnose_inventory(inventory, request, [&](const domain::Diagnosis& d) { result = d; });
  return std::move(*result);
}

}  // namespace ssmlink::workflows
