// Shape-function tests of Range and LinSpace in TensorFlow's string notation: lengths from
// constant arguments (computed as the kernels compute them), errors, unknown inputs.
#include <cstdint>
#include <limits>

#include "core/framework/node_def_builder.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

// RangeOp is a Range node of element type T whose three arguments are the constants
// start, limit and delta (kept alive by the returned struct).
template <typename T>
struct RangeOp {
  RangeOp(T start, T limit, T delta)
      : op("Range"),
        start(test::AsScalar<T>(start)),
        limit(test::AsScalar<T>(limit)),
        delta(test::AsScalar<T>(delta)) {
    const DataType dtype = DataTypeToEnum<T>::value;
    EXPECT_TRUE(NodeDefBuilder("r", "Range")
                    .Input("start", 0, dtype)
                    .Input("limit", 0, dtype)
                    .Input("delta", 0, dtype)
                    .Finalize(&op.node_def)
                    .ok());
    op.input_tensors = {&this->start, &this->limit, &this->delta};
  }
  RangeOp(const RangeOp&) = delete;

  ShapeInferenceTestOp op;
  Tensor start, limit, delta;
};

TEST(RangeShapeTest, UnknownArgumentsGiveAVectorOfUnknownLength) {
  ShapeInferenceTestOp op("Range");
  ASSERT_TRUE(NodeDefBuilder("r", "Range")
                  .Input("start", 0, DT_INT32)
                  .Input("limit", 0, DT_INT32)
                  .Input("delta", 0, DT_INT32)
                  .Finalize(&op.node_def)
                  .ok());
  INFER_OK(op, "[];[];[]", "[?]");
  INFER_OK(op, "?;?;?", "[?]");
  INFER_ERROR("Shape must be rank 0 but is rank 1 for 'start'", op, "[1];[];[]");
  INFER_ERROR("Shape must be rank 0 but is rank 1 for 'limit'", op, "[];[2];[]");
  INFER_ERROR("Shape must be rank 0 but is rank 2 for 'delta'", op, "[];[];[1,1]");
}

TEST(RangeShapeTest, IntegerLengthIsCeilOfDistanceOverDelta) {
  INFER_OK(RangeOp<int32_t>(3, 18, 3).op, "[];[];[]", "[5]");
  INFER_OK(RangeOp<int32_t>(0, 5, 1).op, "[];[];[]", "[5]");
  INFER_OK(RangeOp<int32_t>(0, 10, 3).op, "[];[];[]", "[4]");
  INFER_OK(RangeOp<int32_t>(5, 0, -2).op, "[];[];[]", "[3]");
  INFER_OK(RangeOp<int32_t>(7, 7, 1).op, "[];[];[]", "[0]");
  INFER_OK(RangeOp<int64_t>(-3, 3, 2).op, "[];[];[]", "[3]");
  // The full int32 range: no overflow in limit - start.
  INFER_OK(RangeOp<int32_t>(std::numeric_limits<int32_t>::min(),
                            std::numeric_limits<int32_t>::max(), 1 << 30)
               .op,
           "[];[];[]", "[4]");
  INFER_OK(RangeOp<uint64_t>(0, std::numeric_limits<uint64_t>::max(), uint64_t{1} << 62).op,
           "[];[];[]", "[4]");
  INFER_ERROR(
      "Requires ((limit - start) / delta) <= 9223372036854775807",
      RangeOp<int64_t>(std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max(), 1)
          .op,
      "[];[];[]");
}

TEST(RangeShapeTest, FloatLengthUsesTheElementTypesArithmetic) {
  INFER_OK(RangeOp<float>(0.f, 1.f, 0.3f).op, "[];[];[]", "[4]");
  // In float, 0.3f / 0.1f rounds to exactly 3: three elements, as in TensorFlow (in
  // double the quotient is 3.0000000745 and there would be four).
  INFER_OK(RangeOp<float>(0.f, 0.3f, 0.1f).op, "[];[];[]", "[3]");
  INFER_OK(RangeOp<double>(10.0, 0.0, -2.5).op, "[];[];[]", "[4]");
  INFER_OK(RangeOp<Eigen::half>(Eigen::half(0.f), Eigen::half(2.f), Eigen::half(0.5f)).op,
           "[];[];[]", "[4]");
  INFER_ERROR("Requires ((limit - start) / delta) <= ",
              RangeOp<float>(0.f, std::numeric_limits<float>::quiet_NaN(), 1.f).op, "[];[];[]");
  INFER_ERROR("Requires ((limit - start) / delta) <= ",
              RangeOp<double>(0.0, std::numeric_limits<double>::infinity(), 1.0).op, "[];[];[]");
}

TEST(RangeShapeTest, DeltaMustPointTowardsLimit) {
  INFER_ERROR("Requires delta != 0", RangeOp<int32_t>(0, 10, 0).op, "[];[];[]");
  INFER_ERROR("Requires start <= limit when delta > 0: 5/0", RangeOp<int32_t>(5, 0, 1).op,
              "[];[];[]");
  INFER_ERROR("Requires start >= limit when delta < 0: 0/5", RangeOp<int64_t>(0, 5, -1).op,
              "[];[];[]");
  INFER_ERROR("Requires start <= limit when delta > 0: 2.5/1", RangeOp<float>(2.5f, 1.f, 1.f).op,
              "[];[];[]");
}

ShapeInferenceTestOp LinSpaceOp(DataType num_type) {
  ShapeInferenceTestOp op("LinSpace");
  EXPECT_TRUE(NodeDefBuilder("l", "LinSpace")
                  .Input("start", 0, DT_FLOAT)
                  .Input("stop", 0, DT_FLOAT)
                  .Input("num", 0, num_type)
                  .Finalize(&op.node_def)
                  .ok());
  op.input_tensors.resize(3);
  return op;
}

TEST(LinSpaceShapeTest, LengthIsNum) {
  ShapeInferenceTestOp op = LinSpaceOp(DT_INT32);
  INFER_OK(op, "[];[];[]", "[?]");
  INFER_ERROR("Shape must be rank 0 but is rank 1 for 'stop'", op, "[];[2];[]");
  INFER_ERROR("Shape must be rank 0 but is rank 1 for 'num'", op, "[];[];[1]");
  Tensor num = test::AsScalar<int32_t>(4);
  op.input_tensors[2] = &num;
  INFER_OK(op, "[];[];[]", "[4]");
  num = test::AsScalar<int32_t>(0);
  INFER_ERROR("Requires num > 0: 0", op, "[];[];[]");

  op = LinSpaceOp(DT_INT64);
  Tensor num64 = test::AsScalar<int64_t>(int64_t{1} << 33);
  op.input_tensors[2] = &num64;
  INFER_OK(op, "[];[];[]", "[8589934592]");
}

TEST(SequenceOpsTest, NeitherHasAGradient) {
  EXPECT_EQ((*OpRegistry::Global()->LookUp("Range"))->gradient, GradientDeclaration::kNoGradient);
  EXPECT_EQ((*OpRegistry::Global()->LookUp("LinSpace"))->gradient,
            GradientDeclaration::kNoGradient);
}

}  // namespace
}  // namespace rill
