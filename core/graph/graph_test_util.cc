// Registers core/graph's test ops and do-nothing kernels, and implements the test helpers.
#include "core/graph/graph_test_util.h"

#include "core/framework/common_shape_fns.h"
#include "core/framework/device_type.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

absl::Status ConstShape(InferenceContext* c) {
  Tensor value;
  RETURN_IF_ERROR(c->GetAttr("value", &value));
  c->set_output(0, c->MakeShapeFromPartialTensorShape(value.shape()));
  return absl::OkStatus();
}

absl::Status PlaceholderShape(InferenceContext* c) {
  PartialTensorShape shape;
  RETURN_IF_ERROR(c->GetAttr("shape", &shape));
  c->set_output(0, c->MakeShapeFromPartialTensorShape(shape));
  return absl::OkStatus();
}

absl::Status ReshapeShape(InferenceContext* c) {
  ShapeHandle shape;
  RETURN_IF_ERROR(c->MakeShapeFromShapeTensor(1, &shape));
  c->set_output(0, shape);
  return absl::OkStatus();
}

absl::Status SplitShape(InferenceContext* c) {
  c->set_output(0, c->input(0));
  c->set_output(1, c->input(0));
  return absl::OkStatus();
}

REGISTER_OP("Const").Output("output: dtype").Attr("value: tensor").Attr("dtype: type")
    .SetShapeFn(ConstShape);
REGISTER_OP("GraphTestPlaceholder").Output("output: dtype").Attr("dtype: type")
    .Attr("shape: shape = { unknown_rank: true }").SetShapeFn(PlaceholderShape);
REGISTER_OP("GraphTestAdd").Input("x: T").Input("y: T").Output("z: T")
    .Attr("T: {float, double, int32, int64}").SetShapeFn(BroadcastBinaryOpShapeFn);
REGISTER_OP("GraphTestMatMul").Input("a: T").Input("b: T").Output("product: T")
    .Attr("transpose_a: bool = false").Attr("transpose_b: bool = false")
    .Attr("T: {float, double}").SetShapeFn(MatMulShape);
REGISTER_OP("GraphTestAddN").Input("inputs: N * T").Output("sum: T").Attr("N: int >= 1")
    .Attr("T: type").SetShapeFn(UnchangedShape);
REGISTER_OP("GraphTestConcat").Input("values: Tlist").Output("output: int32")
    .Attr("Tlist: list(type)");
REGISTER_OP("GraphTestReshape").Input("tensor: T").Input("shape: int32").Output("output: T")
    .Attr("T: type").SetShapeFn(ReshapeShape);
REGISTER_OP("GraphTestSplit").Input("x: T").Output("first: T").Output("second: T")
    .Attr("T: type").SetShapeFn(SplitShape);
REGISTER_OP("GraphTestNoOp").SetShapeFn(NoOutputs);
REGISTER_OP("GraphTestVar").Output("resource: resource").Attr("dtype: type").SetIsStateful()
    .SetShapeFn(ScalarShape);
REGISTER_OP("GraphTestRead").Input("resource: resource").Output("value: dtype")
    .Attr("dtype: type").SetShapeFn(UnknownShape);

// DoNothingKernel exists so that placement finds kernels; graph tests never run it.
class DoNothingKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Compute(OpKernelContext* ctx) override { return absl::OkStatus(); }
};

REGISTER_KERNEL_BUILDER(Name("Const").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestPlaceholder").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestAdd").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestMatMul").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestMatMul").Device(DEVICE_GPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestAddN").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestConcat").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestReshape").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestSplit").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestNoOp").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestNoOp").Device(DEVICE_GPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestVar").Device(DEVICE_CPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestVar").Device(DEVICE_GPU), DoNothingKernel);
REGISTER_KERNEL_BUILDER(Name("GraphTestRead").Device(DEVICE_CPU), DoNothingKernel);

}  // namespace

namespace test {

tensorflow::NodeDef MakeNodeDef(absl::string_view name, absl::string_view op,
                                const std::vector<std::string>& inputs,
                                absl::string_view device) {
  tensorflow::NodeDef def;
  def.set_name(std::string(name));
  def.set_op(std::string(op));
  for (const std::string& input : inputs) def.add_input(input);
  def.set_device(std::string(device));
  return def;
}

Node* AddConst(Graph* graph, absl::string_view name, const Tensor& value) {
  tensorflow::NodeDef def = MakeNodeDef(name, "Const");
  AddNodeAttr("value", value, &def);
  AddNodeAttr("dtype", value.dtype(), &def);
  absl::StatusOr<Node*> node = graph->AddNode(std::move(def));
  RILL_CHECK_OK(node);
  return *node;
}

absl::StatusOr<Node*> AddNode(Graph* graph, absl::string_view name, absl::string_view op,
                              const std::vector<std::string>& inputs,
                              absl::string_view device) {
  return graph->AddNode(MakeNodeDef(name, op, inputs, device));
}

Node* AddPlaceholder(Graph* graph, absl::string_view name, const PartialTensorShape& shape) {
  tensorflow::NodeDef def = MakeNodeDef(name, "GraphTestPlaceholder");
  AddNodeAttr("dtype", DT_FLOAT, &def);
  AddNodeAttr("shape", shape, &def);
  absl::StatusOr<Node*> node = graph->AddNode(std::move(def));
  RILL_CHECK_OK(node);
  return *node;
}

std::vector<std::string> Names(const std::vector<const Node*>& nodes) {
  std::vector<std::string> names;
  for (const Node* node : nodes) names.push_back(node->name());
  return names;
}

}  // namespace test
}  // namespace rill
