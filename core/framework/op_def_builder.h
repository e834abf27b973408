// OpDefBuilder: parses TensorFlow's op spec language ("x: T", "T: {float, int32}",
// "keep_dims: bool = false") into a tensorflow::OpDef plus its shape function.
#ifndef RILL_CORE_FRAMEWORK_OP_DEF_BUILDER_H_
#define RILL_CORE_FRAMEWORK_OP_DEF_BUILDER_H_

#include <functional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/protos/op_def.pb.h"

namespace rill {

class InferenceContext;

// ShapeInferenceFn computes an op's output shapes from its input shapes (and, when known,
// constant input tensors). See shape_inference.h and common_shape_fns.h.
using ShapeInferenceFn = std::function<absl::Status(InferenceContext*)>;

// OpRegistrationData is what the op registry holds per op: its definition and shape
// function (null when the op declared none).
// GradientDeclaration says whether an op has a gradient. Every op declares one or the other
// (a test walks the registry); the gradient functions themselves live beside the op
// definitions in the gradient registry.
enum class GradientDeclaration {
  kUndeclared,
  kDifferentiable,  // A gradient function exists (or must exist) for this op.
  kNoGradient,      // The op is not differentiable (integer outputs, shapes, state, ...).
};

struct OpRegistrationData {
  tensorflow::OpDef op_def;
  ShapeInferenceFn shape_inference_fn;
  GradientDeclaration gradient = GradientDeclaration::kUndeclared;
};

// OpDefBuilder collects an op's specification piece by piece; Finalize parses and checks it.
// Spec forms (TensorFlow's):
//   Input/Output("name: float")        a concrete type ("float", "int32", "resource", ...)
//   Input/Output("name: T")            a type attr T, declared with Attr("T: type")
//   Input/Output("name: N * T")        N values of type T; N declared as "N: int >= 0|1"
//   Input/Output("name: N * float")    N values of a concrete type
//   Input/Output("name: Tlist")        a list(type) attr Tlist
//   Input/Output("name: Ref(T)")       a reference to any of the above
//   Attr("name: string|int|float|bool|type|shape|tensor|func")
//   Attr("name: list(int)"), "list(type) >= 1", "int >= 0"
//   Attr("T: {float, int32}"), "T: numbertype", "padding: {'SAME', 'VALID'}",
//   "Tlist: list({float, int64})", "T: type = DT_FLOAT", "k: int = -1",
//   "ksize: list(int) = [1, 2]", "s: shape = { unknown_rank: true }", "s: shape = [2, ?]".
// Type groups: numbertype, realnumbertype, quantizedtype, and {a, b, ...} sets.
// Attrs are parsed first, so Input/Output may name attrs declared later in the chain.
// Doc(text): the first paragraph is the summary; lines "name: text" (an input, output or attr
// name) describe that arg/attr, with indented continuation lines; the rest is the description.
class OpDefBuilder {
 public:
  explicit OpDefBuilder(std::string op_name);

  OpDefBuilder& Attr(std::string spec);
  OpDefBuilder& Input(std::string spec);
  OpDefBuilder& Output(std::string spec);
  OpDefBuilder& SetIsCommutative();
  OpDefBuilder& SetIsAggregate();
  OpDefBuilder& SetIsStateful();
  OpDefBuilder& SetAllowsUninitializedInput();
  // Differentiable / NoGradient declare whether the op has a gradient function.
  OpDefBuilder& Differentiable();
  OpDefBuilder& NoGradient();
  // Deprecated marks the op as deprecated from GraphDef version `graph_def_version` on.
  OpDefBuilder& Deprecated(int graph_def_version, std::string explanation);
  OpDefBuilder& Doc(std::string text);
  OpDefBuilder& SetShapeFn(ShapeInferenceFn fn);

  // Finalize parses every spec into `op_reg_data`. InvalidArgument naming the op and the
  // offending spec fragment when anything is malformed.
  absl::Status Finalize(OpRegistrationData* op_reg_data) const;

  const std::string& op_name() const { return op_name_; }

 private:
  std::string op_name_;
  std::vector<std::string> attrs_;
  std::vector<std::string> inputs_;
  std::vector<std::string> outputs_;
  std::string doc_;
  tensorflow::OpDef flags_;  // Holds the boolean flags and deprecation only.
  ShapeInferenceFn shape_fn_;
  GradientDeclaration gradient_ = GradientDeclaration::kUndeclared;
};

}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_OP_DEF_BUILDER_H_
