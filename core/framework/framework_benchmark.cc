// Benchmarks for the framework's per-node costs: tensor allocation, kernel lookup (cached
// signature and cold registry), and OpKernel construction.
#include <chrono>
#include <memory>
#include <string>

#include "benchmark/benchmark.h"
#include "core/framework/cpu_device.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

REGISTER_OP("BenchAdd")
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: {float, double, int32, int64}");

template <typename T>
class BenchAddKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Compute(OpKernelContext* ctx) override { return absl::OkStatus(); }
};

REGISTER_KERNEL_BUILDER(Name("BenchAdd").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        BenchAddKernel<float>);
REGISTER_KERNEL_BUILDER(Name("BenchAdd").Device(DEVICE_CPU).TypeConstraint<double>("T"),
                        BenchAddKernel<double>);
REGISTER_KERNEL_BUILDER(Name("BenchAdd").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        BenchAddKernel<int32_t>);
REGISTER_KERNEL_BUILDER(Name("BenchAdd").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
                        BenchAddKernel<int64_t>);

tensorflow::NodeDef BenchAddNode(DataType dtype) {
  tensorflow::NodeDef node_def;
  node_def.set_name("add");
  node_def.set_op("BenchAdd");
  node_def.add_input("x");
  node_def.add_input("y");
  AddNodeAttr("T", dtype, &node_def);
  return node_def;
}

// Allocating and freeing a float tensor of range(0) elements (scalar, 1 KiB, 1 MiB).
void BM_TensorAllocateFree(benchmark::State& state) {
  const TensorShape shape =
      state.range(0) == 0 ? TensorShape() : TensorShape({state.range(0)});
  for (auto _ : state) {
    Tensor tensor(DT_FLOAT, shape);
    benchmark::DoNotOptimize(tensor.data());
  }
}
BENCHMARK(BM_TensorAllocateFree)->Arg(0)->Arg(256)->Arg(256 * 1024);

// FindKernel for a node signature the registry has seen (the executor's steady state).
void BM_FindKernelRepeated(benchmark::State& state) {
  const tensorflow::NodeDef node_def = BenchAddNode(DT_INT64);
  for (auto _ : state) {
    absl::StatusOr<const KernelRegistration*> found = FindKernel(DEVICE_CPU, node_def);
    benchmark::DoNotOptimize(found);
  }
}
BENCHMARK(BM_FindKernelRepeated);

// FindKernel in a registry built fresh each iteration (only the lookup is timed): the
// first lookup of an op right after its kernels were registered, caches cold.
void BM_FindKernelColdRegistry(benchmark::State& state) {
  const tensorflow::NodeDef node_def = BenchAddNode(DT_INT64);
  const KernelRegistration* prototype = *FindKernel(DEVICE_CPU, node_def);
  for (auto _ : state) {
    auto registry = std::make_unique<KernelRegistry>();
    for (DataType dtype : {DT_FLOAT, DT_DOUBLE, DT_INT32, DT_INT64}) {
      KernelRegistration registration = *prototype;
      registration.def.constraints[0].allowed = {dtype};
      RILL_CHECK_OK(registry->Register(std::move(registration)));
    }
    const auto start = std::chrono::steady_clock::now();
    absl::StatusOr<const KernelRegistration*> found =
        registry->FindKernel(DEVICE_CPU, node_def);
    benchmark::DoNotOptimize(found);
    const auto stop = std::chrono::steady_clock::now();
    state.SetIterationTime(std::chrono::duration<double>(stop - start).count());
  }
}
BENCHMARK(BM_FindKernelColdRegistry)->UseManualTime();

// CreateOpKernel: op lookup, defaults, validation, kernel lookup, type resolution, build.
void BM_CreateOpKernel(benchmark::State& state) {
  std::unique_ptr<CpuDevice> device = CpuDevice::Create(1);
  const tensorflow::NodeDef node_def = BenchAddNode(DT_FLOAT);
  for (auto _ : state) {
    absl::StatusOr<std::unique_ptr<OpKernel>> kernel =
        CreateOpKernel(DEVICE_CPU, device.get(), node_def);
    benchmark::DoNotOptimize(kernel);
  }
}
BENCHMARK(BM_CreateOpKernel);

}  // namespace
}  // namespace rill
