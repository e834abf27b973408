// Tests of constant folding through sessions: what folds (step stats list only the nodes a
// step ran), that results do not change, and what must never fold.

#include <set>
#include <string>
#include <vector>

#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor_testutil.h"
#include "core/protos/config.pb.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"
#include "ops/random/random_ops.h"

namespace rill {
namespace {

// Traced runs `fetches` with `feeds` and returns the names of the nodes the step ran.
std::set<std::string> Traced(const ClientSession& session, const ClientSession::FeedType& feeds,
                             const std::vector<Output>& fetches, std::vector<Tensor>* outputs) {
  tensorflow::RunOptions options;
  options.set_trace_level(tensorflow::RunOptions::FULL_TRACE);
  tensorflow::RunMetadata metadata;
  const absl::Status status = session.Run(options, feeds, fetches, {}, outputs, &metadata);
  EXPECT_TRUE(status.ok()) << status;
  std::set<std::string> ran;
  for (const auto& device : metadata.step_stats().dev_stats()) {
    for (const auto& node : device.node_stats()) ran.insert(node.node_name());
  }
  return ran;
}

TEST(ConstantFoldingTest, ArithmeticOnConstantsRunsOnce) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  auto five = ops::Add(root.WithOpName("five"), 2.f, 3.f);
  auto product = ops::Mul(root.WithOpName("product"), x, five);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  for (float value : {1.f, 4.f}) {
    EXPECT_EQ(Traced(session, {{x, value}}, {product, five}, &outputs),
              std::set<std::string>{"product"});
    test::ExpectTensorEqual<float>(outputs[0], test::AsScalar<float>(5 * value));
    test::ExpectTensorEqual<float>(outputs[1], test::AsScalar<float>(5.f));
  }
}

TEST(ConstantFoldingTest, ShapesKnownStaticallyAreMaterialized) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT,
                            ops::Placeholder::Shape(PartialTensorShape({2, 3})));
  auto shape = ops::Shape(root.WithOpName("shape"), x, ops::Shape::OutType(DT_INT64));
  auto size = ops::Size(root.WithOpName("size"), x);
  auto rank = ops::Rank(root.WithOpName("rank"), x);
  // [3, 2]: the reversed shape, computed from the shape alone, so folded too.
  auto reversed = ops::ReverseV2(root.WithOpName("reversed"), ops::Shape(root, x), {0});
  auto reshaped = ops::Reshape(root.WithOpName("reshaped"), x, reversed);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  const Tensor value = test::AsTensor<float>({1, 2, 3, 4, 5, 6}, TensorShape({2, 3}));
  EXPECT_EQ(Traced(session, {{x, value}}, {shape, size, rank, reshaped}, &outputs),
            std::set<std::string>{"reshaped"});
  test::ExpectTensorEqual<int64_t>(outputs[0], test::AsTensor<int64_t>({2, 3}));
  test::ExpectTensorEqual<int32_t>(outputs[1], test::AsScalar<int32_t>(6));
  test::ExpectTensorEqual<int32_t>(outputs[2], test::AsScalar<int32_t>(2));
  test::ExpectTensorEqual<float>(
      outputs[3], test::AsTensor<float>({1, 2, 3, 4, 5, 6}, TensorShape({3, 2})));
}

TEST(ConstantFoldingTest, ShapesKnownOnlyInPartRunEachStep) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT,
                            ops::Placeholder::Shape(PartialTensorShape({-1, 2})));
  auto shape = ops::Shape(root.WithOpName("shape"), x);
  auto rank = ops::Rank(root.WithOpName("rank"), x);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  for (int64_t rows : {1, 3}) {
    const Tensor value(DT_FLOAT, TensorShape({rows, 2}));
    EXPECT_EQ(Traced(session, {{x, value}}, {shape, rank}, &outputs),
              std::set<std::string>{"shape"});
    test::ExpectTensorEqual<int32_t>(outputs[0],
                                     test::AsTensor<int32_t>({static_cast<int32_t>(rows), 2}));
    test::ExpectTensorEqual<int32_t>(outputs[1], test::AsScalar<int32_t>(2));
  }
}

