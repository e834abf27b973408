// Device: where kernels run (a CPU, a GPU), with its allocator, intra-op thread pool and
// resource manager; DeviceMgr: a session's devices; DeviceFactory: how devices get made.
#ifndef RILL_CORE_FRAMEWORK_DEVICE_H_
#define RILL_CORE_FRAMEWORK_DEVICE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "core/framework/device_name_utils.h"
#include "core/framework/resource_handle.h"
#include "core/framework/resource_mgr.h"

namespace Eigen {
struct ThreadPoolDevice;
}  // namespace Eigen

namespace rill {

class Allocator;
class ThreadPool;

// DeviceAttributes describes a device (TensorFlow's DeviceAttributes message, in C++).
struct DeviceAttributes {
  std::string name;                  // Full name: "/job:localhost/replica:0/task:0/device:CPU:0".
  std::string device_type;           // DEVICE_CPU, DEVICE_GPU, ...
  int64_t memory_limit = 0;          // Bytes the device may use.
  std::string physical_device_desc;  // Free-form: "Intel Xeon, 16 cores", "NVIDIA H100, ...".
};

// Device is one place kernels run. It owns its ResourceMgr; the allocator and the
// intra-op thread pool belong to the subclass (or are shared process-wide). A Device is
// used concurrently by every kernel running on it: all methods must be thread-safe.
class Device {
 public:
  virtual ~Device();

  Device(const Device&) = delete;
  Device& operator=(const Device&) = delete;

  // name is the device's full name.
  const std::string& name() const { return attributes_.name; }
  const DeviceNameUtils::ParsedName& parsed_name() const { return parsed_name_; }
  const std::string& device_type() const { return attributes_.device_type; }
  const DeviceAttributes& attributes() const { return attributes_; }

  // GetAllocator returns the allocator of the device's memory.
  virtual Allocator* GetAllocator() = 0;

  // intra_op_thread_pool is the pool kernels shard their work over (ThreadPool::ParallelFor);
  // eigen_cpu_device is an Eigen device on the same pool, for `out.device(*d) = expr`.
  ThreadPool* intra_op_thread_pool() const { return intra_op_thread_pool_; }
  const Eigen::ThreadPoolDevice* eigen_cpu_device() const { return eigen_cpu_device_.get(); }

  ResourceMgr* resource_manager() const { return resource_manager_.get(); }

  // Sync waits until all work queued on the device is done (a no-op on CPU).
  virtual absl::Status Sync() { return absl::OkStatus(); }

  // DebugString: "<name> (<type>)".
  std::string DebugString() const;

 protected:
  // REQUIRES: attributes.name parses with DeviceNameUtils::ParseFullName (subclasses build
  // it with DeviceNameUtils::FullName).
  explicit Device(DeviceAttributes attributes);

  // SetIntraOpThreadPool makes `pool` (not owned; must outlive the device) the device's
  // intra-op pool and builds eigen_cpu_device on it. Subclasses call it from construction.
  void SetIntraOpThreadPool(ThreadPool* pool);

 private:
  const DeviceAttributes attributes_;
  DeviceNameUtils::ParsedName parsed_name_;
  std::unique_ptr<ResourceMgr> resource_manager_;
  ThreadPool* intra_op_thread_pool_ = nullptr;
  std::unique_ptr<Eigen::ThreadPoolDevice> eigen_cpu_device_;
};

// DeviceMgr owns the devices of one session and finds them by name. Immutable after
// construction, so safe for concurrent use.
class DeviceMgr {
 public:
  // REQUIRES: device names are distinct.
  explicit DeviceMgr(std::vector<std::unique_ptr<Device>> devices);
  ~DeviceMgr();

  DeviceMgr(const DeviceMgr&) = delete;
  DeviceMgr& operator=(const DeviceMgr&) = delete;

  // ListDevices returns the devices in construction order (CPU devices first when built by
  // DeviceFactory::AddDevices).
  const std::vector<Device*>& ListDevices() const { return device_pointers_; }

  // LookupDevice finds the one device that `name` specifies: its full name or any short
  // form ("/cpu:0", "/device:GPU:1", "GPU:1"). NotFound when none matches, InvalidArgument
  // when `name` does not parse or matches several devices; both list the known devices.
  absl::StatusOr<Device*> LookupDevice(absl::string_view name) const;

  // FindMatchingDevices returns the devices `spec` is a specification of, in list order.
  std::vector<Device*> FindMatchingDevices(const DeviceNameUtils::ParsedName& spec) const;

  // HostCpu returns the first CPU device, or nullptr when there is none.
  Device* HostCpu() const;

  // NumDevicesOfType counts the devices whose device_type is `type`.
  int NumDevicesOfType(absl::string_view type) const;

  // DeviceNamesDebugString lists the full device names, comma-separated, for error messages.
  std::string DeviceNamesDebugString() const;

