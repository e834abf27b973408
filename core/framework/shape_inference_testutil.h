// Test helpers for shape functions in TensorFlow's string notation:
//   INFER_OK(op, "[2,?];[?,3]", "[d0_0,d1_1]");  INFER_ERROR("must be rank 2", op, "[1];?");
#ifndef RILL_CORE_FRAMEWORK_SHAPE_INFERENCE_TESTUTIL_H_
#define RILL_CORE_FRAMEWORK_SHAPE_INFERENCE_TESTUTIL_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "absl/strings/string_view.h"
#include "core/framework/op_registry.h"
#include "core/framework/tensor.h"
#include "core/protos/node_def.pb.h"
#include "gtest/gtest.h"

namespace rill {

// ShapeInferenceTestOp is the node a shape test runs: the op's name, a NodeDef (set its attrs
// with NodeDefBuilder when the op has any; missing attrs with defaults are filled in), and
// the constant input tensors (nullptr or absent when not constant; not owned).
struct ShapeInferenceTestOp {
  explicit ShapeInferenceTestOp(absl::string_view op_name);
  std::string name;
  tensorflow::NodeDef node_def;
  std::vector<const Tensor*> input_tensors;
};

// InferShapes runs `op`'s registered shape function on the inputs in `ins` and checks the
// outputs against `expected_outs`. Notation:
//   ins:  shapes separated by ';'. "?" unknown rank, "[]" scalar, "[2,?]" dims (? unknown).
//   expected_outs: one spec per output, separated by ';':
//     "?"            unknown rank (and not an input's handle);
//     "in0"          the very handle of input 0 ("in0|in1": either one);
//     "[d0_0,d1_1]"  dim handles passed through from inputs: input 0 dim 0, input 1 dim 1
//                    ("d0_0|d1_0": either one);
//     "[2,?]"        new dims: a known value that is not an input's dim handle, or a new
//                    unknown dim. A shape that is an input's handle only matches "inN".
// The op's own shape-function error is returned as is (for INFER_ERROR); a mismatch with
// the expectation is Unknown with an explanation.
class ShapeInferenceTestutil {
 public:
  static absl::Status InferShapes(const ShapeInferenceTestOp& op, absl::string_view ins,
                                  absl::string_view expected_outs,
                                  const OpRegistryInterface* registry = OpRegistry::Global());

  // RunShapeFn only runs the shape function on `ins` and returns its status (INFER_ERROR).
  static absl::Status RunShapeFn(const ShapeInferenceTestOp& op, absl::string_view ins,
                                 const OpRegistryInterface* registry = OpRegistry::Global());
};

}  // namespace rill

#define INFER_OK(op, ins, expected_outs)                                          \
  EXPECT_EQ(::absl::OkStatus(),                                                   \
            ::rill::ShapeInferenceTestutil::InferShapes((op), (ins), (expected_outs)))

#define INFER_ERROR(error_substring, op, ins)                                        \
  do {                                                                               \
    const ::absl::Status rill_infer_status_ =                                        \
        ::rill::ShapeInferenceTestutil::RunShapeFn((op), (ins));                     \
    if (rill_infer_status_.ok()) {                                                   \
      ADD_FAILURE() << "Shape inference succeeded for inputs " << (ins)              \
                    << " but should fail with '" << (error_substring) << "'";        \
    } else {                                                                         \
      EXPECT_TRUE(absl::StrContains(rill_infer_status_.message(), (error_substring))) \
          << "Expected to see '" << (error_substring) << "' in '"                   \
          << rill_infer_status_.message() << "'";                                     \
    }                                                                                \
  } while (0)

#endif  // RILL_CORE_FRAMEWORK_SHAPE_INFERENCE_TESTUTIL_H_
