// Tests of nce_loss and sampled_softmax_loss: values for fixed sampled candidates against
// the Python script quoted below, num_true = 2, accidental hits, numeric gradient checks in
// inputs, weights and biases (whole and partitioned), IndexedSlices gradients into
// resource-variable tables, a sparse update that leaves the other rows alone, and the
// default seeded sampler.
//
// Expected values (python3; W[i] = [0.1 i, 0.2 - 0.05 i, 0.3 - 0.07 i], b[i] = 0.01 i - 0.02,
// inputs [[0.1, -0.2, 0.3], [0.5, 0.4, -0.6]], sampled [0, 4, 5] with expected counts
// [0.5, 0.2, 0.1]):
//   logit(r, c) = dot(inputs[r], W[c]) + b[c] - log(expected_count(c)) (+ -FLT_MAX for a
//                 removed accidental hit)
//   nce row     = sum(max(x, 0) - x * z + log1p(exp(-|x|))), z = 1 / num_true for the true
//                 columns, 0 for the sampled ones
//   softmax row = -sum over the true columns of (1 / num_true) * log_softmax(row)
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "core/client/client_session.h"
#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradient_checker.h"
#include "ops/gradients/gradients.h"
#include "ops/math/math_ops.h"
#include "ops/nn/sampled_losses.h"
#include "ops/random/random_seed.h"
#include "ops/state/state_ops.h"
#include "ops/state/variables.h"

