// Definition and shape-function tests of the resource-variable ops: attrs and defaults as
// TensorFlow has them, statefulness, gradient declarations, and each shape function in
// TensorFlow's string notation.
#include <string>
#include <vector>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

const OpRegistrationData& Lookup(const std::string& name) {
  absl::StatusOr<const OpRegistrationData*> data = OpRegistry::Global()->LookUp(name);
  EXPECT_TRUE(data.ok()) << data.status();
  return **data;
}

TEST(ResourceVariableOpsTest, DefinitionsFollowTensorFlow) {
  const tensorflow::OpDef& handle = Lookup("VarHandleOp").op_def;
  EXPECT_TRUE(handle.is_stateful());
  ASSERT_EQ(handle.output_arg_size(), 1);
  EXPECT_EQ(handle.output_arg(0).type(), tensorflow::DT_RESOURCE);
  ASSERT_EQ(handle.attr_size(), 5);
  EXPECT_EQ(handle.attr(0).name(), "container");
  EXPECT_EQ(handle.attr(0).default_value().s(), "");
  EXPECT_EQ(handle.attr(1).name(), "shared_name");
  EXPECT_EQ(handle.attr(2).name(), "dtype");
  EXPECT_EQ(handle.attr(3).name(), "shape");
  EXPECT_EQ(handle.attr(4).name(), "allowed_devices");

  EXPECT_TRUE(Lookup("DestroyResourceOp").op_def.is_stateful());
  EXPECT_TRUE(Lookup("DestroyResourceOp").op_def.attr(0).default_value().b());
  EXPECT_FALSE(Lookup("ReadVariableOp").op_def.is_stateful());
  EXPECT_EQ(Lookup("AssignVariableOp").op_def.output_arg_size(), 0);
  EXPECT_EQ(Lookup("AssignVariableOp").op_def.attr(1).name(), "validate_shape");
  EXPECT_FALSE(Lookup("AssignVariableOp").op_def.attr(1).default_value().b());

  const tensorflow::OpDef& gather = Lookup("ResourceGather").op_def;
  EXPECT_EQ(gather.attr(0).name(), "batch_dims");
  EXPECT_EQ(gather.attr(0).default_value().i(), 0);
  EXPECT_EQ(gather.attr(1).name(), "validate_indices");
  EXPECT_TRUE(gather.attr(1).default_value().b());

  const tensorflow::OpDef& shape = Lookup("VariableShape").op_def;
  ASSERT_EQ(shape.input_arg_size(), 1);
  EXPECT_EQ(shape.input_arg(0).name(), "input");
  EXPECT_EQ(shape.input_arg(0).type(), tensorflow::DT_RESOURCE);
  ASSERT_EQ(shape.output_arg_size(), 1);
  EXPECT_EQ(shape.output_arg(0).name(), "output");
  ASSERT_EQ(shape.attr_size(), 1);
  EXPECT_EQ(shape.attr(0).name(), "out_type");
  EXPECT_EQ(shape.attr(0).default_value().type(), tensorflow::DT_INT32);
  ASSERT_EQ(shape.attr(0).allowed_values().list().type_size(), 2);
  EXPECT_EQ(shape.attr(0).allowed_values().list().type(0), tensorflow::DT_INT32);
  EXPECT_EQ(shape.attr(0).allowed_values().list().type(1), tensorflow::DT_INT64);
  EXPECT_FALSE(shape.is_stateful());
}

TEST(ResourceVariableOpsTest, GradientDeclarations) {
  EXPECT_EQ(Lookup("ReadVariableOp").gradient, GradientDeclaration::kDifferentiable);
  EXPECT_EQ(Lookup("ResourceGather").gradient, GradientDeclaration::kDifferentiable);
  for (const char* op : {"VarHandleOp", "AssignVariableOp", "AssignAddVariableOp",
                         "AssignSubVariableOp", "VarIsInitializedOp", "VariableShape",
                         "ResourceScatterAdd",
                         "ResourceScatterSub", "ResourceScatterUpdate", "DestroyResourceOp"}) {
    EXPECT_EQ(Lookup(op).gradient, GradientDeclaration::kNoGradient) << op;
  }
}

TEST(ResourceVariableOpsTest, VarHandleIsAScalar) {
  ShapeInferenceTestOp op("VarHandleOp");
  RILL_CHECK_OK(NodeDefBuilder("v", "VarHandleOp")
                    .Attr("dtype", DT_FLOAT)
                    .Attr("shape", PartialTensorShape({2, -1}))
                    .Finalize(&op.node_def));
  INFER_OK(op, "", "[]");

  RILL_CHECK_OK(NodeDefBuilder("v", "VarHandleOp")
                    .Attr("dtype", DT_RESOURCE)
                    .Attr("shape", PartialTensorShape({}))
                    .Finalize(&op.node_def));
  INFER_ERROR("A variable cannot hold a resource", op, "");
}

