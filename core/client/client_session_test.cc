// Tests of ClientSession: every Run overload, feeds (placeholders and other tensors),
// graphs that grow between runs, targets, tracing, concurrent runs and scope errors.
#include "core/client/client_session.h"

#include <thread>
#include <vector>

#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/runtime/direct_session.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/control/control_ops.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace {

TEST(ClientSessionTest, FetchesAddOfConstants) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Add(root, 3, 5);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({a}, &outputs).ok());
  ASSERT_EQ(outputs.size(), 1u);
  test::ExpectTensorEqual<int32_t>(outputs[0], test::AsScalar<int32_t>(8));
}

TEST(ClientSessionTest, LecturePowOfMulAndAdd) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Const(root.WithOpName("x"), 2);
  auto y = ops::Const(root.WithOpName("y"), 3);
  auto add_op = ops::Add(root, x, y);
  auto mul_op = ops::Mul(root, x, y);
  auto pow_op = ops::Pow(root, mul_op, add_op);
  auto subgraph_pow = ops::Pow(root, add_op, mul_op);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({pow_op, subgraph_pow}, &outputs).ok());
  test::ExpectTensorEqual<int32_t>(outputs[0], test::AsScalar<int32_t>(7776));   // 6^5
  test::ExpectTensorEqual<int32_t>(outputs[1], test::AsScalar<int32_t>(15625));  // 5^6
}

TEST(ClientSessionTest, FeedsAPlaceholder) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Placeholder(root.WithOpName("a"), DT_FLOAT, ops::Placeholder::Shape({3}));
  auto c = ops::Add(root, a, {5.f, 5.f, 5.f});
  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({{a, {1.f, 2.f, 3.f}}}, {c}, &outputs).ok());
  test::ExpectTensorEqual<float>(outputs[0], test::AsTensor<float>({6.f, 7.f, 8.f}));
}

TEST(ClientSessionTest, UnfedPlaceholderIsAnErrorNamingIt) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Placeholder(root.WithOpName("a"), DT_FLOAT, ops::Placeholder::Shape({3}));
  auto c = ops::Add(root, a, {5.f, 5.f, 5.f});
  ClientSession session(root);
  std::vector<Tensor> outputs;
  const absl::Status status = session.Run({c}, &outputs);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("You must feed a value for placeholder tensor 'a' with "
                                  "dtype float and shape [3]"),
            absl::string_view::npos)
      << status;
}

TEST(ClientSessionTest, FeedingAnyTensorOverridesIt) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Add(root, 2, 5);
  auto b = ops::Mul(root, a, 3);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({{a, 15}}, {b}, &outputs).ok());
  test::ExpectTensorEqual<int32_t>(outputs[0], test::AsScalar<int32_t>(45));
  ASSERT_TRUE(session.Run({b}, &outputs).ok());
  test::ExpectTensorEqual<int32_t>(outputs[0], test::AsScalar<int32_t>(21));
}

TEST(ClientSessionTest, MalformedFeedIsAnError) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Placeholder(root, DT_INT32);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  const absl::Status status = session.Run({{a, {{1, 2}, {3}}}}, {a}, &outputs);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("Placeholder:0"), absl::string_view::npos) << status;
}

TEST(ClientSessionTest, GraphGrowsBetweenRuns) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Add(root, 1.f, 2.f);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({a}, &outputs).ok());
  test::ExpectTensorEqual<float>(outputs[0], test::AsScalar<float>(3.f));
  auto b = ops::Mul(root, a, 4.f);
  ASSERT_TRUE(session.Run({b, a}, &outputs).ok());
  test::ExpectTensorEqual<float>(outputs[0], test::AsScalar<float>(12.f));
  test::ExpectTensorEqual<float>(outputs[1], test::AsScalar<float>(3.f));
  auto c = ops::Add(root.NewSubScope("more"), b, b);
  ASSERT_TRUE(session.Run({c}, &outputs).ok());
  test::ExpectTensorEqual<float>(outputs[0], test::AsScalar<float>(24.f));
}

