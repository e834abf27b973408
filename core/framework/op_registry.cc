// The op registry: name -> OpRegistrationData, with loud static registration, capture mode
// for plugins, OpList export and lookups that say which target provides a missing op.
#include "core/framework/op_registry.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

absl::Status DuplicateError(const std::string& op_name) {
  return errors::AlreadyExists("Op '", op_name,
                               "' is already registered; an op name can be registered once");
}

}  // namespace

absl::StatusOr<const tensorflow::OpDef*> OpRegistryInterface::LookUpOpDef(
    const std::string& op_type) const {
  ASSIGN_OR_RETURN(const OpRegistrationData* data, LookUp(op_type));
  return &data->op_def;
}

OpRegistry::OpRegistry() = default;
OpRegistry::~OpRegistry() = default;

OpRegistry* OpRegistry::Global() {
  static OpRegistry* const global = new OpRegistry;
  return global;
}

void OpRegistry::Register(const OpDefBuilder& builder) {
  auto data = std::make_unique<OpRegistrationData>();
  absl::Status status = builder.Finalize(data.get());
  absl::MutexLock lock(&mu_);
  if (capturing_ && std::this_thread::get_id() == capture_thread_) {
    capture_result_.names.push_back(builder.op_name());
    if (!capture_result_.status.ok()) return;
    if (status.ok()) {
      const bool captured_twice =
          std::any_of(captured_.begin(), captured_.end(), [&](const auto& captured) {
            return captured->op_def.name() == builder.op_name();
          });
      if (captured_twice || registry_.contains(builder.op_name())) {
        status = DuplicateError(builder.op_name());
      }
    }
    if (status.ok()) {
      captured_.push_back(std::move(data));
    } else {
      capture_result_.status = status;
    }
    return;
  }
  if (status.ok()) status = RegisterLocked(std::move(data));
  if (!status.ok()) {
    std::fprintf(stderr, "Fatal error registering op '%s': %s\n", builder.op_name().c_str(),
                 status.ToString().c_str());
    std::abort();
  }
}

absl::Status OpRegistry::RegisterLocked(std::unique_ptr<OpRegistrationData> data) {
  const std::string name = data->op_def.name();
  if (!registry_.try_emplace(name, std::move(data)).second) return DuplicateError(name);
  return absl::OkStatus();
}

absl::StatusOr<const OpRegistrationData*> OpRegistry::LookUp(
    const std::string& op_type) const {
  absl::ReaderMutexLock lock(&mu_);
  const auto it = registry_.find(op_type);
  if (it != registry_.end()) return it->second.get();
  const auto provider = providers_.find(op_type);
  if (provider != providers_.end()) {
    return errors::NotFound("Op type not registered '", op_type,
                            "' in this binary. It is defined by ", provider->second,
                            ": link that target (alwayslink = 1) or load its plugin with "
                            "LoadLibrary.");
  }
  return errors::NotFound("Op type not registered '", op_type,
                          "' in this binary. Make sure the target that defines it is linked "
                          "in (alwayslink = 1) or its plugin is loaded with LoadLibrary.");
}

tensorflow::OpList OpRegistry::GetOpList() const {
  tensorflow::OpList op_list;
  absl::ReaderMutexLock lock(&mu_);
  std::vector<const tensorflow::OpDef*> op_defs;
  op_defs.reserve(registry_.size());
  for (const auto& [name, data] : registry_) op_defs.push_back(&data->op_def);
  std::sort(op_defs.begin(), op_defs.end(),
            [](const auto* a, const auto* b) { return a->name() < b->name(); });
  for (const tensorflow::OpDef* op_def : op_defs) *op_list.add_op() = *op_def;
  return op_list;
}

std::vector<std::string> OpRegistry::ListOpNames() const {
  std::vector<std::string> names;
  {
    absl::ReaderMutexLock lock(&mu_);
    names.reserve(registry_.size());
    for (const auto& [name, data] : registry_) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

void OpRegistry::RegisterOpProvider(const std::string& op_name, const std::string& target) {
  absl::MutexLock lock(&mu_);
  providers_[op_name] = target;
}

void OpRegistry::BeginCapture() {
  mu_.LockWhen(absl::Condition(
      +[](bool* capturing) { return !*capturing; }, &capturing_));
  capturing_ = true;
  capture_thread_ = std::this_thread::get_id();
  mu_.Unlock();
}

absl::Status OpRegistry::PendingCaptureStatusLocked() const {
  RETURN_IF_ERROR(capture_result_.status);
  for (const auto& data : captured_) {
    if (registry_.contains(data->op_def.name())) return DuplicateError(data->op_def.name());
  }
  return absl::OkStatus();
}

absl::Status OpRegistry::PendingCaptureStatus() const {
  absl::MutexLock lock(&mu_);
  return PendingCaptureStatusLocked();
}

OpRegistry::Captured OpRegistry::EndCapture(bool commit) {
  absl::MutexLock lock(&mu_);
  Captured result;
  result.names = std::move(capture_result_.names);
  result.status = PendingCaptureStatusLocked();
  capture_result_ = Captured();
  if (result.status.ok() && commit) {
    for (auto& data : captured_) RILL_CHECK_OK(RegisterLocked(std::move(data)));
  }
  captured_.clear();
  capturing_ = false;
  return result;
}

OpListOpRegistry::OpListOpRegistry(const tensorflow::OpList& op_list) {
  for (const tensorflow::OpDef& op_def : op_list.op()) {
    auto data = std::make_unique<OpRegistrationData>();
    data->op_def = op_def;
    index_[op_def.name()] = std::move(data);
  }
}

OpListOpRegistry::~OpListOpRegistry() = default;

absl::StatusOr<const OpRegistrationData*> OpListOpRegistry::LookUp(
    const std::string& op_type) const {
  const auto it = index_.find(op_type);
  if (it == index_.end()) {
    return errors::NotFound("Op type not registered '", op_type, "' in the op list");
  }
  return it->second.get();
}

namespace register_op {

OpDefBuilderReceiver::OpDefBuilderReceiver(const OpDefBuilder& builder) {
  OpRegistry::Global()->Register(builder);
}

}  // namespace register_op
}  // namespace rill
