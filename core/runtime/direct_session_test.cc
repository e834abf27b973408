// Tests of DirectSession: values, pruning, feeds, errors with node context, parallel
// branches, concurrent Runs, the plan cache, step stats, timeouts, Extend and Close.
#include "core/runtime/direct_session.h"

#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "core/framework/errors.h"
#include "core/framework/tensor_testutil.h"
#include "core/runtime/runtime_test_ops.h"
#include "core/runtime/session.h"

namespace rill {
namespace {

using ::rill::runtime_test::AddNode;
using ::rill::runtime_test::BarrierNode;
using ::rill::runtime_test::ConstNode;
using ::rill::runtime_test::CounterNode;
using ::rill::runtime_test::ExecutionCount;
using ::rill::runtime_test::FailNode;
using ::rill::runtime_test::PlaceholderNode;
using ::rill::runtime_test::WaitForCancelNode;
using ::rill::test::AsScalar;
using ::rill::test::AsTensor;
using ::rill::test::ExpectTensorEqual;
using ::testing::HasSubstr;

std::unique_ptr<DirectSession> NewTestSession(SessionOptions options = SessionOptions()) {
  absl::StatusOr<std::unique_ptr<DirectSession>> session = DirectSession::New(options);
  EXPECT_TRUE(session.ok()) << session.status();
  return std::move(session).value();
}

tensorflow::GraphDef MakeGraph(std::vector<tensorflow::NodeDef> nodes) {
  tensorflow::GraphDef graph;
  for (tensorflow::NodeDef& node : nodes) *graph.add_node() = std::move(node);
  return graph;
}

// x = 2, y = 3, sum = x + y, twice = sum + sum; `useless` = x + x is never fetched.
tensorflow::GraphDef SmallGraph() {
  return MakeGraph({ConstNode("x", AsScalar<float>(2.f)), ConstNode("y", AsScalar<float>(3.f)),
                    AddNode("sum", "x", "y"), AddNode("twice", "sum", "sum"),
                    CounterNode("useless", "x")});
}

float ScalarOf(const Tensor& tensor) { return tensor.scalar<float>()(); }

// Unfolded: options that run every node each step, constants included, so step stats list
// every node of these small all-constant graphs.
SessionOptions Unfolded() {
  SessionOptions options;
  options.do_constant_folding = false;
  return options;
}

// NodesRun lists the node names in `metadata`'s step stats.
std::set<std::string> NodesRun(const tensorflow::RunMetadata& metadata) {
  std::set<std::string> names;
  for (const auto& device : metadata.step_stats().dev_stats()) {
    for (const auto& node : device.node_stats()) names.insert(node.node_name());
  }
  return names;
}

TEST(DirectSessionTest, RunsASmallGraph) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session->Run({}, {"sum:0", "twice"}, {}, &outputs).ok());
  ASSERT_EQ(outputs.size(), 2);
  ExpectTensorEqual<float>(outputs[0], AsScalar<float>(5.f));
  ExpectTensorEqual<float>(outputs[1], AsScalar<float>(10.f));
}

TEST(DirectSessionTest, NewSessionMakesADirectSession) {
  absl::StatusOr<std::unique_ptr<Session>> session = NewSession(SessionOptions());
  ASSERT_TRUE(session.ok()) << session.status();
  ASSERT_TRUE((*session)->Create(SmallGraph()).ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE((*session)->Run({}, {"sum"}, {}, &outputs).ok());
  EXPECT_EQ(ScalarOf(outputs[0]), 5.f);
}

TEST(DirectSessionTest, NodesNotNeededNeverRun) {
  runtime_test::ResetExecutionCounts();
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(MakeGraph({ConstNode("x", AsScalar<float>(2.f)),
                                         CounterNode("needed", "x"),
                                         CounterNode("useless", "x"),
                                         AddNode("out", "needed", "x")}))
                  .ok());
  tensorflow::RunOptions options;
  options.set_trace_level(tensorflow::RunOptions::FULL_TRACE);
  tensorflow::RunMetadata metadata;
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session->Run(options, {}, {"out"}, {}, &outputs, &metadata).ok());
  EXPECT_EQ(ScalarOf(outputs[0]), 4.f);
  EXPECT_EQ(ExecutionCount("needed"), 1);
  EXPECT_EQ(ExecutionCount("useless"), 0);
  // The constant x is folded into the plan; the stateful counter and its consumer run.
  EXPECT_EQ(NodesRun(metadata), (std::set<std::string>{"needed", "out"}));

  ASSERT_TRUE(session->Run({}, {}, {"useless"}, &outputs).ok());
  EXPECT_TRUE(outputs.empty());
  EXPECT_EQ(ExecutionCount("useless"), 1);
}

