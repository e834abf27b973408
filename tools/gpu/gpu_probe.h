// Asks the CUDA runtime which GPUs this process can use. A machine without a GPU or driver
// reports zero devices (never an error or a crash), so callers can skip GPU work cleanly.
#ifndef RILL_TOOLS_GPU_GPU_PROBE_H_
#define RILL_TOOLS_GPU_GPU_PROBE_H_

#include <string>
#include <vector>

namespace rill {

struct GpuDescription {
  int index = 0;
  std::string name;
  int compute_capability_major = 0;
  int compute_capability_minor = 0;
  long long total_memory_bytes = 0;
  int multiprocessor_count = 0;
};

// ListGpus returns every visible CUDA device; empty when there is no GPU or no driver.
std::vector<GpuDescription> ListGpus();

// AddVectorsOnGpu computes out[i] = a[i] + b[i] on GPU `device` (a smoke test of the nvcc
// build). Returns false with `error` set when the device cannot run it.
bool AddVectorsOnGpu(int device, const std::vector<float>& a, const std::vector<float>& b,
                     std::vector<float>* out, std::string* error);

}  // namespace rill

#endif  // RILL_TOOLS_GPU_GPU_PROBE_H_
