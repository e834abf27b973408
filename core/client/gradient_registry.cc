// The gradient registry: loud static registration, and capture mode for plugin loading.
#include "core/client/gradient_registry.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

absl::Status DuplicateError(const std::string& op_type) {
  return errors::AlreadyExists("Gradient for op type ", op_type, " is already registered");
}

}  // namespace

GradientRegistry* GradientRegistry::Global() {
  static GradientRegistry* const registry = new GradientRegistry;
  return registry;
}

void GradientRegistry::Register(const std::string& op_type, GradientRegistration registration) {
  absl::MutexLock lock(&mu_);
  if (capturing_ && std::this_thread::get_id() == capture_thread_) {
    captured_.emplace_back(op_type, std::move(registration));
    return;
  }
  if (!registry_.emplace(op_type, std::move(registration)).second) {
    std::fprintf(stderr, "REGISTER_GRADIENT: %s\n", DuplicateError(op_type).ToString().c_str());
    std::abort();
  }
}

const GradientRegistration* GradientRegistry::LookUp(const std::string& op_type) const {
  absl::MutexLock lock(&mu_);
  auto it = registry_.find(op_type);
  return it == registry_.end() ? nullptr : &it->second;
}

std::vector<std::string> GradientRegistry::ListOpTypes() const {
  absl::MutexLock lock(&mu_);
  std::vector<std::string> op_types;
  for (const auto& [op_type, registration] : registry_) op_types.push_back(op_type);
  std::sort(op_types.begin(), op_types.end());
  return op_types;
}

void GradientRegistry::BeginCapture() {
  mu_.LockWhen(absl::Condition(+[](bool* capturing) { return !*capturing; }, &capturing_));
  capturing_ = true;
  capture_thread_ = std::this_thread::get_id();
  mu_.Unlock();
}

absl::Status GradientRegistry::PendingCaptureStatusLocked() const {
  for (size_t i = 0; i < captured_.size(); ++i) {
    const std::string& op_type = captured_[i].first;
    const bool captured_twice =
        std::any_of(captured_.begin(), captured_.begin() + i,
                    [&](const auto& earlier) { return earlier.first == op_type; });
    if (captured_twice || registry_.contains(op_type)) return DuplicateError(op_type);
  }
  return absl::OkStatus();
}

absl::Status GradientRegistry::PendingCaptureStatus() const {
  absl::MutexLock lock(&mu_);
  return PendingCaptureStatusLocked();
}

GradientRegistry::Captured GradientRegistry::EndCapture(bool commit) {
  absl::MutexLock lock(&mu_);
  Captured result;
  result.status = PendingCaptureStatusLocked();
  for (auto& [op_type, registration] : captured_) {
    result.op_types.push_back(op_type);
    if (result.status.ok() && commit) registry_.emplace(op_type, std::move(registration));
  }
  captured_.clear();
  capturing_ = false;
  return result;
}

namespace register_gradient {

Receiver::Receiver(const char* op_type, GradientRegistration registration) {
  GradientRegistry::Global()->Register(op_type, std::move(registration));
}

}  // namespace register_gradient
}  // namespace rill