TEST(DirectSessionTest, StepStatsDescribeEachNode) {
  auto session = NewTestSession(Unfolded());
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  tensorflow::RunOptions options;
  options.set_trace_level(tensorflow::RunOptions::FULL_TRACE);
  tensorflow::RunMetadata metadata;
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session->Run(options, {}, {"twice"}, {}, &outputs, &metadata).ok());
  ASSERT_EQ(metadata.step_stats().dev_stats_size(), 1);
  const auto& device = metadata.step_stats().dev_stats(0);
  EXPECT_EQ(device.device(), "/job:localhost/replica:0/task:0/device:CPU:0");
  ASSERT_EQ(device.node_stats_size(), 4);
  std::vector<std::string> order;
  for (const auto& node : device.node_stats()) {
    order.push_back(node.node_name());
    EXPECT_GT(node.all_start_micros(), 0);
    EXPECT_LE(node.op_start_rel_micros(), node.op_end_rel_micros());
    EXPECT_LE(node.op_end_rel_micros(), node.all_end_rel_micros());
    ASSERT_EQ(node.output_size(), 1);
    EXPECT_EQ(node.output(0).tensor_description().dtype(), tensorflow::DT_FLOAT);
    EXPECT_EQ(node.output(0).tensor_description().shape().dim_size(), 0);
    if (node.node_name() == "sum") {
      EXPECT_EQ(node.timeline_label(), "sum = RtAdd(x, y)");
    }
  }
  // Sorted by start time: "sum" after both constants, "twice" last.
  EXPECT_EQ(order[2], "sum");
  EXPECT_EQ(order[3], "twice");
}

TEST(DirectSessionTest, FeedingANonPlaceholderOverridesIt) {
  runtime_test::ResetExecutionCounts();
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(MakeGraph({ConstNode("x", AsScalar<float>(2.f)),
                                         CounterNode("counted", "x"),
                                         AddNode("sum", "counted", "counted")}))
                  .ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session->Run({{"counted:0", AsScalar<float>(10.f)}}, {"sum"}, {}, &outputs).ok());
  EXPECT_EQ(ScalarOf(outputs[0]), 20.f);
  EXPECT_EQ(ExecutionCount("counted"), 0);

  ASSERT_TRUE(session->Run({}, {"sum"}, {}, &outputs).ok());
  EXPECT_EQ(ScalarOf(outputs[0]), 4.f);
  EXPECT_EQ(ExecutionCount("counted"), 1);
}

TEST(DirectSessionTest, FeedsAPlaceholderWithAVector) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(MakeGraph({PlaceholderNode("a", DT_FLOAT, PartialTensorShape({3})),
                                         ConstNode("b", AsTensor<float>({5.f, 5.f, 5.f})),
                                         AddNode("c", "a", "b")}))
                  .ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session->Run({{"a", AsTensor<float>({1.f, 2.f, 3.f})}}, {"c"}, {}, &outputs).ok());
  ExpectTensorEqual<float>(outputs[0], AsTensor<float>({6.f, 7.f, 8.f}));
}

