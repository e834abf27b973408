// CpuDevice and the CPU's DeviceFactory, registered here so that linking this target is
// what gives a session its CPU.
#include "core/framework/cpu_device.h"

#include <sched.h>
#include <unistd.h>

#include <thread>
#include <utility>

#include "absl/strings/str_cat.h"
#include "core/framework/allocator.h"
#include "core/framework/device_type.h"
#include "core/framework/resource_mgr.h"

namespace rill {

int NumSchedulableCpus() {
  cpu_set_t cpus;
  if (sched_getaffinity(0, sizeof(cpus), &cpus) == 0 && CPU_COUNT(&cpus) > 0) {
    return CPU_COUNT(&cpus);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

std::unique_ptr<CpuDevice> CpuDevice::Create(int intra_op_threads, int index) {
  const int num_threads = intra_op_threads > 0 ? intra_op_threads : NumSchedulableCpus();
  DeviceAttributes attributes;
  attributes.name = DeviceNameUtils::FullName("localhost", 0, 0, DEVICE_CPU, index);
  attributes.device_type = DEVICE_CPU;
  attributes.memory_limit =
      static_cast<int64_t>(sysconf(_SC_PHYS_PAGES)) * static_cast<int64_t>(sysconf(_SC_PAGESIZE));
  attributes.physical_device_desc =
      absl::StrCat("host CPU, ", num_threads, " intra-op threads");
  auto pool = std::make_unique<ThreadPool>(absl::StrCat("cpu", index, "_intra"), num_threads);
  return std::unique_ptr<CpuDevice>(new CpuDevice(std::move(attributes), std::move(pool)));
}

CpuDevice::CpuDevice(DeviceAttributes attributes, std::unique_ptr<ThreadPool> thread_pool)
    : Device(std::move(attributes)), thread_pool_(std::move(thread_pool)) {
  SetIntraOpThreadPool(thread_pool_.get());
}

// Resources go first, while the intra-op pool lives: an iterator's background threads may
// be running kernels that shard work over it.
CpuDevice::~CpuDevice() { resource_manager()->Clear(); }

Allocator* CpuDevice::GetAllocator() { return CpuAllocator(); }

namespace {

// CpuDeviceFactory makes one CPU device by default, or as many as DeviceOptions asks.
class CpuDeviceFactory : public DeviceFactory {
 public:
  absl::Status CreateDevices(int intra_op_threads, int num_devices,
                             std::vector<std::unique_ptr<Device>>* devices) override {
    const int count = num_devices < 0 ? 1 : num_devices;
    for (int index = 0; index < count; ++index) {
      devices->push_back(CpuDevice::Create(intra_op_threads, index));
    }
    return absl::OkStatus();
  }
};

REGISTER_LOCAL_DEVICE_FACTORY(DEVICE_CPU, CpuDeviceFactory, 50);

}  // namespace
}  // namespace rill
