// Shape op definitions: Shape, ShapeN, Size, Rank, Reshape, Squeeze, ExpandDims, Transpose,
// BroadcastTo and BroadcastGradientArgs, with TensorFlow's names, attrs and shape functions.
#include <cstdint>
#include <vector>

#include "absl/strings/str_join.h"
#include "core/framework/common_shape_fns.h"
#include "core/framework/errors.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "ops/array/slicing.h"

namespace rill {
namespace {

// ShapeShapeFn: output i is a vector with one entry per dimension of input i.
absl::Status ShapeShapeFn(InferenceContext* c) {
  for (int i = 0; i < c->num_inputs(); ++i) {
    const ShapeHandle input = c->input(i);
    c->set_output(i, c->Vector(c->RankKnown(input) ? c->MakeDim(int64_t{c->Rank(input)})
                                                   : c->UnknownDim()));
  }
  return absl::OkStatus();
}

// ReshapeShapeFn: the shape tensor, with its one unknown dimension (-1) inferred when the
// input's element count is known, or passed through when both sides have one unknown
// dimension and agree on the rest.
absl::Status ReshapeShapeFn(InferenceContext* c) {
  const ShapeHandle in = c->input(0);
  ShapeHandle out;
  RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &out));
  if (!c->RankKnown(out) || !c->RankKnown(in)) {
    c->set_output(0, out);
    return absl::OkStatus();
  }
  // Known element counts of each side, and the index of its only unknown dim (-1 if none,
  // -2 if several).
  const auto count = [c](ShapeHandle s, int64_t* known, int* unknown) -> absl::Status {
    *known = 1;
    *unknown = -1;
    for (int i = 0; i < c->Rank(s); ++i) {
      const int64_t value = c->Value(c->Dim(s, i));
      if (value < 0) {
        *unknown = *unknown == -1 ? i : -2;
      } else if (__builtin_mul_overflow(*known, value, known)) {
        return errors::InvalidArgument("Shape ", c->DebugString(s),
                                       " has too many elements for int64");
      }
    }
    return absl::OkStatus();
  };
  int64_t in_known, out_known;
  int in_unknown, out_unknown;
  RETURN_IF_ERROR(count(in, &in_known, &in_unknown));
  RETURN_IF_ERROR(count(out, &out_known, &out_unknown));
  if (in_unknown == -2 || out_unknown == -2) {
    c->set_output(0, out);
    return absl::OkStatus();
  }
  if (in_unknown == -1 && out_unknown == -1) {
    if (in_known != out_known) {
      return errors::InvalidArgument("Cannot reshape a tensor with ", in_known,
                                     " elements to shape ", c->DebugString(out), " (",
                                     out_known, " elements)");
    }
  } else if (in_unknown == -1 && out_known > 0) {
    if (in_known % out_known != 0) {
      return errors::InvalidArgument("Cannot reshape a tensor with ", in_known,
                                     " elements to shape ", c->DebugString(out),
                                     ": the number of elements is not a multiple of ",
                                     out_known);
    }
    RETURN_IF_ERROR(c->ReplaceDim(out, out_unknown, c->MakeDim(in_known / out_known), &out));
  } else if (in_unknown >= 0 && out_unknown == -1 && in_known > 0) {
    DimensionHandle inferred;
    RETURN_IF_ERROR(c->Divide(c->MakeDim(out_known), in_known, /*evenly_divisible=*/true,
                              &inferred));
    DimensionHandle unused;
    RETURN_IF_ERROR(c->Merge(c->Dim(in, in_unknown), inferred, &unused));
  } else if (in_unknown >= 0 && out_unknown >= 0 && in_known == out_known) {
    RETURN_IF_ERROR(c->ReplaceDim(out, out_unknown, c->Dim(in, in_unknown), &out));
  }
  c->set_output(0, out);
  return absl::OkStatus();
}

