// Device type names ("CPU", "GPU") that kernels register under and devices report, and
// where a kernel keeps each input and output (device memory or host memory).
#ifndef RILL_CORE_FRAMEWORK_DEVICE_TYPE_H_
#define RILL_CORE_FRAMEWORK_DEVICE_TYPE_H_

#include "absl/container/inlined_vector.h"

namespace rill {

// DEVICE_CPU and DEVICE_GPU are the device types of `Device::device_type()` and of
// `KernelDefBuilder::Device(...)`. A device type is a plain string so that plugins can
// add new ones without editing the core.
constexpr char DEVICE_CPU[] = "CPU";
constexpr char DEVICE_GPU[] = "GPU";

// MemoryType says where a kernel expects one of its inputs or outputs: in the memory of
// its device (the default) or in host memory (shapes, strings, resource handles, and
// arguments named by `KernelDefBuilder::HostMemory`). On a CPU device both are host memory.
enum MemoryType {
  DEVICE_MEMORY = 0,
  HOST_MEMORY = 1,
};

using MemoryTypeVector = absl::InlinedVector<MemoryType, 4>;

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_DEVICE_TYPE_H_
