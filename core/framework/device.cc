// Device's shared plumbing (name parsing, resource manager, Eigen device), DeviceMgr's
// lookups by full or short name, and the process-wide DeviceFactory registry.
#include "core/framework/device.h"

#include <algorithm>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/framework/thread_pool.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {

Device::Device(DeviceAttributes attributes)
    : attributes_(std::move(attributes)), resource_manager_(std::make_unique<ResourceMgr>()) {
  absl::StatusOr<DeviceNameUtils::ParsedName> parsed =
      DeviceNameUtils::ParseFullName(attributes_.name);
  RILL_CHECK_OK(parsed);
  parsed_name_ = *std::move(parsed);
}

Device::~Device() = default;

void Device::SetIntraOpThreadPool(ThreadPool* pool) {
  intra_op_thread_pool_ = pool;
  eigen_cpu_device_ =
      std::make_unique<Eigen::ThreadPoolDevice>(pool->AsEigenThreadPool(), pool->NumThreads());
}

std::string Device::DebugString() const {
  return absl::StrCat(name(), " (", device_type(), ")");
}

absl::Status ValidateDeviceForHandle(const Device& device, const ResourceHandle& handle) {
  if (handle.device() == device.name()) return absl::OkStatus();
  return errors::InvalidArgument("Trying to access resource ", handle.container(), "/",
                                 handle.name(), " located on device ", handle.device(),
                                 " from device ", device.name());
}

absl::Status DeleteResource(const Device& device, const ResourceHandle& handle) {
  RETURN_IF_ERROR(ValidateDeviceForHandle(device, handle));
  return device.resource_manager()->Delete(handle);
}

DeviceMgr::DeviceMgr(std::vector<std::unique_ptr<Device>> devices)
    : devices_(std::move(devices)) {
  for (const std::unique_ptr<Device>& device : devices_) {
    device_pointers_.push_back(device.get());
    by_full_name_[device->name()] = device.get();
  }
}

DeviceMgr::~DeviceMgr() = default;

absl::StatusOr<Device*> DeviceMgr::LookupDevice(absl::string_view name) const {
  auto exact = by_full_name_.find(name);
  if (exact != by_full_name_.end()) return exact->second;
  absl::StatusOr<DeviceNameUtils::ParsedName> spec = DeviceNameUtils::ParseFullName(name);
  if (!spec.ok()) {
    return errors::AppendToMessage(spec.status(), "; known devices: ", DeviceNamesDebugString());
  }
  if (!DeviceNameUtils::HasSomeDetails(*spec)) {
    return errors::InvalidArgument("An empty device name names no device; known devices: ",
                                   DeviceNamesDebugString());
  }
  std::vector<Device*> matches = FindMatchingDevices(*spec);
  if (matches.size() == 1) return matches[0];
  if (matches.empty()) {
    return errors::NotFound("Device '", name, "' does not exist; known devices: ",
                            DeviceNamesDebugString());
  }
  return errors::InvalidArgument(
      "Device name '", name, "' matches ", matches.size(), " devices (",
      absl::StrJoin(matches, ", ",
                    [](std::string* out, const Device* d) { out->append(d->name()); }),
      "); name exactly one");
}

std::vector<Device*> DeviceMgr::FindMatchingDevices(
    const DeviceNameUtils::ParsedName& spec) const {
  std::vector<Device*> matches;
  for (Device* device : device_pointers_) {
    if (DeviceNameUtils::IsSpecification(spec, device->parsed_name())) {
      matches.push_back(device);
    }
  }
  return matches;
}

Device* DeviceMgr::HostCpu() const {
  for (Device* device : device_pointers_) {
    if (device->device_type() == DEVICE_CPU) return device;
  }
  return nullptr;
}

int DeviceMgr::NumDevicesOfType(absl::string_view type) const {
  return std::count_if(device_pointers_.begin(), device_pointers_.end(),
                       [type](const Device* device) { return device->device_type() == type; });
}