TEST(DirectSessionTest, UnfedPlaceholderNamesItself) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(MakeGraph({PlaceholderNode("a", DT_FLOAT, PartialTensorShape({3})),
                                         ConstNode("b", AsTensor<float>({5.f, 5.f, 5.f})),
                                         AddNode("c", "a", "b")}))
                  .ok());
  std::vector<Tensor> outputs = {AsScalar<float>(1.f)};
  absl::Status status = session->Run({}, {"c"}, {}, &outputs);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_EQ(status.message(),
            "You must feed a value for placeholder tensor 'a' with dtype float and shape [3]"
            " [[node a (RtPlaceholder)]]");
  EXPECT_TRUE(outputs.empty());
}

TEST(DirectSessionTest, FeedOfWrongDtypeOrShapeIsInvalidArgument) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(MakeGraph({PlaceholderNode("a", DT_FLOAT, PartialTensorShape({3})),
                                         PlaceholderNode("m", DT_FLOAT,
                                                         PartialTensorShape({-1, 2})),
                                         AddNode("c", "a", "a"), AddNode("d", "m", "m")}))
                  .ok());
  std::vector<Tensor> outputs;
  absl::Status status = session->Run({{"a", AsTensor<int32_t>({1, 2, 3})}}, {"c"}, {}, &outputs);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_EQ(status.message(),
            "Cannot feed a value of dtype int32 for tensor 'a:0', which has dtype float");

  status = session->Run({{"a", AsTensor<float>({1.f, 2.f})}}, {"c"}, {}, &outputs);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_EQ(status.message(),
            "Cannot feed a value of shape [2] for tensor 'a:0', which has shape [3]");

  // [?,2] takes any number of rows of two.
  ASSERT_TRUE(session
                  ->Run({{"m", AsTensor<float>({1.f, 2.f, 3.f, 4.f, 5.f, 6.f},
                                               TensorShape({3, 2}))}},
                        {"d"}, {}, &outputs)
                  .ok());
  ExpectTensorEqual<float>(outputs[0], AsTensor<float>({2.f, 4.f, 6.f, 8.f, 10.f, 12.f},
                                                       TensorShape({3, 2})));
  status = session->Run({{"m", AsTensor<float>({1.f, 2.f, 3.f}, TensorShape({1, 3}))}}, {"d"},
                        {}, &outputs);
  EXPECT_EQ(status.message(),
            "Cannot feed a value of shape [1,3] for tensor 'm:0', which has shape [?,2]");
}

TEST(DirectSessionTest, KernelErrorCarriesNodeContextOnce) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(MakeGraph({ConstNode("x", AsScalar<float>(1.f)),
                                         FailNode("loss/bad", "x", "no good", false),
                                         FailNode("loss/worse", "x", "still no good", true),
                                         CounterNode("after_bad", "loss/bad")}))
                  .ok());
  runtime_test::ResetExecutionCounts();
  std::vector<Tensor> outputs;
  absl::Status status = session->Run({}, {"after_bad"}, {}, &outputs);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_EQ(status.message(), "no good [[node loss/bad (RtFail)]]");
  EXPECT_EQ(ExecutionCount("after_bad"), 0);

  status = session->Run({}, {"loss/worse"}, {}, &outputs);
  EXPECT_EQ(status.message(), "still no good [[node loss/worse (RtFail)]]");
}

TEST(DirectSessionTest, IndependentBranchesRunInParallel) {
  // Each barrier kernel returns only once both are inside Compute (or fails after 10 s),
  // so this step can only succeed when the two branches overlap in time.
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(MakeGraph({BarrierNode("left", "parallel_branches", 2),
                                         BarrierNode("right", "parallel_branches", 2),
                                         AddNode("both", "left", "right")}))
                  .ok());
  for (int run = 0; run < 3; ++run) {
    std::vector<Tensor> outputs;
    absl::Status status = session->Run({}, {"both"}, {}, &outputs);
    ASSERT_TRUE(status.ok()) << status;
    EXPECT_EQ(ScalarOf(outputs[0]), 2.f);
  }
}