namespace rill {
namespace {

// Rows [begin, end) of the class embeddings.
Tensor Weights(int begin = 0, int end = 6) {
  std::vector<double> w;
  for (int i = begin; i < end; ++i) {
    w.push_back(0.1 * i);
    w.push_back(0.2 - 0.05 * i);
    w.push_back(0.3 - 0.07 * i);
  }
  return test::AsTensor<double>(w, TensorShape({end - begin, 3}));
}

Tensor Biases() {
  std::vector<double> b;
  for (int i = 0; i < 6; ++i) b.push_back(0.01 * i - 0.02);
  return test::AsTensor<double>(b);
}

Tensor Inputs() {
  return test::AsTensor<double>({0.1, -0.2, 0.3, 0.5, 0.4, -0.6}, TensorShape({2, 3}));
}

// Fixed candidates [0, 4, 5] and expected counts, double so that the logits are exact.
ops::SampledValues Fixed(const Scope& scope, const std::vector<double>& true_counts,
                         int64_t num_true) {
  return {ops::Const(scope, {int64_t{0}, int64_t{4}, int64_t{5}}),
          ops::Const(scope, test::AsTensor<double>(true_counts, TensorShape({2, num_true}))),
          ops::Const(scope, {0.5, 0.2, 0.1})};
}

std::vector<Tensor> RunGraph(const Scope& scope, const std::vector<Output>& fetches) {
  ClientSession session(scope);
  std::vector<Tensor> out;
  const absl::Status status = session.Run(fetches, &out);
  EXPECT_TRUE(status.ok()) << status;
  return out;
}

TEST(SampledLossesTest, NceLossMatchesPython) {
  Scope root = Scope::NewRootScope();
  const Output w = ops::Const(root, Weights());
  const Output b = ops::Const(root, Biases());
  const Output x = ops::Const(root, Inputs());
  ops::NceLossOptions one;
  one.sampled_values = Fixed(root, {0.3, 0.2}, 1);
  const Output labels = ops::Const(root, {{int64_t{1}}, {int64_t{4}}});
  const Output nce1 = ops::nce_loss(root, w, b, labels, x, 3, 6, one);
  one.remove_accidental_hits = true;
  const Output nce1_remove = ops::nce_loss(root, w, b, labels, x, 3, 6, one);
  ops::NceLossOptions two;
  two.num_true = 2;
  two.sampled_values = Fixed(root, {0.3, 0.25, 0.2, 0.15}, 2);
  const Output nce2 = ops::nce_loss(
      root, w, b, ops::Const(root, {{1, 2}, {4, 3}}), x, 3, 6, two);  // int32 labels, cast
  ASSERT_TRUE(root.ok()) << root.status();
  const std::vector<Tensor> out = RunGraph(root, {nce1, nce1_remove, nce2});
  test::ExpectTensorNear<double>(out[0], test::AsTensor<double>({5.6855726522739936, 5.803459991878491}), 1e-12);
  test::ExpectTensorNear<double>(out[1], test::AsTensor<double>({5.6855726522739936, 3.8354996245213724}), 1e-12);
  test::ExpectTensorNear<double>(out[2], test::AsTensor<double>({7.2379323384402445, 7.847938878892939}), 1e-12);
}

TEST(SampledLossesTest, SampledSoftmaxLossMatchesPython) {
  Scope root = Scope::NewRootScope();
  const Output w = ops::Const(root, Weights());
  const Output b = ops::Const(root, Biases());
  const Output x = ops::Const(root, Inputs());
  const Output labels = ops::Const(root, {{int64_t{1}}, {int64_t{4}}});
  ops::SampledSoftmaxLossOptions one;
  one.sampled_values = Fixed(root, {0.3, 0.2}, 1);
  const Output removed = ops::sampled_softmax_loss(root, w, b, labels, x, 3, 6, one);
  one.remove_accidental_hits = false;
  const Output kept = ops::sampled_softmax_loss(root, w, b, labels, x, 3, 6, one);
  ops::SampledSoftmaxLossOptions two;
  two.num_true = 2;
  two.sampled_values = Fixed(root, {0.3, 0.25, 0.2, 0.15}, 2);
  const Output both = ops::sampled_softmax_loss(
      root, w, b, ops::Const(root, {{int64_t{1}, int64_t{2}}, {int64_t{4}, int64_t{3}}}), x, 3,
      6, two);
  ASSERT_TRUE(root.ok()) << root.status();
  const std::vector<Tensor> out = RunGraph(root, {removed, kept, both});
  test::ExpectTensorNear<double>(out[0], test::AsTensor<double>({1.831884176040809, 1.2409959587131745}), 1e-12);
  test::ExpectTensorNear<double>(out[1], test::AsTensor<double>({1.831884176040809, 1.4949372700228016}), 1e-12);
  test::ExpectTensorNear<double>(out[2], test::AsTensor<double>({1.91342431303727, 1.4420411686053738}), 1e-12);
}

// The gradients in inputs, weights and biases against central differences; weights also
// split in two 'div' partitions.
TEST(SampledLossesTest, GradientsMatchCentralDifferences) {
  for (const bool softmax : {false, true}) {
    for (const bool partitioned : {false, true}) {
      Scope root = Scope::NewRootScope();
      const Output x = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({2, 3}));
      const Output b = ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({6}));
      std::vector<Output> xs = {x, b};
      std::vector<Tensor> values = {Inputs(), Biases()};
      std::vector<Output> tables;
      if (partitioned) {
        for (int p = 0; p < 2; ++p) {
          tables.push_back(ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({3, 3})));
          xs.push_back(tables.back());
          values.push_back(Weights(3 * p, 3 * p + 3));
        }
      } else {
        tables.push_back(ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({6, 3})));
        xs.push_back(tables.back());
        values.push_back(Weights());
      }
      const Output labels = ops::Const(root, {{int64_t{1}, int64_t{2}}, {int64_t{4}, int64_t{3}}});
      const ops::SampledValues fixed = Fixed(root, {0.3, 0.25, 0.2, 0.15}, 2);
      Output loss;
      if (softmax) {
        ops::SampledSoftmaxLossOptions options;
        options.num_true = 2;
        options.sampled_values = fixed;
        options.partition_strategy = "div";
        loss = ops::sampled_softmax_loss(root, tables, b, labels, x, 3, 6, options);
      } else {
        ops::NceLossOptions options;
        options.num_true = 2;
        options.sampled_values = fixed;
        options.partition_strategy = "div";
        options.remove_accidental_hits = true;
        loss = ops::nce_loss(root, tables, b, labels, x, 3, 6, options);
      }
      ASSERT_TRUE(root.ok()) << root.status();
      const absl::StatusOr<double> error = ComputeGradientError(root, xs, values, {loss});
      ASSERT_TRUE(error.ok()) << error.status();
      EXPECT_LT(*error, 1e-6) << (softmax ? "sampled_softmax_loss" : "nce_loss")
                              << (partitioned ? ", partitioned" : "");
    }
  }
}

