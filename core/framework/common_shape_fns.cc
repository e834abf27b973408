// Shape functions shared by many ops, with TensorFlow's semantics for unknown ranks and
// dimensions.
#include "core/framework/common_shape_fns.h"

#include <algorithm>
#include <set>
#include <vector>

#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

template <typename T>
absl::Status CollectReductionAxes(const Tensor& axes, int32_t input_rank,
                                  std::set<int64_t>* reduced) {
  const auto flat = axes.flat<T>();
  for (int64_t i = 0; i < flat.size(); ++i) {
    const int64_t axis = flat(i);
    if (axis < -input_rank || axis >= input_rank) {
      return errors::InvalidArgument("Invalid reduction dimension ", axis, " for input with ",
                                     input_rank, " dimensions.");
    }
    reduced->insert(axis < 0 ? axis + input_rank : axis);
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status UnknownShape(InferenceContext* c) {
  for (int i = 0; i < c->num_outputs(); ++i) c->set_output(i, c->UnknownShape());
  return absl::OkStatus();
}

absl::Status ScalarShape(InferenceContext* c) {
  c->set_output(0, c->Scalar());
  return absl::OkStatus();
}

absl::Status UnchangedShape(InferenceContext* c) {
  c->set_output(0, c->input(0));
  return absl::OkStatus();
}

absl::Status UnchangedShapeWithRank(InferenceContext* c, int32_t rank) {
  ShapeHandle out;
  RETURN_IF_ERROR(c->WithRank(c->input(0), rank, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

absl::Status UnchangedShapeWithRankAtLeast(InferenceContext* c, int32_t rank) {
  ShapeHandle out;
  RETURN_IF_ERROR(c->WithRankAtLeast(c->input(0), rank, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

absl::Status UnchangedShapeWithRankAtMost(InferenceContext* c, int32_t rank) {
  ShapeHandle out;
  RETURN_IF_ERROR(c->WithRankAtMost(c->input(0), rank, &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

absl::Status NoOutputs(InferenceContext* c) { return absl::OkStatus(); }

absl::Status BroadcastBinaryOpOutputShape(InferenceContext* c, ShapeHandle x, ShapeHandle y,
                                          ShapeHandle* out) {
  if (!c->RankKnown(x) || !c->RankKnown(y)) {
    *out = c->UnknownShape();
    return absl::OkStatus();
  }
  const int32_t rank_x = c->Rank(x);
  const int32_t rank_y = c->Rank(y);
  const int32_t rank_out = std::max(rank_x, rank_y);
  // Right-align the shapes; the shorter one is padded on the left with (new) 1s.
  DimensionHandle one;
  if (rank_x != rank_y) one = c->MakeDim(1);
  std::vector<DimensionHandle> dims;
  dims.reserve(rank_out);
  for (int i = 0; i < rank_out; ++i) {
    const bool x_padded = i < rank_out - rank_x;
    const bool y_padded = i < rank_out - rank_y;
    const DimensionHandle dim_x = x_padded ? one : c->Dim(x, i - (rank_out - rank_x));
    const DimensionHandle dim_y = y_padded ? one : c->Dim(y, i - (rank_out - rank_y));
    const int64_t vx = c->Value(dim_x);
    const int64_t vy = c->Value(dim_y);
    if (!c->ValueKnown(dim_x) || !c->ValueKnown(dim_y)) {
      // A known dim > 1 wins (the unknown one must be 1 or equal to it at run time); a 1
      // yields the other dim; two unknowns stay unknown unless they are the same handle.
      if (vx > 1) {
        dims.push_back(dim_x);
      } else if (vy > 1) {
        dims.push_back(dim_y);
      } else if (vx == 1) {
        dims.push_back(dim_y);
      } else if (vy == 1) {
        dims.push_back(dim_x);
      } else if (dim_x.SameHandle(dim_y)) {
        dims.push_back(dim_x);
      } else {
        dims.push_back(c->UnknownDim());
      }
    } else if (vx == 1 || vy == 1) {
      dims.push_back(vx == 1 && !y_padded ? dim_y : dim_x);
    } else {
      DimensionHandle merged;
      RETURN_IF_ERROR(c->Merge(dim_x, dim_y, &merged));
      dims.push_back(merged);
    }
  }
  *out = c->MakeShape(dims);
  return absl::OkStatus();
}

absl::Status BroadcastBinaryOpShapeFn(InferenceContext* c) {
  ShapeHandle out;
  RETURN_IF_ERROR(BroadcastBinaryOpOutputShape(c, c->input(0), c->input(1), &out));
  c->set_output(0, out);
  return absl::OkStatus();
}

absl::Status MatMulShape(InferenceContext* c) {
  ShapeHandle a;
  RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &a));
  ShapeHandle b;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 2, &b));
  bool transpose_a;
  bool transpose_b;
  RETURN_IF_ERROR(c->GetAttr("transpose_a", &transpose_a));
  RETURN_IF_ERROR(c->GetAttr("transpose_b", &transpose_b));
  const DimensionHandle rows = c->Dim(a, transpose_a ? 1 : 0);
  const DimensionHandle cols = c->Dim(b, transpose_b ? 0 : 1);
  DimensionHandle inner;
  RETURN_IF_ERROR(c->Merge(c->Dim(a, transpose_a ? 0 : 1), c->Dim(b, transpose_b ? 1 : 0),
                           &inner));
  c->set_output(0, c->Matrix(rows, cols));
  return absl::OkStatus();
}

absl::Status ReductionShape(InferenceContext* c) {
  const ShapeHandle input = c->input(0);
  ShapeHandle indices;
  RETURN_IF_ERROR(c->WithRankAtMost(c->input(1), 1, &indices));
  bool keep_dims;
  RETURN_IF_ERROR(c->GetAttr("keep_dims", &keep_dims));
  const Tensor* axes = c->input_tensor(1);
  if (axes == nullptr || !c->RankKnown(input)) {
    if (keep_dims && c->RankKnown(input)) {
      c->set_output(0, c->UnknownShapeOfRank(c->Rank(input)));
    } else {
      c->set_output(0, c->UnknownShape());
    }
    return absl::OkStatus();
  }
  const int32_t input_rank = c->Rank(input);
  std::set<int64_t> reduced;
  if (axes->dtype() == DT_INT32) {
    RETURN_IF_ERROR(CollectReductionAxes<int32_t>(*axes, input_rank, &reduced));
  } else if (axes->dtype() == DT_INT64) {
    RETURN_IF_ERROR(CollectReductionAxes<int64_t>(*axes, input_rank, &reduced));
  } else {
    return errors::InvalidArgument("reduction_indices can only be int32 or int64, not ",
                                   DataTypeString(axes->dtype()));
  }
  std::vector<DimensionHandle> dims;
  for (int i = 0; i < input_rank; ++i) {
    if (reduced.count(i) == 0) {
      dims.push_back(c->Dim(input, i));
    } else if (keep_dims) {
      dims.push_back(c->MakeDim(1));
    }
  }
  c->set_output(0, c->MakeShape(dims));
  return absl::OkStatus();
}

}  // namespace rill