// Runs of one signature share one callable, whatever order their feeds iterate in, and
// each value still reaches its own placeholder.
TEST(ClientSessionTest, RepeatedSignaturesShareOneExecutor) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Placeholder(root.WithOpName("a"), DT_FLOAT);
  auto b = ops::Placeholder(root.WithOpName("b"), DT_FLOAT);
  auto diff = ops::Sub(root, a, b);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  for (int i = 0; i < 20; ++i) {
    ClientSession::FeedType feeds;
    if (i % 2 == 0) {
      feeds.emplace(a, static_cast<float>(i));
      feeds.emplace(b, 1.f);
    } else {
      feeds.emplace(b, 1.f);
      feeds.emplace(a, static_cast<float>(i));
    }
    ASSERT_TRUE(session.Run(feeds, {diff}, &outputs).ok());
    test::ExpectTensorEqual<float>(outputs[0], test::AsScalar<float>(i - 1.f));
  }
  auto* direct = dynamic_cast<DirectSession*>(session.session());
  ASSERT_NE(direct, nullptr);
  EXPECT_EQ(direct->num_executors_built(), 1);
  // Fetching the fed tensor too is another signature.
  ASSERT_TRUE(session.Run({{a, 5.f}, {b, 2.f}}, {diff, a}, &outputs).ok());
  test::ExpectTensorEqual<float>(outputs[0], test::AsScalar<float>(3.f));
  test::ExpectTensorEqual<float>(outputs[1], test::AsScalar<float>(5.f));
  EXPECT_EQ(direct->num_executors_built(), 2);
}

TEST(ClientSessionTest, RunsTargetsWithoutFetching) {
  Scope root = Scope::NewRootScope();
  auto a = ops::Add(root, 1, 1);
  auto noop = ops::NoOp(root.WithControlDependencies(a));
  ClientSession session(root);
  EXPECT_TRUE(session.Run({}, {}, {noop}, nullptr).ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run({}, {a}, {noop}, &outputs).ok());
  test::ExpectTensorEqual<int32_t>(outputs[0], test::AsScalar<int32_t>(2));
  EXPECT_EQ(session.Run({}, {a}, {}, nullptr).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ClientSessionTest, RunOptionsTraceFillsStepStats) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_INT32);
  auto a = ops::Add(root.WithOpName("sum"), x, 1);
  ClientSession session(root);
  tensorflow::RunOptions run_options;
  run_options.set_trace_level(tensorflow::RunOptions::FULL_TRACE);
  tensorflow::RunMetadata run_metadata;
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session.Run(run_options, {{x, 1}}, {a}, {}, &outputs, &run_metadata).ok());
  test::ExpectTensorEqual<int32_t>(outputs[0], test::AsScalar<int32_t>(2));
  bool saw_sum = false;
  for (const auto& device : run_metadata.step_stats().dev_stats()) {
    for (const auto& node : device.node_stats()) saw_sum |= node.node_name() == "sum";
  }
  EXPECT_TRUE(saw_sum) << run_metadata.DebugString();
}

TEST(ClientSessionTest, ScopeErrorIsReturnedByRun) {
  Scope root = Scope::NewRootScope();
  auto good = ops::Add(root, 1, 2);
  ops::Add(root.WithOpName("bad"), 1, 2.f);
  ClientSession session(root);
  std::vector<Tensor> outputs;
  const absl::Status status = session.Run({good}, &outputs);
  EXPECT_EQ(status, root.status());
  EXPECT_NE(status.message().find("bad"), absl::string_view::npos) << status;
  EXPECT_EQ(session.session(), nullptr);
}

TEST(ClientSessionTest, EmptyOutputsAreRejected) {
  Scope root = Scope::NewRootScope();
  ClientSession session(root);
  std::vector<Tensor> outputs;
  EXPECT_EQ(session.Run({Output()}, &outputs).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(session.Run({}, {}, {Operation()}, nullptr).code(), absl::StatusCode::kInvalidArgument);
}

TEST(ClientSessionTest, ConcurrentRunsGetTheirOwnResults) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_INT32);
  auto y = ops::Mul(root, ops::Add(root, x, 1), 2);
  ClientSession session(root);
  constexpr int kThreads = 8;
  constexpr int kRunsPerThread = 50;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRunsPerThread; ++i) {
        const int value = t * 1000 + i;
        std::vector<Tensor> outputs;
        const absl::Status status = session.Run({{x, value}}, {y}, &outputs);
        if (!status.ok() || outputs[0].scalar<int32_t>()() != (value + 1) * 2) ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace rill
