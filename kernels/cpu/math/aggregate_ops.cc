// The CPU AddN kernel: the element-wise sum of N tensors of one shape, for half, bfloat16,
// float, double, int32 and int64.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/status/status.h"
#include "core/framework/device.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/thread_pool.h"
#include "kernels/cpu/math/expense_hint.h"
#include "kernels/cpu/math/reduction_op.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// kBlock: elements per task of the thread pool.
constexpr int64_t kBlock = 4096;

// AddNOp<T> sums its inputs in order (((in0 + in1) + in2) + ...), rounding to T after each
// addition as TensorFlow does; integers wrap. The output reuses input 0's buffer when it
// can. Thread-safe: ExpenseHint is the only state Compute writes.
template <typename T>
class AddNOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const int n = ctx->num_inputs();
    const Tensor& first = ctx->input(0);
    for (int i = 1; i < n; ++i) {
      if (!ctx->input(i).shape().IsSameSize(first.shape())) {
        return errors::InvalidArgument(
            "Inputs to operation AddN must have the same size and shape.  Input 0: ",
            first.shape().DebugString(), " != input ", i, ": ",
            ctx->input(i).shape().DebugString());
      }
    }
    Tensor* output;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, first.shape(), &output));
    const int64_t size = first.NumElements();
    hint_.Record(size * n);
    if (size == 0) return absl::OkStatus();
    std::vector<const T*> inputs(n);
    for (int i = 0; i < n; ++i) inputs[i] = ctx->input(i).template flat<T>().data();
    T* out = output->flat<T>().data();
    if (n == 1) {
      if (out != inputs[0]) std::copy_n(inputs[0], size, out);
      return absl::OkStatus();
    }
    const int64_t blocks = (size + kBlock - 1) / kBlock;
    ctx->device()->intra_op_thread_pool()->ParallelFor(
        blocks, kBlock * n, [&](int64_t begin, int64_t end) {
          for (int64_t block = begin; block < end; ++block) {
            const int64_t start = block * kBlock;
            SumBlock(inputs, start, std::min(kBlock, size - start), out + start);
          }
        });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return hint_.expensive(); }

 private:
  static constexpr int kLanes = 16;

  // SumBlock writes the sums of elements [start, start + width) of `inputs` to out[0,
  // width). Each group of kLanes sums stays in registers while every input is added to
  // it, and is stored only after input 0 (possibly `out` itself) has been read.
  static void SumBlock(const std::vector<const T*>& inputs, int64_t start, int64_t width, T* out) {
    const int n = static_cast<int>(inputs.size());
    int64_t j = 0;
    for (; j + kLanes <= width; j += kLanes) {
      T sum[kLanes];
      const T* a = inputs[0] + start + j;
      const T* b = inputs[1] + start + j;
      for (int l = 0; l < kLanes; ++l) sum[l] = reduction::WrappingAdd(a[l], b[l]);
      for (int i = 2; i < n; ++i) {
        const T* c = inputs[i] + start + j;
        for (int l = 0; l < kLanes; ++l) sum[l] = reduction::WrappingAdd(sum[l], c[l]);
      }
      for (int l = 0; l < kLanes; ++l) out[j + l] = sum[l];
    }
    for (; j < width; ++j) {
      T sum = reduction::WrappingAdd(inputs[0][start + j], inputs[1][start + j]);
      for (int i = 2; i < n; ++i) sum = reduction::WrappingAdd(sum, inputs[i][start + j]);
      out[j] = sum;
    }
  }

  ExpenseHint hint_;
};

}  // namespace

#define REGISTER_ADDN_CPU(T) \
  REGISTER_KERNEL_BUILDER(Name("AddN").Device(DEVICE_CPU).TypeConstraint<T>("T"), AddNOp<T>)

REGISTER_ADDN_CPU(Eigen::half);
REGISTER_ADDN_CPU(Eigen::bfloat16);
REGISTER_ADDN_CPU(float);
REGISTER_ADDN_CPU(double);
REGISTER_ADDN_CPU(int32_t);
REGISTER_ADDN_CPU(int64_t);

#undef REGISTER_ADDN_CPU

}  // namespace rill
