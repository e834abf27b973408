// CpuDevice: the host CPU as a Device ("/job:localhost/replica:0/task:0/device:CPU:0"),
// allocating with CpuAllocator() and sharding kernels over its own intra-op thread pool.
#ifndef RILL_CORE_FRAMEWORK_CPU_DEVICE_H_
#define RILL_CORE_FRAMEWORK_CPU_DEVICE_H_

#include <memory>

#include "core/framework/device.h"
#include "core/framework/thread_pool.h"

namespace rill {

// CpuDevice owns its intra-op ThreadPool. Thread-safe like every Device. The CPU's
// DeviceFactory (registered by this target) makes one CpuDevice per session.
class CpuDevice : public Device {
 public:
  // Create makes CPU device number `index` with `intra_op_threads` threads in its pool
  // (0 = the number of cores this process may use).
  static std::unique_ptr<CpuDevice> Create(int intra_op_threads, int index = 0);

  ~CpuDevice() override;

  Allocator* GetAllocator() override;

 private:
  CpuDevice(DeviceAttributes attributes, std::unique_ptr<ThreadPool> thread_pool);

  std::unique_ptr<ThreadPool> thread_pool_;
};

// NumSchedulableCpus returns the number of cores this process may run on (its affinity
// mask), at least 1.
int NumSchedulableCpus();

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_CPU_DEVICE_H_
