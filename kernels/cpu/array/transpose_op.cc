// The CPU kernel of Transpose: a strided copy reading the input in the permuted order (in
// tiles when it transposes the innermost dimension), or the input's buffer itself when the
// permutation keeps every dimension larger than 1 in place.
#include <cstdint>
#include <vector>

#include "absl/strings/str_join.h"
#include "core/framework/device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "kernels/cpu/array/strided_copy.h"
#include "ops/array/slicing.h"

namespace rill {
namespace {

class TransposeOp : public CopyingKernel {
 public:
  using CopyingKernel::CopyingKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& perm_tensor = ctx->input(1);
    if (perm_tensor.dims() != 1) {
      return errors::InvalidArgument("perm must be a vector, not ",
                                     perm_tensor.shape().DebugString());
    }
    ASSIGN_OR_RETURN(const DimVector perm, IndexValues(perm_tensor, "perm"));
    const int rank = input.dims();
    if (static_cast<int>(perm.size()) != rank) {
      return errors::InvalidArgument("transpose expects a vector of size ", rank,
                                     ". But input(1) is a vector of size ", perm.size());
    }
    std::vector<bool> seen(rank, false);
    for (int i = 0; i < rank; ++i) {
      if (perm[i] < 0 || perm[i] >= rank) {
        return errors::InvalidArgument("perm[", i, "] = ", perm[i], " is not in [0, ", rank,
                                       ")");
      }
      if (seen[perm[i]]) {
        return errors::InvalidArgument("perm {", absl::StrJoin(perm, ","),
                                       "} is not a permutation: ", perm[i],
                                       " appears more than once");
      }
      seen[perm[i]] = true;
    }

    const TensorShape& in = input.shape();
    DimVector out_dims(rank);
    for (int i = 0; i < rank; ++i) out_dims[i] = in.dim_size(perm[i]);
    const TensorShape out_shape(out_dims);
    // Dimensions of size 1 may move freely: if the others keep their order, the bytes do.
    int last = -1;
    bool order_kept = true;
    for (int i = 0; i < rank && order_kept; ++i) {
      if (in.dim_size(perm[i]) == 1) continue;
      order_kept = perm[i] > last;
      last = perm[i];
    }
    if (order_kept) {
      Tensor out;
      out.CopyFrom(input, out_shape);
      return ctx->set_output(0, std::move(out));
    }

    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(0, out_shape, &out));
    NoteCopiedBytes(out->TotalBytes());
    const DimVector in_strides = RowMajorStrides(in.dim_sizes());
    DimVector src_strides(rank);
    for (int i = 0; i < rank; ++i) src_strides[i] = in_strides[perm[i]];
    return CopyStrided(input.dtype(), input.data(), src_strides, out->data(),
                       RowMajorStrides(out_dims), out_dims,
                       ctx->device()->intra_op_thread_pool());
  }
};

REGISTER_KERNEL_BUILDER(Name("Transpose").Device(DEVICE_CPU), TransposeOp);

}  // namespace
}  // namespace rill
