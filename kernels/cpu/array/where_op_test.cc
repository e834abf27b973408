// Tests of the CPU Where kernel: coordinates of true / nonzero elements in row-major
// order for bool and every number dtype, NaN and -0.0, scalars and empty tensors.
#include <cstdint>
#include <limits>
#include <vector>

#include "absl/status/statusor.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

absl::StatusOr<std::vector<Tensor>> Where(const Tensor& input) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("w", "Where").Input("input", 0, input.dtype()).Finalize(&def).ok());
  return test::RunKernel(def, {input});
}

void ExpectCoordinates(const Tensor& input, const std::vector<int64_t>& coordinates, int64_t rows) {
  const auto out = Where(input);
  ASSERT_TRUE(out.ok()) << out.status();
  test::ExpectTensorEqual<int64_t>(
      (*out)[0], test::AsTensor<int64_t>(coordinates, TensorShape({rows, input.dims()})));
}

TEST(WhereOpTest, DocumentedExample) {
  // [[True, False], [True, False]] ==> [[0, 0], [1, 0]]
  ExpectCoordinates(test::AsTensor<bool>({true, false, true, false}, TensorShape({2, 2})),
                    {0, 0, 1, 0}, 2);
}

TEST(WhereOpTest, ThreeDimensionalRowMajor) {
  // [[[0 1] [0 0]] [[2 0] [0 3]]]
  ExpectCoordinates(test::AsTensor<int32_t>({0, 1, 0, 0, 2, 0, 0, 3}, TensorShape({2, 2, 2})),
                    {0, 0, 1, 1, 0, 0, 1, 1, 1}, 3);
}

TEST(WhereOpTest, NanIsNonzeroAndNegativeZeroIsZero) {
  ExpectCoordinates(test::AsTensor<float>({0.f, -0.f, std::numeric_limits<float>::quiet_NaN(), 1.5f,
                                           -std::numeric_limits<float>::infinity()}),
                    {2, 3, 4}, 3);
}

template <typename T>
void ExpectWhereOfType() {
  SCOPED_TRACE(DataTypeString(DataTypeToEnum<T>::value));
  ExpectCoordinates(test::AsTensor<T>({static_cast<T>(0), static_cast<T>(3), static_cast<T>(0),
                                       static_cast<T>(1)}),
                    {1, 3}, 2);
}

TEST(WhereOpTest, EveryDtype) {
  ExpectWhereOfType<float>();
  ExpectWhereOfType<double>();
  ExpectWhereOfType<Eigen::half>();
  ExpectWhereOfType<Eigen::bfloat16>();
  ExpectWhereOfType<int8_t>();
  ExpectWhereOfType<int16_t>();
  ExpectWhereOfType<int32_t>();
  ExpectWhereOfType<int64_t>();
  ExpectWhereOfType<uint8_t>();
  ExpectWhereOfType<uint16_t>();
  ExpectWhereOfType<uint32_t>();
  ExpectWhereOfType<uint64_t>();
  ExpectWhereOfType<bool>();
  ExpectWhereOfType<complex64>();
  ExpectWhereOfType<complex128>();
  // A complex number is nonzero when either part is.
  ExpectCoordinates(test::AsTensor<complex64>({{0, 0}, {0, 1}}), {1}, 1);
}

TEST(WhereOpTest, ScalarsAndEmptyTensors) {
  ExpectCoordinates(test::AsScalar<bool>(true), {}, 1);
  ExpectCoordinates(test::AsScalar<bool>(false), {}, 0);
  ExpectCoordinates(Tensor(DT_BOOL, TensorShape({0, 3})), {}, 0);
  ExpectCoordinates(test::AsTensor<int32_t>({0, 0, 0}), {}, 0);
}

}  // namespace
}  // namespace rill
