// The CPU kernels of Reshape, Squeeze and ExpandDims: the output is the input's buffer
// under a new shape, never a copy.
#include <cstdint>
#include <vector>

#include "absl/strings/str_join.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "ops/array/slicing.h"

namespace rill {
namespace {

// SetReshapedOutput makes output 0 the input's buffer with `shape`.
absl::Status SetReshapedOutput(OpKernelContext* ctx, const TensorShape& shape) {
  Tensor out;
  if (!out.CopyFrom(ctx->input(0), shape)) {
    return errors::Internal("reshaping ", ctx->input(0).shape().DebugString(), " to ",
                            shape.DebugString(), " changes the element count");
  }
  return ctx->set_output(0, std::move(out));
}

class ReshapeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& input = ctx->input(0);
    const Tensor& sizes = ctx->input(1);
    // A scalar is read as a vector of one size, as TensorFlow still allows.
    if (sizes.dims() > 1) {
      return errors::InvalidArgument("sizes input must be 1-D, not ", sizes.shape().DebugString());
    }
    ASSIGN_OR_RETURN(DimVector dims, IndexValues(sizes, "shape"));
    // `product` multiplies the non-zero known sizes; zeros and the one -1 are left out so
    // that a -1 can still be inferred next to a 0 ([0, -1] for a [0, 3] input is [0, 3]).
    int64_t product = 1;
    int unknown = -1;
    bool has_zero = false;
    for (int d = 0; d < static_cast<int>(dims.size()); ++d) {
      if (dims[d] == -1) {
        if (unknown != -1) {
          return errors::InvalidArgument("Only one input size may be -1, not both ", unknown,
                                         " and ", d);
        }
        unknown = d;
      } else if (dims[d] < 0) {
        return errors::InvalidArgument("Size ", d, " must be non-negative, not ", dims[d]);
      } else if (dims[d] == 0) {
        has_zero = true;
      } else if (__builtin_mul_overflow(product, dims[d], &product)) {
        return errors::InvalidArgument("Requested shape [", absl::StrJoin(dims, ","),
                                       "] has too many elements");
      }
    }
    if (unknown != -1) {
      // The input's element count, leaving out its zero dims when the shape has a zero.
      int64_t input_elements = 1;
      bool input_has_zero = false;
      for (int d = 0; d < input.dims(); ++d) {
        if (input.dim_size(d) > 0 || !has_zero) {
          input_elements *= input.dim_size(d);
        } else {
          input_has_zero = true;
        }
      }
      const int64_t missing = input_elements / product;
      if (!input_has_zero && missing * product != input_elements) {
        return errors::InvalidArgument("Input to reshape is a tensor with ", input_elements,
                                       " values, but the requested shape requires a multiple of ",
                                       product);
      }
      dims[unknown] = missing;
    }
    ASSIGN_OR_RETURN(const TensorShape shape, TensorShape::Build(dims));
    if (shape.num_elements() != input.NumElements()) {
      return errors::InvalidArgument("Input to reshape is a tensor with ", input.NumElements(),
                                     " values, but the requested shape has ",
                                     shape.num_elements());
    }
    return SetReshapedOutput(ctx, shape);
  }

  bool IsExpensive() const override { return false; }
};

class SqueezeOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("squeeze_dims", &squeeze_dims_);
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const TensorShape& in = ctx->input(0).shape();
    const int rank = in.dims();
    std::vector<bool> squeezed(rank, false);
    for (const int64_t dim : squeeze_dims_) {
      if (dim < -rank || dim >= rank) {
        return errors::InvalidArgument("Tried to squeeze dim index ", dim, " for tensor with ",
                                       rank, " dimensions.");
      }
      squeezed[dim < 0 ? dim + rank : dim] = true;
    }
    TensorShape shape;
    for (int d = 0; d < rank; ++d) {
      if (squeezed[d]) {
        if (in.dim_size(d) != 1) {
          return errors::InvalidArgument("Can not squeeze dim[", d,
                                         "], expected a dimension of 1, got ", in.dim_size(d));
        }
      } else if (!(squeeze_dims_.empty() && in.dim_size(d) == 1)) {
        shape.AddDim(in.dim_size(d));
      }
    }
    return SetReshapedOutput(ctx, shape);
  }

  bool IsExpensive() const override { return false; }

 private:
  std::vector<int64_t> squeeze_dims_;
};

class ExpandDimsOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const TensorShape& in = ctx->input(0).shape();
    const Tensor& dim_tensor = ctx->input(1);
    if (dim_tensor.NumElements() != 1) {
      return errors::InvalidArgument("'dim' must be a tensor with a single value, but has shape ",
                                     dim_tensor.shape().DebugString());
    }
    ASSIGN_OR_RETURN(const DimVector dim_values, IndexValues(dim_tensor, "dim"));
    const int rank = in.dims();
    int64_t dim = dim_values[0];
    if (dim < -1 - rank || dim > rank) {
      return errors::InvalidArgument("Tried to expand dim index ", dim, " for tensor with ",
                                     rank, " dimensions.");
    }
    if (dim < 0) dim += rank + 1;
    TensorShape shape = in;
    shape.InsertDim(static_cast<int>(dim), 1);
    return SetReshapedOutput(ctx, shape);
  }

  bool IsExpensive() const override { return false; }
};

REGISTER_KERNEL_BUILDER(Name("Reshape").Device(DEVICE_CPU), ReshapeOp);
REGISTER_KERNEL_BUILDER(Name("Squeeze").Device(DEVICE_CPU), SqueezeOp);
REGISTER_KERNEL_BUILDER(Name("ExpandDims").Device(DEVICE_CPU), ExpandDimsOp);

}  // namespace
}  // namespace rill