// Variables as tables: the gradients reaching their handles are IndexedSlices of the rows
// looked up (the true classes, then the sampled ones), and a sparse update through them
// changes those rows only.
TEST(SampledLossesTest, TableGradientsAreIndexedSlicesAndUpdateOnlyTheirRows) {
  Scope root = Scope::NewRootScope();
  ops::Variable w(root.WithOpName("nce_weight"), Weights());
  ops::Variable b(root.WithOpName("nce_bias"), Biases());
  const Output x = ops::Const(root, Inputs());
  ops::NceLossOptions options;
  options.sampled_values = Fixed(root, {0.3, 0.2}, 1);
  const Output loss = ops::Sum(
      root, ops::nce_loss(root, w, b, ops::Const(root, {{int64_t{1}}, {int64_t{4}}}), x, 3, 6,
                          options),
      0);
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {loss}, {w.handle(), b.handle()}, &grads).ok());
  ASSERT_EQ(grads.size(), 2u);
  ASSERT_TRUE(grads[0].is_sparse());
  ASSERT_TRUE(grads[1].is_sparse());
  const Operation update_w = ops::ResourceScatterSub(root, w.handle(), grads[0].sparse().indices,
                                                     grads[0].sparse().values);
  const Operation update_b = ops::ResourceScatterSub(root, b.handle(), grads[1].sparse().indices,
                                                     grads[1].sparse().values);
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {w.initializer(), b.initializer()}, nullptr).ok());
  std::vector<Tensor> indices;
  ASSERT_TRUE(session.Run({grads[0].sparse().indices, grads[1].sparse().indices}, &indices).ok());
  test::ExpectTensorEqual<int64_t>(indices[0], test::AsTensor<int64_t>({1, 4, 0, 4, 5}));
  test::ExpectTensorEqual<int64_t>(indices[1], test::AsTensor<int64_t>({1, 4, 0, 4, 5}));
  ASSERT_TRUE(session.Run({}, {}, {update_w, update_b}, nullptr).ok());
  const absl::StatusOr<Tensor> new_w = w.Eval(session);
  ASSERT_TRUE(new_w.ok());
  const Tensor old_w = Weights();
  for (int row = 0; row < 6; ++row) {
    const bool looked_up = row == 0 || row == 1 || row == 4 || row == 5;
    bool changed = false;
    for (int col = 0; col < 3; ++col) {
      changed |= new_w->matrix<double>()(row, col) != old_w.matrix<double>()(row, col);
    }
    EXPECT_EQ(changed, looked_up) << "row " << row;
  }
}

// Without sampled_values, a seeded log-uniform sampler draws the candidates: the same
// program gives the same losses, and another graph seed others.
TEST(SampledLossesTest, DefaultSamplerIsSeeded) {
  const auto loss_with_seed = [](int64_t graph_seed) {
    Scope root = Scope::NewRootScope();
    ops::set_random_seed(root, graph_seed);
    std::vector<float> w(1000 * 4);
    for (size_t i = 0; i < w.size(); ++i) w[i] = 0.001f * (i % 97);
    const Output loss = ops::nce_loss(
        root, ops::Const(root, test::AsTensor<float>(w, TensorShape({1000, 4}))),
        ops::Const(root, test::AsTensor<float>(std::vector<float>(1000, 0.f))),
        ops::Const(root, {{int64_t{3}}, {int64_t{500}}}),
        ops::Const(root, {{0.5f, -0.5f, 0.25f, 1.f}, {1.f, 0.f, -1.f, 0.5f}}), 64, 1000);
    EXPECT_TRUE(root.ok()) << root.status();
    return RunGraph(root, {loss})[0];
  };
  const Tensor first = loss_with_seed(7);
  test::ExpectTensorEqual<float>(first, loss_with_seed(7));
  const Tensor other = loss_with_seed(8);
  EXPECT_NE(first.flat<float>()(0), other.flat<float>()(0));
}

TEST(SampledLossesTest, BuildErrors) {
  Scope root = Scope::NewRootScope();
  ops::nce_loss(root, ops::Const(root, Weights()), ops::Const(root, Biases()),
                ops::Const(root, {{1.0}}), ops::Const(root, Inputs()), 3, 6);
  EXPECT_FALSE(root.ok());
  EXPECT_NE(root.status().message().find("labels must be an int64"), std::string::npos)
      << root.status();
}

}  // namespace
}  // namespace rill