TEST(DirectSessionTest, ConcurrentRunsFromEightThreads) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(MakeGraph({PlaceholderNode("a", DT_FLOAT, PartialTensorShape({})),
                                         ConstNode("one", AsScalar<float>(1.f)),
                                         AddNode("a1", "a", "one"), AddNode("a2", "a1", "a1"),
                                         AddNode("a3", "a2", "a")}))
                  .ok());
  constexpr int kThreads = 8;
  constexpr int kRunsPerThread = 200;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&session, &failures, t] {
      for (int run = 0; run < kRunsPerThread; ++run) {
        const float a = static_cast<float>(t * 1000 + run);
        std::vector<Tensor> outputs;
        absl::Status status = session->Run({{"a", AsScalar<float>(a)}}, {"a3", "a1"}, {},
                                           &outputs);
        // a3 = 2 * (a + 1) + a = 3a + 2; a1 = a + 1.
        if (!status.ok() || ScalarOf(outputs[0]) != 3 * a + 2 ||
            ScalarOf(outputs[1]) != a + 1) {
          ++failures[t];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
  EXPECT_EQ(session->num_executors_built(), 1);
}

TEST(DirectSessionTest, PlanCacheIsReusedForTheSameSignatureInAnyOrder) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session->Run({{"x", AsScalar<float>(1.f)}}, {"sum", "twice"}, {}, &outputs).ok());
  EXPECT_EQ(session->num_executors_built(), 1);
  ASSERT_TRUE(session->Run({{"x", AsScalar<float>(4.f)}}, {"sum", "twice"}, {}, &outputs).ok());
  EXPECT_EQ(session->num_executors_built(), 1);
  // The same set in another order: same executor, outputs in the caller's order.
  ASSERT_TRUE(session->Run({{"x", AsScalar<float>(4.f)}}, {"twice", "sum"}, {}, &outputs).ok());
  EXPECT_EQ(session->num_executors_built(), 1);
  EXPECT_EQ(ScalarOf(outputs[0]), 14.f);
  EXPECT_EQ(ScalarOf(outputs[1]), 7.f);
  // Another signature builds another executor.
  ASSERT_TRUE(session->Run({}, {"sum"}, {}, &outputs).ok());
  EXPECT_EQ(session->num_executors_built(), 2);
}

TEST(DirectSessionTest, CallableRunsItsSignatureWithTensorsInOrder) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  tensorflow::CallableOptions options;
  options.add_feed("y");
  options.add_feed("x:0");
  options.add_fetch("twice");
  options.add_fetch("sum");
  Session::CallableHandle handle;
  ASSERT_TRUE(session->MakeCallable(options, &handle).ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(
      session->RunCallable(handle, {AsScalar<float>(1.f), AsScalar<float>(10.f)}, &outputs,
                           nullptr)
          .ok());
  ASSERT_EQ(outputs.size(), 2);
  EXPECT_EQ(ScalarOf(outputs[0]), 22.f);
  EXPECT_EQ(ScalarOf(outputs[1]), 11.f);
  ASSERT_TRUE(
      session->RunCallable(handle, {AsScalar<float>(2.f), AsScalar<float>(3.f)}, &outputs,
                           nullptr)
          .ok());
  EXPECT_EQ(ScalarOf(outputs[0]), 10.f);
  // A Run of the same names shares the callable's executor.
  const int64_t built = session->num_executors_built();
  ASSERT_TRUE(session
                  ->Run({{"x:0", AsScalar<float>(1.f)}, {"y", AsScalar<float>(1.f)}},
                        {"sum", "twice"}, {}, &outputs)
                  .ok());
  EXPECT_EQ(session->num_executors_built(), built);
  EXPECT_EQ(ScalarOf(outputs[1]), 4.f);
}

