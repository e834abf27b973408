// The CPU kernel of CheckNumerics: passes its input through, or fails with the node's
// `message` when the tensor holds NaN or infinite values.
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"

namespace rill {
namespace {

template <typename T>
class CheckNumericsOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("message", &message_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& tensor = ctx->input(0);
    const T* data = static_cast<const T*>(tensor.data());
    bool has_nan = false;
    bool has_inf = false;
    for (int64_t i = 0; i < tensor.NumElements() && !(has_nan && has_inf); ++i) {
      has_nan |= static_cast<bool>(Eigen::numext::isnan(data[i]));
      has_inf |= static_cast<bool>(Eigen::numext::isinf(data[i]));
    }
    if (has_nan || has_inf) {
      const char* what = has_nan && has_inf ? "Inf and NaN" : has_nan ? "NaN" : "Inf";
      return errors::InvalidArgument(message_, " : Tensor had ", what, " values");
    }
    return ctx->set_output(0, tensor);
  }

 private:
  std::string message_;
};

#define REGISTER_CHECK_NUMERICS(T)                                                         \
  REGISTER_KERNEL_BUILDER(Name("CheckNumerics").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          CheckNumericsOp<T>);

RILL_CALL_FLOAT_TYPES(REGISTER_CHECK_NUMERICS)

#undef REGISTER_CHECK_NUMERICS

}  // namespace
}  // namespace rill
