// The CPU kernel of InvertPermutation: y[x[i]] = i, after checking that x is a
// permutation of 0..n-1 (every value in range, none repeated).
#include <algorithm>
#include <cstdint>
#include <limits>

#include "absl/status/status.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"

namespace rill {
namespace {

template <typename T>
class InvertPermutationOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    if (x.dims() != 1) {
      return errors::InvalidArgument("invert_permutation expects a 1D vector, got shape ",
                                     x.shape().DebugString());
    }
    const int64_t n = x.NumElements();
    if (n > static_cast<int64_t>(std::numeric_limits<T>::max())) {
      return errors::InvalidArgument("permutation of nonnegative ", DataTypeString(x.dtype()),
                                     "s must have <= ", std::numeric_limits<T>::max(), " elements");
    }
    Tensor* y;
    RETURN_IF_ERROR(ctx->allocate_output(0, x.shape(), &y));
    const T* in = static_cast<const T*>(x.data());
    T* out = static_cast<T*>(y->data());
    std::fill(out, out + n, T(-1));
    for (int64_t i = 0; i < n; ++i) {
      const T d = in[i];
      if (d < 0 || static_cast<int64_t>(d) >= n) {
        return errors::InvalidArgument(d, " is not between 0 and ", n);
      }
      if (out[d] != -1) return errors::InvalidArgument(d, " is duplicated in the input.");
      out[d] = static_cast<T>(i);
    }
    return absl::OkStatus();
  }
};

REGISTER_KERNEL_BUILDER(Name("InvertPermutation").Device(DEVICE_CPU).TypeConstraint<int32_t>("T"),
                        InvertPermutationOp<int32_t>);
REGISTER_KERNEL_BUILDER(Name("InvertPermutation").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
                        InvertPermutationOp<int64_t>);

}  // namespace
}  // namespace rill