TEST(ResourceVariableOpsTest, ReadAndIsInitialized) {
  ShapeInferenceTestOp read("ReadVariableOp");
  RILL_CHECK_OK(NodeDefBuilder("r", "ReadVariableOp")
                    .Input("resource", 0, DT_RESOURCE)
                    .Attr("dtype", DT_FLOAT)
                    .Finalize(&read.node_def));
  INFER_OK(read, "[]", "?");
  INFER_OK(read, "?", "?");
  INFER_ERROR("Shape must be rank 0 but is rank 1", read, "[2]");

  // "_output_shapes" gives the variable's shape (the client's Variable sets it).
  RILL_CHECK_OK(NodeDefBuilder("r", "ReadVariableOp")
                    .Input("resource", 0, DT_RESOURCE)
                    .Attr("dtype", DT_FLOAT)
                    .Attr("_output_shapes", std::vector<PartialTensorShape>{{2, -1}})
                    .Finalize(&read.node_def));
  INFER_OK(read, "[]", "[2,?]");
  RILL_CHECK_OK(NodeDefBuilder("r", "ReadVariableOp")
                    .Input("resource", 0, DT_RESOURCE)
                    .Attr("dtype", DT_FLOAT)
                    .Attr("_output_shapes", std::vector<PartialTensorShape>{{2}, {3}})
                    .Finalize(&read.node_def));
  INFER_ERROR("_output_shapes of a ReadVariableOp must hold one shape, got 2", read, "[]");

  ShapeInferenceTestOp initialized("VarIsInitializedOp");
  RILL_CHECK_OK(NodeDefBuilder("i", "VarIsInitializedOp")
                    .Input("resource", 0, DT_RESOURCE)
                    .Finalize(&initialized.node_def));
  INFER_OK(initialized, "[]", "[]");
}

TEST(ResourceVariableOpsTest, VariableShapeIsAVectorOfUnknownLength) {
  ShapeInferenceTestOp op("VariableShape");
  RILL_CHECK_OK(NodeDefBuilder("s", "VariableShape")
                    .Input("input", 0, DT_RESOURCE)
                    .Finalize(&op.node_def));
  // Without handle data the variable's rank is unknown here, as in TensorFlow.
  INFER_OK(op, "[]", "[?]");
  INFER_OK(op, "?", "[?]");
}

TEST(ResourceVariableOpsTest, AssignsHaveNoOutputs) {
  for (const char* name : {"AssignVariableOp", "AssignAddVariableOp", "AssignSubVariableOp"}) {
    ShapeInferenceTestOp op(name);
    RILL_CHECK_OK(NodeDefBuilder("a", name)
                      .Input("resource", 0, DT_RESOURCE)
                      .Input("value", 0, DT_FLOAT)
                      .Finalize(&op.node_def));
    INFER_OK(op, "[];[2,3]", "");
    INFER_ERROR("Shape must be rank 0 but is rank 1", op, "[1];[2,3]");
  }
}

TEST(ResourceVariableOpsTest, GatherChecksBatchDims) {
  ShapeInferenceTestOp op("ResourceGather");
  RILL_CHECK_OK(NodeDefBuilder("g", "ResourceGather")
                    .Input("resource", 0, DT_RESOURCE)
                    .Input("indices", 0, DT_INT32)
                    .Attr("dtype", DT_FLOAT)
                    .Attr("batch_dims", 1)
                    .Finalize(&op.node_def));
  INFER_OK(op, "[];[4,3]", "?");
  INFER_OK(op, "[];?", "?");
  INFER_ERROR("Expected batch_dims in the range [0, 0], but got 1", op, "[];[]");
}

TEST(ResourceVariableOpsTest, ScatterUpdatesStartWithTheIndicesShape) {
  for (const char* name : {"ResourceScatterAdd", "ResourceScatterSub", "ResourceScatterUpdate"}) {
    ShapeInferenceTestOp op(name);
    RILL_CHECK_OK(NodeDefBuilder("s", name)
                      .Input("resource", 0, DT_RESOURCE)
                      .Input("indices", 0, DT_INT64)
                      .Input("updates", 0, DT_FLOAT)
                      .Finalize(&op.node_def));
    INFER_OK(op, "[];[3];[3,5]", "");
    INFER_OK(op, "[];[3];[]", "");
    INFER_OK(op, "[];[?,2];[4,?,7]", "");
    INFER_OK(op, "[];?;[3,5]", "");
    INFER_ERROR("updates.shape [4,5] must start with indices.shape [3]", op, "[];[3];[4,5]");
    INFER_ERROR("updates.shape [3] must start with indices.shape [3,2]", op, "[];[3,2];[3]");
  }
}

TEST(ResourceVariableOpsTest, DestroyTakesAScalarHandle) {
  ShapeInferenceTestOp op("DestroyResourceOp");
  RILL_CHECK_OK(NodeDefBuilder("d", "DestroyResourceOp")
                    .Input("resource", 0, DT_RESOURCE)
                    .Finalize(&op.node_def));
  INFER_OK(op, "[]", "");
  INFER_ERROR("Shape must be rank 0 but is rank 2", op, "[1,1]");
}

}  // namespace
}  // namespace rill
