// Tests of the gradients of MatMul (every transpose combination) and BatchMatMulV2 (every
// adjoint combination, equal and broadcast batch dimensions, plain matrices, unknown
// shapes): numeric checks in double, and one in float.
#include <vector>

#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "gtest/gtest.h"
#include "ops/math/gradient_testutil.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

// Stored shape of an operand of logical shape [rows, cols], transposed when `transposed`,
// after the batch dimensions `batch`.
TensorShape Stored(std::vector<int64_t> batch, int64_t rows, int64_t cols, bool transposed) {
  batch.push_back(transposed ? cols : rows);
  batch.push_back(transposed ? rows : cols);
  return TensorShape(batch);
}

TEST(MatMulGradientsTest, EveryTransposeCombination) {
  for (const bool t_a : {false, true}) {
    for (const bool t_b : {false, true}) {
      for (const bool known : {true, false}) {
        SCOPED_TRACE(testing::Message() << "transpose_a=" << t_a << " transpose_b=" << t_b
                                        << (known ? "" : ", unknown shapes"));
        // [2,3] x [3,4].
        const auto error = test::GradientError(
            [&](const Scope& scope, const std::vector<Output>& xs) {
              return ops::MatMul(scope, xs[0], xs[1], ops::MatMul::TransposeA(t_a).TransposeB(t_b))
                  .product;
            },
            {test::Spread(Stored({}, 2, 3, t_a), -1, 1, 1),
             test::Spread(Stored({}, 3, 4, t_b), -1, 1, 2)},
            known);
        ASSERT_TRUE(error.ok()) << error.status();
        EXPECT_LT(*error, 1e-9);
      }
    }
  }
}

TEST(MatMulGradientsTest, FloatInputs) {
  const auto error = test::GradientError(
      [](const Scope& scope, const std::vector<Output>& xs) {
        return ops::MatMul(scope, xs[0], xs[1], ops::MatMul::TransposeB(true)).product;
      },
      {test::Spread(TensorShape({2, 3}), -1, 1, 1, DT_FLOAT),
       test::Spread(TensorShape({4, 3}), -1, 1, 2, DT_FLOAT)});
  ASSERT_TRUE(error.ok()) << error.status();
  EXPECT_LT(*error, 1e-2);
}

struct BatchShapes {
  std::vector<int64_t> x_batch, y_batch;
};

TEST(MatMulGradientsTest, BatchMatMulV2EveryAdjointAndBroadcast) {
  const std::vector<BatchShapes> batches = {
      {{2}, {2}},     // equal batches
      {{2, 1}, {3}},  // [2,1] with [3] broadcast to [2,3]
      {{}, {2}},      // a matrix with a batch of them
      {{3, 2}, {}},   // and the other way round
      {{}, {}},       // plain matrices (MatMul products)
  };
  for (const BatchShapes& b : batches) {
    for (const bool adj_x : {false, true}) {
      for (const bool adj_y : {false, true}) {
        for (const bool known : {true, false}) {
          SCOPED_TRACE(testing::Message()
                       << "x batch " << TensorShape(b.x_batch) << ", y batch "
                       << TensorShape(b.y_batch) << " adj_x=" << adj_x << " adj_y=" << adj_y
                       << (known ? "" : ", unknown shapes"));
          // [.., 2, 3] x [.., 3, 2].
          const auto error = test::GradientError(
              [&](const Scope& scope, const std::vector<Output>& xs) {
                return ops::BatchMatMulV2(scope, xs[0], xs[1],
                                          ops::BatchMatMulV2::AdjX(adj_x).AdjY(adj_y))
                    .output;
              },
              {test::Spread(Stored(b.x_batch, 2, 3, adj_x), -1, 1, 1),
               test::Spread(Stored(b.y_batch, 3, 2, adj_y), -1, 1, 2)},
              known);
          ASSERT_TRUE(error.ok()) << error.status();
          EXPECT_LT(*error, 1e-9);
        }
      }
    }
  }
}

}  // namespace
}  // namespace rill
