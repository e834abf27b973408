// Shape functions shared by many ops (unchanged, scalar, broadcasting binary ops, MatMul,
// reductions), written with InferenceContext's combinators.
#ifndef RILL_CORE_FRAMEWORK_COMMON_SHAPE_FNS_H_
#define RILL_CORE_FRAMEWORK_COMMON_SHAPE_FNS_H_

#include <cstdint>

#include "absl/status/status.h"
#include "core/framework/shape_inference.h"

namespace rill {

// UnknownShape: every output has unknown rank.
absl::Status UnknownShape(InferenceContext* c);
// ScalarShape: output 0 is a scalar.
absl::Status ScalarShape(InferenceContext* c);
// UnchangedShape: output 0 is input 0's shape (the same handle).
absl::Status UnchangedShape(InferenceContext* c);
// UnchangedShapeWithRank (AtLeast, AtMost): input 0 checked against `rank`, then passed on.
absl::Status UnchangedShapeWithRank(InferenceContext* c, int32_t rank);
absl::Status UnchangedShapeWithRankAtLeast(InferenceContext* c, int32_t rank);
absl::Status UnchangedShapeWithRankAtMost(InferenceContext* c, int32_t rank);
// NoOutputs: for ops without outputs.
absl::Status NoOutputs(InferenceContext* c);

// BroadcastBinaryOpOutputShape computes NumPy broadcasting of `x` and `y` as TensorFlow
// does: unknown rank gives unknown; a dim of 1 yields the other dim; an unknown dim against
// a known dim > 1 yields the known one; two known dims > 1 must be equal.
absl::Status BroadcastBinaryOpOutputShape(InferenceContext* c, ShapeHandle x, ShapeHandle y,
                                          ShapeHandle* out);
// BroadcastBinaryOpShapeFn: output 0 is the broadcast of inputs 0 and 1.
absl::Status BroadcastBinaryOpShapeFn(InferenceContext* c);

// MatMulShape: inputs are matrices; attrs transpose_a and transpose_b; the inner dims must
// merge; output is [rows of a, cols of b].
absl::Status MatMulShape(InferenceContext* c);

// ReductionShape: input 0 reduced over the axes in input 1 (a constant int32/int64 scalar or
// vector, negatives from the end), attr keep_dims keeping them as 1. Unknown axes give
// unknown rank (or, with keep_dims, the input's rank with unknown dims).
absl::Status ReductionShape(InferenceContext* c);

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_COMMON_SHAPE_FNS_H_
