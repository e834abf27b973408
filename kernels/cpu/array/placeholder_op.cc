// The CPU kernel of Placeholder: it only runs when nobody fed the placeholder, and then
// fails with TensorFlow's "You must feed a value for placeholder tensor ..." error.
#include <string>

#include "absl/strings/str_cat.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"

namespace rill {
namespace {

// PlaceholderOp precomputes its error message, naming the node, the dtype and, when the
// `shape` attr has a known rank of at least 1, the shape.
class PlaceholderOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    PartialTensorShape shape;
    RETURN_IF_ERROR(ctx->GetAttr("shape", &shape));
    message_ = absl::StrCat("You must feed a value for placeholder tensor '", name(),
                            "' with dtype ", DataTypeString(ctx->output_type(0)));
    if (shape.dims() > 0) absl::StrAppend(&message_, " and shape ", shape.DebugString());
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    return errors::InvalidArgument(message_);
  }

  bool IsExpensive() const override { return false; }

 private:
  std::string message_;
};

REGISTER_KERNEL_BUILDER(Name("Placeholder").Device(DEVICE_CPU), PlaceholderOp);

}  // namespace
}  // namespace rill