  // ClearContainers runs ResourceMgr::Cleanup(container) on every device; an empty list
  // means each device's default container.
  void ClearContainers(const std::vector<std::string>& containers) const;

 private:
  std::vector<std::unique_ptr<Device>> devices_;
  std::vector<Device*> device_pointers_;
  absl::flat_hash_map<std::string, Device*> by_full_name_;
};

// DeviceOptions configures the devices DeviceFactory::AddDevices creates for a session.
struct DeviceOptions {
  // Threads in each device's intra-op pool; 0 means the number of cores.
  int intra_op_threads = 0;
  // Number of devices per type (TensorFlow's ConfigProto.device_count); a type not listed
  // gets its factory's default (one CPU, every visible GPU). {"GPU", 0} hides the GPUs.
  std::map<std::string, int> device_count;
};

// DeviceFactory makes the devices of one type. Factories register once per process, from
// the target that implements the device (the CPU's in cpu_device.cc, CUDA's in its own
// target), with REGISTER_LOCAL_DEVICE_FACTORY. Registration and lookup are thread-safe.
class DeviceFactory {
 public:
  virtual ~DeviceFactory() = default;

  // CreateDevices appends `num_devices` new devices of this factory's type to `devices`
  // (fewer when the hardware has fewer; the factory's default number when -1), each with an
  // intra-op pool of `intra_op_threads` threads (0 = number of cores).
  virtual absl::Status CreateDevices(int intra_op_threads, int num_devices,
                                     std::vector<std::unique_ptr<Device>>* devices) = 0;

  // Register adds `factory` for `device_type`. When two factories register one type, the
  // one with the higher `priority` wins.
  static void Register(const std::string& device_type, std::unique_ptr<DeviceFactory> factory,
                       int priority);

  // GetFactory returns the factory for `device_type`, or nullptr.
  static DeviceFactory* GetFactory(absl::string_view device_type);

  // ListDeviceTypes returns the registered types, CPU first, then alphabetically.
  static std::vector<std::string> ListDeviceTypes();

  // AddDevices asks every registered factory, in ListDeviceTypes order, for its devices.
  // FailedPrecondition when no CPU device results (every session needs one).
  static absl::Status AddDevices(const DeviceOptions& options,
                                 std::vector<std::unique_ptr<Device>>* devices);
};

// Registers a DeviceFactory subclass at static-initialization time:
//   REGISTER_LOCAL_DEVICE_FACTORY(DEVICE_CPU, CpuDeviceFactory, 50);
#define REGISTER_LOCAL_DEVICE_FACTORY(device_type, factory_class, priority) \
  RILL_REGISTER_DEVICE_FACTORY_UNIQ(__COUNTER__, device_type, factory_class, priority)
#define RILL_REGISTER_DEVICE_FACTORY_UNIQ(counter, device_type, factory_class, priority) \
  RILL_REGISTER_DEVICE_FACTORY_IMPL(counter, device_type, factory_class, priority)
#define RILL_REGISTER_DEVICE_FACTORY_IMPL(counter, device_type, factory_class, priority) \
  static const bool rill_device_factory_registered_##counter = [] {                      \
    ::rill::DeviceFactory::Register(device_type, std::make_unique<factory_class>(),      \
                                    priority);                                          \
    return true;                                                                         \
  }()

// MakeResourceHandle returns a handle to `container`/`name` of type T on `device`; an
// empty `container` means the device's default container.
template <typename T>
ResourceHandle MakeResourceHandle(const std::string& container, const std::string& name,
                                  const Device& device) {
  return MakeResourceHandle<T>(
      container.empty() ? device.resource_manager()->default_container() : container, name,
      device.name());
}

// ValidateDeviceForHandle is InvalidArgument when `handle` names a device other than
// `device` (a resource lives in one device's ResourceMgr).
absl::Status ValidateDeviceForHandle(const Device& device, const ResourceHandle& handle);

// LookupResource sets `*resource` (with a new reference) to what `handle` names on `device`.
template <typename T>
absl::Status LookupResource(const Device& device, const ResourceHandle& handle, T** resource) {
  absl::Status status = ValidateDeviceForHandle(device, handle);
  if (!status.ok()) return status;
  return device.resource_manager()->Lookup<T>(handle, resource);
}

// CreateResource stores `resource` (taking the caller's reference) where `handle` says.
template <typename T>
absl::Status CreateResource(const Device& device, const ResourceHandle& handle, T* resource) {
  absl::Status status = ValidateDeviceForHandle(device, handle);
  if (!status.ok()) {
    resource->Unref();
    return status;
  }
  return device.resource_manager()->Create<T>(handle, resource);
}

// DeleteResource removes what `handle` names from `device`.
absl::Status DeleteResource(const Device& device, const ResourceHandle& handle);

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_DEVICE_H_
