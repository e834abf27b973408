// Prints the CUDA devices this machine exposes to Rill, one line each ("no GPU" otherwise).
// Usage: tools/bazel run --config=cuda //tools/gpu:gpu_info
#include <cstdio>

#include "tools/gpu/gpu_probe.h"

int main() {
  const std::vector<rill::GpuDescription> gpus = rill::ListGpus();
  if (gpus.empty()) {
    std::printf("no GPU visible to the CUDA runtime\n");
    return 0;
  }
  for (const rill::GpuDescription& gpu : gpus) {
    std::printf("/device:GPU:%d  %s  sm_%d%d  %.1f GiB  %d SMs\n", gpu.index, gpu.name.c_str(),
                gpu.compute_capability_major, gpu.compute_capability_minor,
                gpu.total_memory_bytes / (1024.0 * 1024.0 * 1024.0), gpu.multiprocessor_count);
  }
  return 0;
}
