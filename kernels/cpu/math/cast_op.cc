// The CPU kernel of Cast: converts between any two of bool, the integer types, half,
// bfloat16, float and double with the rules of cast_op.h; same-type casts forward the input.
#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "kernels/cpu/math/cast_op.h"
#include "kernels/cpu/math/elementwise_sharding.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

// CastOp picks its conversion loop in Initialize from the SrcT, DstT and Truncate attrs;
// Compute runs it, sharded over the intra-op pool when the tensor is large. Thread-safe:
// Compute writes only the sharding hint behind IsExpensive.
class CastOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    DataType src;
    DataType dst;
    bool truncate;
    RETURN_IF_ERROR(ctx->GetAttr("SrcT", &src));
    RETURN_IF_ERROR(ctx->GetAttr("DstT", &dst));
    RETURN_IF_ERROR(ctx->GetAttr("Truncate", &truncate));
    if (src == dst) return absl::OkStatus();
    for (const auto get_cast :
         {&GetCastFromFloating, &GetCastFromBoolOrSigned, &GetCastFromUnsigned}) {
      cast_ = get_cast(src, dst, truncate);
      if (cast_ != nullptr) break;
    }
    if (cast_ == nullptr) {
      return ctx->AddNodeContext(errors::Unimplemented(
          "Cast ", DataTypeString(src), " to ", DataTypeString(dst), " is not supported"));
    }
    src_size_ = DataTypeSize(src);
    dst_size_ = DataTypeSize(dst);
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    if (cast_ == nullptr) return ctx->set_output(0, x);
    Tensor* y;
    RETURN_IF_ERROR(ctx->allocate_output(0, x.shape(), &y));
    const char* in = static_cast<const char*>(x.data());
    char* out = static_cast<char*>(y->data());
    // A conversion costs a cycle or two; saturating and truncating ones a few more.
    const Eigen::TensorOpCost cost(src_size_, dst_size_, /*compute_cycles=*/4);
    sharding_.Run(ctx, x.NumElements(), cost, [&](int64_t begin, int64_t end) {
      cast_(in + begin * src_size_, out + begin * dst_size_, end - begin);
    });
    return absl::OkStatus();
  }

  bool IsExpensive() const override { return sharding_.IsExpensive(); }

 private:
  // cast_ converts SrcT to DstT; nullptr when they are the same type.
  CastFn cast_ = nullptr;
  int src_size_ = 0;
  int dst_size_ = 0;
  ElementwiseSharding sharding_;
};

REGISTER_KERNEL_BUILDER(Name("Cast").Device(DEVICE_CPU), CastOp);

}  // namespace
}  // namespace rill
