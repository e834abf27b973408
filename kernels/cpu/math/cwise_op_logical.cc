// The CPU kernels of the logical ops on bool tensors: LogicalAnd and LogicalOr (BinaryOp,
// broadcasting) and LogicalNot.
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/math/binary_op.h"
#include "kernels/cpu/math/cwise_ops.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// LogicalNotOp computes y = !x, in x's buffer when nobody else holds it.
class LogicalNotOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    Tensor* y;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0}, 0, x.shape(), &y));
    const bool* in = x.unaligned_flat<bool>().data();
    bool* out = y->unaligned_flat<bool>().data();
    sharding_.Run(ctx, x.NumElements(), Eigen::TensorOpCost(1, 1, 1),
                  [&](int64_t begin, int64_t end) {
                    for (int64_t i = begin; i < end; ++i) out[i] = !in[i];
                  });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  ElementwiseSharding sharding_;
};

}  // namespace

REGISTER_KERNEL_BUILDER(Name("LogicalAnd").Device(DEVICE_CPU), BinaryOp<functor::LogicalAnd>);
REGISTER_KERNEL_BUILDER(Name("LogicalOr").Device(DEVICE_CPU), BinaryOp<functor::LogicalOr>);
REGISTER_KERNEL_BUILDER(Name("LogicalNot").Device(DEVICE_CPU), LogicalNotOp);

}  // namespace rill
