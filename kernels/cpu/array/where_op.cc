// The CPU kernel of Where: the coordinates of the nonzero (true) elements of its input,
// one int64 row per element in row-major order. NaN counts as nonzero, -0.0 as zero.
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/device_type.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"

namespace rill {
namespace {

template <typename T>
class WhereOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const T* data = static_cast<const T*>(input.data());
    const int64_t size = input.NumElements();
    int64_t true_count = 0;
    for (int64_t i = 0; i < size; ++i) true_count += data[i] != T(0) ? 1 : 0;

    const int rank = input.dims();
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({true_count, rank}), &out));
    if (true_count == 0) return absl::OkStatus();
    int64_t* row = static_cast<int64_t*>(out->data());
    // `coordinates` walks every position of the input like an odometer.
    DimVector coordinates(rank, 0);
    for (int64_t i = 0; i < size; ++i) {
      if (data[i] != T(0)) {
        for (int d = 0; d < rank; ++d) row[d] = coordinates[d];
        row += rank;
      }
      for (int d = rank - 1; d >= 0; --d) {
        if (++coordinates[d] < input.dim_size(d)) break;
        coordinates[d] = 0;
      }
    }
    return absl::OkStatus();
  }
};

#define REGISTER_WHERE(T) \
  REGISTER_KERNEL_BUILDER(Name("Where").Device(DEVICE_CPU).TypeConstraint<T>("T"), WhereOp<T>);

RILL_CALL_NUMBER_TYPES(REGISTER_WHERE)
REGISTER_WHERE(bool)

#undef REGISTER_WHERE

}  // namespace
}  // namespace rill
