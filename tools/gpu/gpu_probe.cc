// Host side of the GPU probe: device enumeration through the CUDA runtime and the vector-add
// smoke test, with every CUDA error turned into "no device" or a message.
#include "tools/gpu/gpu_probe.h"

#include <cuda_runtime.h>

namespace rill {

cudaError_t LaunchAddVectors(const float* a, const float* b, float* out, int n);

std::vector<GpuDescription> ListGpus() {
  std::vector<GpuDescription> gpus;
  int count = 0;
  if (cudaGetDeviceCount(&count) != cudaSuccess) return gpus;
  for (int i = 0; i < count; ++i) {
    cudaDeviceProp props;
    if (cudaGetDeviceProperties(&props, i) != cudaSuccess) continue;
    GpuDescription gpu;
    gpu.index = i;
    gpu.name = props.name;
    gpu.compute_capability_major = props.major;
    gpu.compute_capability_minor = props.minor;
    gpu.total_memory_bytes = static_cast<long long>(props.totalGlobalMem);
    gpu.multiprocessor_count = props.multiProcessorCount;
    gpus.push_back(gpu);
  }
  return gpus;
}

bool AddVectorsOnGpu(int device, const std::vector<float>& a, const std::vector<float>& b,
                     std::vector<float>* out, std::string* error) {
  if (a.size() != b.size()) {
    *error = "inputs differ in length";
    return false;
  }
  const size_t bytes = a.size() * sizeof(float);
  float* device_a = nullptr;
  float* device_b = nullptr;
  float* device_out = nullptr;
  cudaError_t status = cudaSetDevice(device);
  if (status == cudaSuccess) status = cudaMalloc(&device_a, bytes);
  if (status == cudaSuccess) status = cudaMalloc(&device_b, bytes);
  if (status == cudaSuccess) status = cudaMalloc(&device_out, bytes);
  if (status == cudaSuccess) status = cudaMemcpy(device_a, a.data(), bytes, cudaMemcpyHostToDevice);
  if (status == cudaSuccess) status = cudaMemcpy(device_b, b.data(), bytes, cudaMemcpyHostToDevice);
  if (status == cudaSuccess) {
    status = LaunchAddVectors(device_a, device_b, device_out, static_cast<int>(a.size()));
  }
  out->resize(a.size());
  if (status == cudaSuccess) status = cudaMemcpy(out->data(), device_out, bytes, cudaMemcpyDeviceToHost);
  cudaFree(device_a);
  cudaFree(device_b);
  cudaFree(device_out);
  if (status != cudaSuccess) {
    *error = cudaGetErrorString(status);
    return false;
  }
  return true;
}

}  // namespace rill