TEST(DirectSessionTest, CallableErrors) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  tensorflow::CallableOptions options;
  options.add_feed("x");
  options.add_fetch("sum");
  Session::CallableHandle handle;
  ASSERT_TRUE(session->MakeCallable(options, &handle).ok());
  std::vector<Tensor> outputs;
  absl::Status status = session->RunCallable(handle, {}, &outputs, nullptr);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_EQ(status.message(), "Invalid number of feed tensors specified. Expected 1, got 0");
  status = session->RunCallable(handle, {AsScalar<int32_t>(1)}, &outputs, nullptr);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("Cannot feed a value of dtype int32"));
  status = session->RunCallable(handle + 1, {AsScalar<float>(1.f)}, &outputs, nullptr);
  EXPECT_EQ(status.message(), absl::StrCat("No such callable handle: ", handle + 1));

  options.add_fetch("nothing:0");
  status = session->MakeCallable(options, &handle);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("nothing"));

  ASSERT_TRUE(session->ReleaseCallable(handle).ok());
  EXPECT_TRUE(errors::IsInvalidArgument(session->ReleaseCallable(handle)));
  status = session->RunCallable(handle, {AsScalar<float>(1.f)}, &outputs, nullptr);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
}

TEST(DirectSessionTest, CallableUsesItsRunOptionsAndStopsAtClose) {
  auto session = NewTestSession(Unfolded());
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  tensorflow::CallableOptions options;
  options.add_fetch("twice");
  options.mutable_run_options()->set_trace_level(tensorflow::RunOptions::FULL_TRACE);
  Session::CallableHandle handle;
  ASSERT_TRUE(session->MakeCallable(options, &handle).ok());
  std::vector<Tensor> outputs;
  tensorflow::RunMetadata metadata;
  ASSERT_TRUE(session->RunCallable(handle, {}, &outputs, &metadata).ok());
  EXPECT_EQ(ScalarOf(outputs[0]), 10.f);
  EXPECT_EQ(NodesRun(metadata), std::set<std::string>({"x", "y", "sum", "twice"}));

  ASSERT_TRUE(session->Close().ok());
  EXPECT_TRUE(errors::IsCancelled(session->RunCallable(handle, {}, &outputs, nullptr)));
  EXPECT_TRUE(errors::IsCancelled(session->MakeCallable(options, &handle)));
}

TEST(DirectSessionTest, FetchesRepeatedAndFedTensors) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session
                  ->Run({{"sum", AsScalar<float>(7.f)}}, {"twice", "sum", "twice", "x"}, {},
                        &outputs)
                  .ok());
  ASSERT_EQ(outputs.size(), 4);
  EXPECT_EQ(ScalarOf(outputs[0]), 14.f);
  EXPECT_EQ(ScalarOf(outputs[1]), 7.f);
  EXPECT_EQ(ScalarOf(outputs[2]), 14.f);
  EXPECT_EQ(ScalarOf(outputs[3]), 2.f);
}

TEST(DirectSessionTest, BadNamesAreErrors) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  std::vector<Tensor> outputs;
  absl::Status status = session->Run({}, {"nothing:0"}, {}, &outputs);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("nothing"));
  status = session->Run({}, {"sum:3"}, {}, &outputs);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(std::string(status.message()), HasSubstr("sum:3"));
  status = session->Run({{"x", AsScalar<float>(1.f)}, {"x:0", AsScalar<float>(2.f)}}, {"sum"},
                        {}, &outputs);
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_EQ(status.message(), "Tensor 'x:0' is fed more than once");
}

TEST(DirectSessionTest, TimeoutCancelsTheStep) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(MakeGraph({WaitForCancelNode("wait")})).ok());
  tensorflow::RunOptions options;
  options.set_timeout_in_ms(50);
  std::vector<Tensor> outputs;
  absl::Status status = session->Run(options, {}, {"wait"}, {}, &outputs, nullptr);
  EXPECT_TRUE(errors::IsDeadlineExceeded(status)) << status;
  EXPECT_EQ(status.message(), "Timed out: the step did not finish within 50 ms");
}

TEST(DirectSessionTest, RunsEverythingOnTheCallerWithoutAPool) {
  SessionOptions options;
  options.inter_op_threads = -1;
  auto session = NewTestSession(options);
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session->Run({}, {"twice"}, {}, &outputs).ok());
  EXPECT_EQ(ScalarOf(outputs[0]), 10.f);
}

