// The CPU kernel of BroadcastGradientArgs: the dimensions a broadcasting binary op's gradient
// is summed over, for each operand, computed from the two operands' shapes.
#include <algorithm>
#include <cstdint>
#include <vector>

#include "absl/strings/str_join.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

template <typename T>
class BroadcastGradientArgsOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    std::vector<int64_t> shapes[2];
    for (int i = 0; i < 2; ++i) {
      const Tensor& shape = ctx->input(i);
      if (shape.dims() != 1) {
        return errors::InvalidArgument("s", i, " must be a vector, got shape ",
                                       shape.shape().DebugString());
      }
      const auto values = shape.flat<T>();
      shapes[i].assign(values.data(), values.data() + values.size());
    }
    std::vector<T> reduce[2];
    if (shapes[0] != shapes[1]) {
      const size_t rank = std::max(shapes[0].size(), shapes[1].size());
      for (size_t d = 0; d < rank; ++d) {
        // Dimension d of the right-aligned shapes; a missing leading dimension is 1.
        int64_t dims[2];
        for (int i = 0; i < 2; ++i) {
          const size_t pad = rank - shapes[i].size();
          dims[i] = d < pad ? 1 : shapes[i][d - pad];
        }
        if (dims[0] != dims[1] && dims[0] != 1 && dims[1] != 1) {
          return errors::InvalidArgument("Incompatible shapes: [",
                                         absl::StrJoin(shapes[0], ","), "] vs. [",
                                         absl::StrJoin(shapes[1], ","), "]");
        }
        for (int i = 0; i < 2; ++i) {
          if (dims[i] == 1) reduce[i].push_back(static_cast<T>(d));
        }
      }
    }
    for (int i = 0; i < 2; ++i) {
      Tensor* out;
      RETURN_IF_ERROR(ctx->allocate_output(
          i, TensorShape({static_cast<int64_t>(reduce[i].size())}), &out));
      std::copy(reduce[i].begin(), reduce[i].end(), out->flat<T>().data());
    }
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return false; }
};

REGISTER_KERNEL_BUILDER(Name("BroadcastGradientArgs").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        BroadcastGradientArgsOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("BroadcastGradientArgs").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
                        BroadcastGradientArgsOp<int64_t>);

}  // namespace
}  // namespace rill