absl::Status SqueezeShapeFn(InferenceContext* c) {
  const ShapeHandle input = c->input(0);
  if (!c->RankKnown(input)) return UnknownShape(c);
  const int32_t rank = c->Rank(input);
  std::vector<int64_t> squeeze_dims;
  RETURN_IF_ERROR(c->GetAttr("squeeze_dims", &squeeze_dims));
  std::vector<bool> squeezed(rank, false);
  for (size_t i = 0; i < squeeze_dims.size(); ++i) {
    const int64_t d = squeeze_dims[i];
    if (d < -rank || d >= rank) {
      return errors::InvalidArgument("squeeze_dims[", i, "] = ", d, " is not in [", -rank,
                                     ", ", rank, ")");
    }
    squeezed[d < 0 ? d + rank : d] = true;
  }
  std::vector<DimensionHandle> dims;
  for (int i = 0; i < rank; ++i) {
    const DimensionHandle dim = c->Dim(input, i);
    if (!c->ValueKnown(dim)) {
      if (squeezed[i]) continue;  // Must be 1 at run time.
      if (squeeze_dims.empty()) return UnknownShape(c);
    } else if (c->Value(dim) == 1) {
      if (squeezed[i] || squeeze_dims.empty()) continue;
    } else if (squeezed[i]) {
      return errors::InvalidArgument("Can not squeeze dim[", i,
                                     "], expected a dimension of 1, got ", c->Value(dim));
    }
    dims.push_back(dim);
  }
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

absl::Status ExpandDimsShapeFn(InferenceContext* c) {
  const ShapeHandle input = c->input(0);
  const Tensor* dim_tensor = c->input_tensor(1);
  if (dim_tensor != nullptr && dim_tensor->NumElements() != 1) {
    return errors::InvalidArgument("'dim' input must be a tensor with a single value, but has ",
                                   dim_tensor->NumElements());
  }
  if (dim_tensor == nullptr || !c->RankKnown(input)) return UnknownShape(c);
  ASSIGN_OR_RETURN(const DimVector dim_values, IndexValues(*dim_tensor, "dim"));
  int64_t dim = dim_values[0];
  const int32_t rank = c->Rank(input);
  if (dim < -rank - 1 || dim > rank) {
    return errors::InvalidArgument("dim ", dim, " not in the interval [", -rank - 1, ", ",
                                   rank, "].");
  }
  if (dim < 0) dim += rank + 1;
  ShapeHandle before, after, out;
  RETURN_IF_ERROR(c->Subshape(input, 0, dim, &before));
  RETURN_IF_ERROR(c->Subshape(input, dim, &after));
  RETURN_IF_ERROR(c->Concatenate(before, c->Vector(1), &out));
  RETURN_IF_ERROR(c->Concatenate(out, after, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

// TransposeShapeFn: output dim i is input dim perm[i] when perm is a known constant; else
// the rank is known from the input or from perm's length.
absl::Status TransposeShapeFn(InferenceContext* c) {
  ShapeHandle input = c->input(0);
  ShapeHandle perm_shape;
  RETURN_IF_ERROR(c->WithRankAtMost(c->input(1), 1, &perm_shape));
  const Tensor* perm = c->input_tensor(1);
  const DimensionHandle perm_length = c->NumElements(perm_shape);
  if (!c->RankKnown(input) && !c->ValueKnown(perm_length) && perm == nullptr) {
    return UnknownShape(c);
  }
  int64_t rank;
  if (c->RankKnown(input)) {
    rank = c->Rank(input);
  } else if (c->ValueKnown(perm_length)) {
    rank = c->Value(perm_length);
  } else {
    rank = perm->NumElements();
  }
  if (!c->RankKnown(input) && rank < 2) {
    // A scalar or a vector, which Transpose returns unchanged.
    c->set_output(0, input);
    return absl::OkStatus();
  }
  RETURN_IF_ERROR(c->WithRank(input, rank, &input));
  RETURN_IF_ERROR(c->WithRank(perm_shape, 1, &perm_shape));
  DimensionHandle unused;
  RETURN_IF_ERROR(c->WithValue(c->Dim(perm_shape, 0), rank, &unused));
  if (perm == nullptr) {
    c->set_output(0, c->UnknownShapeOfRank(rank));
    return absl::OkStatus();
  }
  ASSIGN_OR_RETURN(const DimVector values, IndexValues(*perm, "perm"));
  if (static_cast<int64_t>(values.size()) != rank) {
    return errors::InvalidArgument("perm has ", values.size(), " entries for a tensor of rank ",
                                   rank);
  }
  std::vector<bool> seen(rank, false);
  std::vector<DimensionHandle> dims;
  for (int64_t i = 0; i < rank; ++i) {
    if (values[i] < 0 || values[i] >= rank) {
      return errors::InvalidArgument("perm[", i, "] = ", values[i], " is not in [0, ", rank,
                                     ")");
    }
    if (seen[values[i]]) {
      return errors::InvalidArgument("perm {", absl::StrJoin(values, ","),
                                     "} is not a permutation: ", values[i],
                                     " appears more than once");
    }
    seen[values[i]] = true;
    dims.push_back(c->Dim(input, values[i]));
  }
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

// BroadcastToShapeFn: the shape tensor, refined by the input's dims greater than 1 (which
// the output must have, right-aligned).
absl::Status BroadcastToShapeFn(InferenceContext* c) {
  ShapeHandle shape_in;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &shape_in));
  ShapeHandle out;
  RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &out));
  ShapeHandle in = c->input(0);
  if (!c->RankKnown(out) || !c->RankKnown(in)) {
    c->set_output(0, out);
    return absl::OkStatus();
  }
  const int32_t out_rank = c->Rank(out);
  RETURN_IF_ERROR(c->WithRankAtMost(in, out_rank, &in));
  const int32_t in_rank = c->Rank(in);
  for (int i = 0; i < in_rank; ++i) {
    const DimensionHandle in_dim = c->Dim(in, in_rank - i - 1);
    if (c->Value(in_dim) > 1) {
      DimensionHandle out_dim = c->Dim(out, out_rank - i - 1);
      RETURN_IF_ERROR(c->Merge(in_dim, out_dim, &out_dim));
      RETURN_IF_ERROR(c->ReplaceDim(out, out_rank - i - 1, out_dim, &out));
    } else if (c->Value(in_dim) == 0) {
      const DimensionHandle out_dim = c->Dim(out, out_rank - i - 1);
      if (c->ValueKnown(out_dim) && c->Value(out_dim) != 0) {
        return errors::InvalidArgument("Cannot broadcast a dimension of size 0 to size ",
                                       c->Value(out_dim));
      }
    }
  }
  c->set_output(0, out);
  return absl::OkStatus();
}

}  // namespace