TEST(ConstantFoldingTest, StatefulOpsAndTheirConsumersRunEachStep) {
  Scope root = Scope::NewRootScope();
  auto random = ops::RandomUniform(root.WithOpName("random"), {4}, DT_FLOAT);
  auto doubled = ops::Mul(root.WithOpName("doubled"), random, 2.f);
  ClientSession session(root);
  std::vector<Tensor> first;
  std::vector<Tensor> second;
  EXPECT_EQ(Traced(session, {}, {doubled}, &first),
            (std::set<std::string>{"random", "doubled"}));
  Traced(session, {}, {doubled}, &second);
  EXPECT_NE(first[0].flat<float>()(0), second[0].flat<float>()(0));
}

TEST(ConstantFoldingTest, FedTensorsAreNotFolded) {
  Scope root = Scope::NewRootScope();
  auto three = ops::Add(root.WithOpName("three"), 1.f, 2.f);
  auto doubled = ops::Mul(root.WithOpName("doubled"), three, 2.f);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  EXPECT_EQ(Traced(session, {{three, 10.f}}, {doubled}, &outputs),
            std::set<std::string>{"doubled"});
  test::ExpectTensorEqual<float>(outputs[0], test::AsScalar<float>(20.f));
  EXPECT_TRUE(Traced(session, {}, {doubled}, &outputs).empty());
  test::ExpectTensorEqual<float>(outputs[0], test::AsScalar<float>(6.f));
}

TEST(ConstantFoldingTest, AKernelErrorIsStillTheStepsAndNamesTheNode) {
  Scope root = Scope::NewRootScope();
  auto bad = ops::Reshape(root.WithOpName("bad"), ops::Const(root, {1.f, 2.f, 3.f}),
                          ops::Add(root, ops::Const(root, {1, 1}), 1));
  ClientSession session(root);
  std::vector<Tensor> outputs;
  const absl::Status status = session.Run({bad}, &outputs);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("[[node bad (Reshape)]]"), std::string::npos) << status;
}

TEST(ConstantFoldingTest, LargeValuesAreComputedEachStep) {
  Scope root = Scope::NewRootScope();
  // 100 floats: 400 bytes, over the 64-byte limit below. `known` has a statically known
  // shape; `computed` has its size from a folded Add, so its size shows only once computed.
  auto known = ops::Fill(root.WithOpName("known"), {100}, 1.f);
  auto length = ops::Add(root.WithOpName("length"), ops::Const(root, {50}), 50);
  auto computed = ops::Fill(root.WithOpName("computed"), length, 2.f);
  auto small = ops::Fill(root.WithOpName("small"), {4}, 3.f);
  SessionOptions options;
  options.max_folded_constant_bytes = 64;
  ClientSession session(root, options);
  std::vector<Tensor> outputs;
  EXPECT_EQ(Traced(session, {}, {known, computed, small}, &outputs),
            (std::set<std::string>{"known", "computed"}));
  EXPECT_EQ(outputs[0].NumElements(), 100);
  EXPECT_EQ(outputs[1].flat<float>()(99), 2.f);
  test::ExpectTensorEqual<float>(outputs[2], test::AsTensor<float>({3, 3, 3, 3}));
}

TEST(ConstantFoldingTest, OptimizerLevelL0TurnsFoldingOff) {
  tensorflow::ConfigProto config;
  EXPECT_TRUE(SessionOptions::FromConfig(config).do_constant_folding);
  config.mutable_graph_options()->mutable_optimizer_options()->set_opt_level(
      tensorflow::OptimizerOptions::L0);
  const SessionOptions options = SessionOptions::FromConfig(config);
  EXPECT_FALSE(options.do_constant_folding);

  Scope root = Scope::NewRootScope();
  auto sum = ops::Add(root.WithOpName("sum"), ops::Const(root.WithOpName("one"), 1), 2);
  ClientSession session(root, options);
  std::vector<Tensor> outputs;
  EXPECT_EQ(Traced(session, {}, {sum}, &outputs).count("sum"), 1);
  test::ExpectTensorEqual<int32_t>(outputs[0], test::AsScalar<int32_t>(3));
}

}  // namespace
}  // namespace rill
