// Definition and shape-function tests of the optimizers' fused updates: inputs, attrs and
// defaults as TensorFlow 1.x has them, no gradient, and the shape checks in TensorFlow's
// string notation.
#include <string>
#include <vector>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

const tensorflow::OpDef& Lookup(const std::string& name) {
  absl::StatusOr<const OpRegistrationData*> data = OpRegistry::Global()->LookUp(name);
  EXPECT_TRUE(data.ok()) << data.status();
  return (*data)->op_def;
}

std::vector<std::string> InputNames(const tensorflow::OpDef& op) {
  std::vector<std::string> names;
  for (const auto& arg : op.input_arg()) names.push_back(arg.name());
  return names;
}

std::vector<std::string> AttrNames(const tensorflow::OpDef& op) {
  std::vector<std::string> names;
  for (const auto& attr : op.attr()) names.push_back(attr.name());
  return names;
}

using Names = std::vector<std::string>;

TEST(TrainingOpsTest, InputsAndAttrsFollowTensorFlow) {
  EXPECT_EQ(InputNames(Lookup("ResourceApplyMomentum")),
            (Names{"var", "accum", "lr", "grad", "momentum"}));
  EXPECT_EQ(AttrNames(Lookup("ResourceApplyMomentum")),
            (Names{"T", "use_locking", "use_nesterov"}));
  EXPECT_EQ(InputNames(Lookup("ResourceSparseApplyMomentum")),
            (Names{"var", "accum", "lr", "grad", "indices", "momentum"}));
  EXPECT_EQ(AttrNames(Lookup("ResourceSparseApplyMomentum")),
            (Names{"T", "Tindices", "use_locking", "use_nesterov"}));

  EXPECT_EQ(InputNames(Lookup("ResourceApplyAdagrad")), (Names{"var", "accum", "lr", "grad"}));
  EXPECT_EQ(AttrNames(Lookup("ResourceApplyAdagrad")),
            (Names{"T", "use_locking", "update_slots"}));
  EXPECT_TRUE(Lookup("ResourceApplyAdagrad").attr(2).default_value().b());
  EXPECT_EQ(InputNames(Lookup("ResourceSparseApplyAdagrad")),
            (Names{"var", "accum", "lr", "grad", "indices"}));

  EXPECT_EQ(InputNames(Lookup("ResourceApplyAdam")),
            (Names{"var", "m", "v", "beta1_power", "beta2_power", "lr", "beta1", "beta2",
                   "epsilon", "grad"}));
  EXPECT_EQ(AttrNames(Lookup("ResourceApplyAdam")), (Names{"T", "use_locking", "use_nesterov"}));
  EXPECT_FALSE(Lookup("ResourceApplyAdam").attr(2).default_value().b());

  EXPECT_EQ(InputNames(Lookup("ResourceApplyFtrl")),
            (Names{"var", "accum", "linear", "grad", "lr", "l1", "l2", "lr_power"}));
  EXPECT_EQ(AttrNames(Lookup("ResourceApplyFtrl")), (Names{"T", "use_locking"}));
  EXPECT_EQ(InputNames(Lookup("ResourceSparseApplyFtrl")),
            (Names{"var", "accum", "linear", "grad", "indices", "lr", "l1", "l2", "lr_power"}));
  EXPECT_EQ(InputNames(Lookup("ResourceApplyFtrlV2")),
            (Names{"var", "accum", "linear", "grad", "lr", "l1", "l2", "l2_shrinkage",
                   "lr_power"}));
  EXPECT_EQ(InputNames(Lookup("ResourceSparseApplyFtrlV2")),
            (Names{"var", "accum", "linear", "grad", "indices", "lr", "l1", "l2",
                   "l2_shrinkage", "lr_power"}));

  EXPECT_EQ(InputNames(Lookup("ResourceApplyRMSProp")),
            (Names{"var", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad"}));
  EXPECT_EQ(InputNames(Lookup("ResourceSparseApplyRMSProp")),
            (Names{"var", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad", "indices"}));
  EXPECT_EQ(InputNames(Lookup("ResourceApplyCenteredRMSProp")),
            (Names{"var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad"}));
  EXPECT_EQ(InputNames(Lookup("ResourceSparseApplyCenteredRMSProp")),
            (Names{"var", "mg", "ms", "mom", "lr", "rho", "momentum", "epsilon", "grad",
                   "indices"}));
  EXPECT_EQ(AttrNames(Lookup("ResourceSparseApplyCenteredRMSProp")),
            (Names{"T", "Tindices", "use_locking"}));

  for (const char* name : {"ResourceApplyMomentum", "ResourceSparseApplyAdagrad",
                           "ResourceApplyAdam", "ResourceSparseApplyFtrlV2",
                           "ResourceApplyCenteredRMSProp"}) {
    EXPECT_EQ(Lookup(name).output_arg_size(), 0) << name;
    EXPECT_EQ(Lookup(name).attr(0).allowed_values().list().type_size(),
              Lookup("ResourceApplyGradientDescent").attr(0).allowed_values().list().type_size())
        << name << ": T is a numbertype";
  }
}

TEST(TrainingOpsTest, NoUpdateHasAGradient) {
  for (const char* name :
       {"ResourceApplyMomentum", "ResourceSparseApplyMomentum", "ResourceApplyAdagrad",
        "ResourceSparseApplyAdagrad", "ResourceApplyAdam", "ResourceApplyFtrl",
        "ResourceSparseApplyFtrl", "ResourceApplyFtrlV2", "ResourceSparseApplyFtrlV2",
        "ResourceApplyRMSProp", "ResourceSparseApplyRMSProp", "ResourceApplyCenteredRMSProp",
        "ResourceSparseApplyCenteredRMSProp"}) {
    absl::StatusOr<const OpRegistrationData*> data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << name;
    EXPECT_EQ((*data)->gradient, GradientDeclaration::kNoGradient) << name;
  }
}

TEST(TrainingOpsTest, DenseUpdatesCheckTheirScalars) {
  ShapeInferenceTestOp momentum("ResourceApplyMomentum");
  INFER_OK(momentum, "[];[];[];[2,3];[]", "");
  INFER_OK(momentum, "?;?;?;?;?", "");
  INFER_ERROR("Shape must be rank 0 but is rank 1", momentum, "[];[];[1];[2,3];[]");
  INFER_ERROR("Shape must be rank 0 but is rank 1", momentum, "[];[];[];[2,3];[1]");

  ShapeInferenceTestOp adam("ResourceApplyAdam");
  INFER_OK(adam, "[];[];[];[];[];[];[];[];[];[5]", "");
  INFER_ERROR("Shape must be rank 0 but is rank 1", adam, "[];[];[];[];[2];[];[];[];[];[5]");
  INFER_ERROR("Shape must be rank 0 but is rank 2", adam, "[];[];[];[];[];[];[];[];[1,1];[5]");

  ShapeInferenceTestOp ftrl_v2("ResourceApplyFtrlV2");
  INFER_OK(ftrl_v2, "[];[];[];[4];[];[];[];[];[]", "");
  INFER_ERROR("Shape must be rank 0 but is rank 1", ftrl_v2, "[];[];[];[4];[];[];[];[3];[]");

  ShapeInferenceTestOp centered("ResourceApplyCenteredRMSProp");
  INFER_OK(centered, "[];[];[];[];[];[];[];[];[7]", "");
  INFER_ERROR("Shape must be rank 0 but is rank 1", centered, "[];[];[];[];[];[];[];[2];[7]");
}

TEST(TrainingOpsTest, SparseUpdatesMatchIndicesWithGradientRows) {
  ShapeInferenceTestOp adagrad("ResourceSparseApplyAdagrad");
  INFER_OK(adagrad, "[];[];[];[3,4];[3]", "");
  INFER_OK(adagrad, "[];[];[];?;?", "");
  INFER_OK(adagrad, "[];[];[];[?,4];[3]", "");
  INFER_ERROR("Dimensions must be equal, but are 2 and 3", adagrad, "[];[];[];[3,4];[2]");
  INFER_ERROR("Shape must be rank 1 but is rank 2", adagrad, "[];[];[];[3,4];[3,1]");
  INFER_ERROR("Shape must be at least rank 1 but is rank 0", adagrad, "[];[];[];[];[3]");
  INFER_ERROR("Shape must be rank 0 but is rank 1", adagrad, "[];[];[2];[3,4];[3]");

  ShapeInferenceTestOp momentum("ResourceSparseApplyMomentum");
  INFER_OK(momentum, "[];[];[];[2];[2];[]", "");
  INFER_ERROR("Shape must be rank 0 but is rank 1", momentum, "[];[];[];[2];[2];[1]");

  ShapeInferenceTestOp ftrl("ResourceSparseApplyFtrl");
  INFER_OK(ftrl, "[];[];[];[2,5];[2];[];[];[];[]", "");
  INFER_ERROR("Dimensions must be equal", ftrl, "[];[];[];[2,5];[1];[];[];[];[]");
  INFER_ERROR("Shape must be rank 0 but is rank 1", ftrl, "[];[];[];[2,5];[2];[];[];[];[1]");

  ShapeInferenceTestOp rms("ResourceSparseApplyCenteredRMSProp");
  INFER_OK(rms, "[];[];[];[];[];[];[];[];[6,2];[6]", "");
  INFER_ERROR("Dimensions must be equal", rms, "[];[];[];[];[];[];[];[];[6,2];[5]");
}

}  // namespace
}  // namespace rill