REGISTER_OP("Shape")
    .NoGradient()
    .Input("input: T")
    .Output("output: out_type")
    .Attr("T: type")
    .Attr("out_type: {int32, int64} = DT_INT32")
    .SetShapeFn(ShapeShapeFn)
    .Doc(R"doc(
Returns the shape of a tensor.

This operation returns a 1-D integer tensor representing the shape of `input`.
For example: t = [[[1, 1, 1], [2, 2, 2]], [[3, 3, 3], [4, 4, 4]]] gives [2, 2, 3].
)doc");

REGISTER_OP("ShapeN")
    .NoGradient()
    .Input("input: N * T")
    .Output("output: N * out_type")
    .Attr("N: int >= 1")
    .Attr("T: type")
    .Attr("out_type: {int32, int64} = DT_INT32")
    .SetShapeFn(ShapeShapeFn)
    .Doc(R"doc(
Returns shape of tensors.

This operation returns N 1-D integer tensors representing shape of `input[i]s`.
)doc");

REGISTER_OP("Size")
    .NoGradient()
    .Input("input: T")
    .Output("output: out_type")
    .Attr("T: type")
    .Attr("out_type: {int32, int64} = DT_INT32")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Returns the size of a tensor: the number of elements in `input`.
)doc");

REGISTER_OP("Rank")
    .NoGradient()
    .Input("input: T")
    .Output("output: int32")
    .Attr("T: type")
    .SetShapeFn(ScalarShape)
    .Doc(R"doc(
Returns the rank of a tensor: the number of dimensions of `input`.
)doc");