std::string DeviceMgr::DeviceNamesDebugString() const {
  if (device_pointers_.empty()) return "(none)";
  return absl::StrJoin(device_pointers_, ", ", [](std::string* out, const Device* device) {
    out->append(device->name());
  });
}

void DeviceMgr::ClearContainers(const std::vector<std::string>& containers) const {
  for (Device* device : device_pointers_) {
    ResourceMgr* resources = device->resource_manager();
    if (containers.empty()) {
      resources->Cleanup(resources->default_container()).IgnoreError();
    }
    for (const std::string& container : containers) {
      resources->Cleanup(container).IgnoreError();
    }
  }
}

namespace {

struct RegisteredFactory {
  int priority;
  std::unique_ptr<DeviceFactory> factory;
};

// FactoryRegistry is the process-wide map device type -> highest-priority factory.
class FactoryRegistry {
 public:
  static FactoryRegistry* Global() {
    static FactoryRegistry* const registry = new FactoryRegistry;
    return registry;
  }

  void Register(const std::string& device_type, std::unique_ptr<DeviceFactory> factory,
                int priority) {
    absl::MutexLock lock(&mu_);
    auto it = factories_.find(device_type);
    if (it != factories_.end() && it->second.priority >= priority) return;
    factories_[device_type] = RegisteredFactory{priority, std::move(factory)};
  }

  DeviceFactory* Get(absl::string_view device_type) const {
    absl::MutexLock lock(&mu_);
    auto it = factories_.find(device_type);
    return it == factories_.end() ? nullptr : it->second.factory.get();
  }

  std::vector<std::string> Types() const {
    std::vector<std::string> types;
    {
      absl::MutexLock lock(&mu_);
      for (const auto& [type, registered] : factories_) types.push_back(type);
    }
    std::sort(types.begin(), types.end(), [](const std::string& a, const std::string& b) {
      const bool a_cpu = a == DEVICE_CPU, b_cpu = b == DEVICE_CPU;
      return a_cpu != b_cpu ? a_cpu : a < b;
    });
    return types;
  }

 private:
  mutable absl::Mutex mu_;
  absl::flat_hash_map<std::string, RegisteredFactory> factories_ ABSL_GUARDED_BY(mu_);
};

}  // namespace

void DeviceFactory::Register(const std::string& device_type,
                             std::unique_ptr<DeviceFactory> factory, int priority) {
  FactoryRegistry::Global()->Register(device_type, std::move(factory), priority);
}

DeviceFactory* DeviceFactory::GetFactory(absl::string_view device_type) {
  return FactoryRegistry::Global()->Get(device_type);
}

std::vector<std::string> DeviceFactory::ListDeviceTypes() {
  return FactoryRegistry::Global()->Types();
}

absl::Status DeviceFactory::AddDevices(const DeviceOptions& options,
                                       std::vector<std::unique_ptr<Device>>* devices) {
  const std::vector<std::string> types = ListDeviceTypes();
  bool has_cpu = false;
  for (const std::string& type : types) {
    auto count = options.device_count.find(type);
    const int num_devices = count == options.device_count.end() ? -1 : count->second;
    if (num_devices == 0) continue;
    const size_t before = devices->size();
    RETURN_IF_ERROR(errors::AppendToMessage(
        GetFactory(type)->CreateDevices(options.intra_op_threads, num_devices, devices),
        " (while creating ", type, " devices)"));
    if (type == DEVICE_CPU && devices->size() > before) has_cpu = true;
  }
  if (!has_cpu) {
    return errors::FailedPrecondition(
        "No CPU device was created; a session needs one. Registered device types: ",
        absl::StrJoin(types, ", "),
        types.empty() ? " (none: link //core/framework:device, which registers the CPU)" : "");
  }
  return absl::OkStatus();
}

}  // namespace rill
