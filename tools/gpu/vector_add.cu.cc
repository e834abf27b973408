// Device code for the GPU smoke test: an elementwise float add launched from gpu_probe.cc.
#include <cuda_runtime.h>

namespace rill {

__global__ void AddVectorsKernel(const float* a, const float* b, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = a[i] + b[i];
}

cudaError_t LaunchAddVectors(const float* a, const float* b, float* out, int n) {
  constexpr int kThreads = 256;
  AddVectorsKernel<<<(n + kThreads - 1) / kThreads, kThreads>>>(a, b, out, n);
  return cudaGetLastError();
}

}  // namespace rill