REGISTER_OP("BroadcastGradientArgs")
    .NoGradient()
    .Input("s0: T")
    .Input("s1: T")
    .Output("r0: T")
    .Output("r1: T")
    .Attr("T: {int32, int64} = DT_INT32")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle unused;
      RETURN_IF_ERROR(c->WithRank(c->input(0), 1, &unused));
      RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &unused));
      c->set_output(0, c->Vector(c->UnknownDim()));
      c->set_output(1, c->Vector(c->UnknownDim()));
      return absl::OkStatus();
    })
    .Doc(R"doc(
Returns the reduction indices for computing gradients of s0 op s1 with broadcast.

Gradient functions of broadcasting binary ops sum the output's gradient over `r0` (and
`r1`) and reshape it to `s0` (`s1`). With the shapes right-aligned and padded with 1s,
`r0` lists the dimensions where s0 is 1 (empty when s0 and s1 are equal).

s0: The shape of the first operand.
s1: The shape of the second operand.
r0: The dimensions to sum the first operand's gradient over.
r1: The dimensions to sum the second operand's gradient over.
)doc");

REGISTER_OP("Reshape")
    .Differentiable()
    .Input("tensor: T")
    .Input("shape: Tshape")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tshape: {int32, int64} = DT_INT32")
    .SetShapeFn(ReshapeShapeFn)
    .Doc(R"doc(
Reshapes a tensor.

Given `tensor`, this operation returns a tensor that has the same values as
`tensor` with shape `shape`. If one component of `shape` is the special value
-1, the size of that dimension is computed so that the total size remains
constant. At most one component of `shape` may be -1. The output shares the
input's buffer.

shape: Defines the shape of the output tensor.
)doc");

REGISTER_OP("Squeeze")
    .Differentiable()
    .Input("input: T")
    .Output("output: T")
    .Attr("T: type")
    .Attr("squeeze_dims: list(int) >= 0 = []")
    .SetShapeFn(SqueezeShapeFn)
    .Doc(R"doc(
Removes dimensions of size 1 from the shape of a tensor.

input: The `input` to squeeze.
output: Contains the same data as `input`, but has one or more dimensions of
  size 1 removed.
squeeze_dims: If specified, only squeezes the dimensions listed. The dimension
  index starts at 0. It is an error to squeeze a dimension that is not 1. Must
  be in the range `[-rank(input), rank(input))`.
)doc");

REGISTER_OP("ExpandDims")
    .Differentiable()
    .Input("input: T")
    .Input("dim: Tdim")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tdim: {int32, int64} = DT_INT32")
    .SetShapeFn(ExpandDimsShapeFn)
    .Doc(R"doc(
Inserts a dimension of 1 into a tensor's shape.

dim: 0-D (scalar). Specifies the dimension index at which to expand the shape
  of `input`. Must be in the range `[-rank(input) - 1, rank(input)]`.
output: Contains the same data as `input`, but its shape has an additional
  dimension of size 1 added.
)doc");

REGISTER_OP("Transpose")
    .Differentiable()
    .Input("x: T")
    .Input("perm: Tperm")
    .Output("y: T")
    .Attr("T: type")
    .Attr("Tperm: {int32, int64} = DT_INT32")
    .SetShapeFn(TransposeShapeFn)
    .Doc(R"doc(
Shuffle dimensions of x according to a permutation.

The output `y` has the same rank as `x`. The shapes of `x` and `y` satisfy:
  `y.shape[i] == x.shape[perm[i]] for i in [0, 1, ..., rank(x) - 1]`
)doc");

REGISTER_OP("BroadcastTo")
    .Differentiable()
    .Input("input: T")
    .Input("shape: Tidx")
    .Output("output: T")
    .Attr("T: type")
    .Attr("Tidx: {int32, int64} = DT_INT32")
    .SetShapeFn(BroadcastToShapeFn)
    .Doc(R"doc(
Broadcast an array for a compatible shape.

Broadcasting makes `input` the shape `shape` by repeating it along dimensions of
size 1 (and along leading dimensions it lacks), as NumPy's broadcasting does.

input: A Tensor to broadcast.
shape: A 1-D `int` Tensor. The shape of the desired output.
output: A Tensor.
)doc");

}  // namespace rill