TEST(DirectSessionTest, ExtendAddsOnlyNewNodes) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Extend(MakeGraph({ConstNode("x", AsScalar<float>(2.f))})).ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session->Run({}, {"x"}, {}, &outputs).ok());
  EXPECT_EQ(ScalarOf(outputs[0]), 2.f);

  // "x" is already there (and keeps its value); "y" and "sum" are new.
  ASSERT_TRUE(session
                  ->Extend(MakeGraph({ConstNode("x", AsScalar<float>(100.f)),
                                      ConstNode("y", AsScalar<float>(3.f)),
                                      AddNode("sum", "x", "y")}))
                  .ok());
  ASSERT_TRUE(session->Run({}, {"sum", "x"}, {}, &outputs).ok());
  EXPECT_EQ(ScalarOf(outputs[0]), 5.f);
  EXPECT_EQ(ScalarOf(outputs[1]), 2.f);

  absl::Status status = session->Extend(MakeGraph({AddNode("bad", "sum", "missing")}));
  EXPECT_TRUE(errors::IsInvalidArgument(status)) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr("bad"));
}

TEST(DirectSessionTest, CreateTwiceOrRunWithoutGraphFails) {
  auto session = NewTestSession();
  std::vector<Tensor> outputs;
  EXPECT_TRUE(errors::IsFailedPrecondition(session->Run({}, {"x"}, {}, &outputs)));
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  EXPECT_TRUE(errors::IsFailedPrecondition(session->Create(SmallGraph())));
}

TEST(DirectSessionTest, CloseReleasesTheSession) {
  auto session = NewTestSession();
  ASSERT_TRUE(session->Create(SmallGraph()).ok());
  std::vector<Tensor> outputs;
  ASSERT_TRUE(session->Run({}, {"sum"}, {}, &outputs).ok());
  ASSERT_TRUE(session->Close().ok());
  absl::Status status = session->Run({}, {"sum"}, {}, &outputs);
  EXPECT_TRUE(errors::IsCancelled(status)) << status;
  EXPECT_TRUE(session->Close().ok());
  EXPECT_TRUE(errors::IsFailedPrecondition(session->Extend(SmallGraph())));
  std::vector<DeviceAttributes> devices;
  EXPECT_TRUE(errors::IsCancelled(session->ListDevices(&devices)));
  // Outputs fetched before Close stay valid: they own their buffers.
  EXPECT_EQ(ScalarOf(outputs[0]), 5.f);
}

TEST(DirectSessionTest, ListsItsDevices) {
  auto session = NewTestSession();
  std::vector<DeviceAttributes> devices;
  ASSERT_TRUE(session->ListDevices(&devices).ok());
  ASSERT_FALSE(devices.empty());
  EXPECT_EQ(devices[0].name, "/job:localhost/replica:0/task:0/device:CPU:0");
  EXPECT_EQ(devices[0].device_type, "CPU");
}

TEST(SessionOptionsTest, FromConfigReadsTheConfigProto) {
  tensorflow::ConfigProto config;
  config.set_inter_op_parallelism_threads(3);
  config.set_intra_op_parallelism_threads(5);
  config.set_allow_soft_placement(true);
  config.set_log_device_placement(true);
  (*config.mutable_device_count())["GPU"] = 0;
  config.set_operation_timeout_in_ms(250);
  SessionOptions options = SessionOptions::FromConfig(config);
  EXPECT_EQ(options.inter_op_threads, 3);
  EXPECT_EQ(options.intra_op_threads, 5);
  EXPECT_TRUE(options.allow_soft_placement);
  EXPECT_TRUE(options.log_device_placement);
  EXPECT_EQ(options.device_count, (std::map<std::string, int>{{"GPU", 0}}));
  EXPECT_EQ(options.operation_timeout_in_ms, 250);
}

}  // namespace
}  // namespace rill
