// Tests of Executor on hand-built graphs: dataflow and control order, feeds, buffer
// forwarding next to fetches, many ready nodes on the pool, and plan errors.
#include "core/runtime/executor.h"

#include <memory>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "core/framework/cpu_device.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/tensor_testutil.h"
#include "core/framework/thread_pool.h"
#include "core/graph/graph.h"
#include "core/runtime/runtime_test_ops.h"

namespace rill {
namespace {

using ::rill::runtime_test::AddNode;
using ::rill::runtime_test::ConstNode;
using ::rill::runtime_test::CounterNode;
using ::rill::runtime_test::ExecutionCount;
using ::rill::test::AsScalar;
using ::rill::test::AsTensor;
using ::rill::test::ExpectTensorEqual;

// ExecutorTest builds a graph node by node and runs all of it (or the nodes it names) on
// one CPU device, creating each node's kernel once.
class ExecutorTest : public ::testing::Test {
 protected:
  ExecutorTest() : device_(CpuDevice::Create(1)), pool_("executor_test", 2) {}

  Node* Add(tensorflow::NodeDef def) {
    absl::StatusOr<Node*> node = graph_.AddNode(std::move(def));
    EXPECT_TRUE(node.ok()) << node.status();
    return node.value_or(nullptr);
  }

  absl::StatusOr<std::unique_ptr<Executor>> Plan(std::vector<const Node*> nodes,
                                                 std::vector<std::string> feeds,
                                                 std::vector<std::string> fetches) {
    Executor::Options options;
    options.inter_op_pool = &pool_;
    return Executor::Create(
        graph_, nodes, feeds, fetches,
        [this](const Node& node) -> absl::StatusOr<Executor::KernelAndDevice> {
          absl::StatusOr<std::unique_ptr<OpKernel>> kernel =
              CreateOpKernel(DEVICE_CPU, device_.get(), node.def());
          if (!kernel.ok()) return kernel.status();
          kernels_.push_back(std::move(kernel).value());
          return Executor::KernelAndDevice{kernels_.back().get(), device_.get()};
        },
        options);
  }

  std::vector<const Node*> AllNodes() const {
    return std::vector<const Node*>(graph_.nodes().begin(), graph_.nodes().end());
  }

  std::unique_ptr<CpuDevice> device_;
  ThreadPool pool_;
  Graph graph_;
  std::vector<std::unique_ptr<OpKernel>> kernels_;
};

TEST_F(ExecutorTest, RunsDataflowAndControlEdges) {
  runtime_test::ResetExecutionCounts();
  Add(ConstNode("k", AsScalar<float>(3.f)));
  Add(CounterNode("side_effect", "k"));
  tensorflow::NodeDef out = AddNode("out", "k", "k");
  out.add_input("^side_effect");
  Add(out);
  absl::StatusOr<std::unique_ptr<Executor>> executor = Plan(AllNodes(), {}, {"out:0"});
  ASSERT_TRUE(executor.ok()) << executor.status();
  EXPECT_EQ((*executor)->num_nodes(), 3);

  Tensor result;
  Tensor* fetches[] = {&result};
  ASSERT_TRUE((*executor)->Run({}, {}, fetches).ok());
  ExpectTensorEqual<float>(result, AsScalar<float>(6.f));
  EXPECT_EQ(ExecutionCount("side_effect"), 1);
}

TEST_F(ExecutorTest, FeedsReplaceProducers) {
  Add(ConstNode("k", AsTensor<float>({1.f, 2.f})));
  Add(AddNode("double_k", "k", "k"));
  // Only "double_k" runs: the fed "k:0" is not computed.
  absl::StatusOr<std::unique_ptr<Executor>> executor =
      Plan({graph_.FindNode("double_k")}, {"k:0"}, {"double_k"});
  ASSERT_TRUE(executor.ok()) << executor.status();
  const Tensor fed = AsTensor<float>({10.f, 20.f});
  const Tensor* feeds[] = {&fed};
  Tensor result;
  Tensor* fetches[] = {&result};
  ASSERT_TRUE((*executor)->Run({}, feeds, fetches).ok());
  ExpectTensorEqual<float>(result, AsTensor<float>({20.f, 40.f}));
  // The caller's feed is untouched.
  ExpectTensorEqual<float>(fed, AsTensor<float>({10.f, 20.f}));
}

TEST_F(ExecutorTest, FetchedTensorIsNeverOverwrittenByForwarding) {
  Add(ConstNode("k", AsTensor<float>({1.f, 2.f, 3.f})));
  Add(AddNode("a", "k", "k"));  // [2 4 6]
  Add(AddNode("b", "a", "k"));  // [3 6 9]; may reuse a's buffer unless a is fetched.
  Add(AddNode("c", "b", "k"));  // [4 8 12]; b is read only here and not fetched.
  absl::StatusOr<std::unique_ptr<Executor>> executor = Plan(AllNodes(), {}, {"a", "c"});
  ASSERT_TRUE(executor.ok()) << executor.status();
  for (int run = 0; run < 3; ++run) {
    Tensor a, c;
    Tensor* fetches[] = {&a, &c};
    ASSERT_TRUE((*executor)->Run({}, {}, fetches).ok());
    ExpectTensorEqual<float>(a, AsTensor<float>({2.f, 4.f, 6.f}));
    ExpectTensorEqual<float>(c, AsTensor<float>({4.f, 8.f, 12.f}));
  }
}

TEST_F(ExecutorTest, ManyReadyNodesAllRun) {
  // 100 independent adds add_i = k + k_i = 1 + i, then a chain of 100 adds over them.
  Add(ConstNode("k", AsScalar<float>(1.f)));
  std::string total = "k";
  for (int i = 0; i < 100; ++i) {
    Add(ConstNode(absl::StrCat("k", i), AsScalar<float>(static_cast<float>(i))));
    Add(AddNode(absl::StrCat("add", i), "k", absl::StrCat("k", i)));
  }
  for (int i = 0; i < 100; ++i) {
    const std::string name = absl::StrCat("sum", i);
    Add(AddNode(name, i == 0 ? "add0" : total, i == 0 ? "k" : absl::StrCat("add", i)));
    total = name;
  }
  absl::StatusOr<std::unique_ptr<Executor>> executor = Plan(AllNodes(), {}, {total});
  ASSERT_TRUE(executor.ok()) << executor.status();
  // sum0 = add0 + k = 2; then + (1 + i) for i = 1..99: 2 + 99 + 4950 = 5051.
  for (int run = 0; run < 50; ++run) {
    Tensor result;
    Tensor* fetches[] = {&result};
    ASSERT_TRUE((*executor)->Run({}, {}, fetches).ok());
    EXPECT_EQ(result.scalar<float>()(), 5051.f) << "run " << run;
  }
}

TEST_F(ExecutorTest, InputNeitherFedNorComputedIsAnError) {
  Add(ConstNode("k", AsScalar<float>(1.f)));
  Add(AddNode("a", "k", "k"));
  absl::StatusOr<std::unique_ptr<Executor>> executor =
      Plan({graph_.FindNode("a")}, {}, {"a"});
  EXPECT_TRUE(errors::IsInvalidArgument(executor.status())) << executor.status();
  EXPECT_EQ(executor.status().message(),
            "Input 0 of node a (RtAdd) comes from k:0, which is neither fed nor computed in "
            "this step");
}

TEST_F(ExecutorTest, UnknownFeedOrFetchIsAnError) {
  Add(ConstNode("k", AsScalar<float>(1.f)));
  absl::StatusOr<std::unique_ptr<Executor>> executor = Plan(AllNodes(), {"k:1"}, {});
  EXPECT_TRUE(errors::IsInvalidArgument(executor.status())) << executor.status();
  EXPECT_EQ(executor.status().message(),
            "Feed tensor 'k:1' does not exist: node k (RtConst) has 1 outputs");
  executor = Plan(AllNodes(), {}, {"nope"});
  EXPECT_EQ(executor.status().message(), "Fetch tensor 'nope' names no node of the graph");
}

TEST_F(ExecutorTest, KernelLookupErrorsArePassedOn) {
  Add(ConstNode("k", AsScalar<float>(1.f)));
  absl::StatusOr<std::unique_ptr<Executor>> executor = Executor::Create(
      graph_, AllNodes(), {}, {"k"},
      [](const Node& node) -> absl::StatusOr<Executor::KernelAndDevice> {
        return errors::NotFound("no kernel for ", node.name());
      },
      Executor::Options());
  EXPECT_TRUE(errors::IsNotFound(executor.status()));
  EXPECT_EQ(executor.status().message(), "no kernel for k");
}

TEST_F(ExecutorTest, WrongNumberOfFeedsIsInternal) {
  Add(ConstNode("k", AsScalar<float>(1.f)));
  absl::StatusOr<std::unique_ptr<Executor>> executor = Plan(AllNodes(), {}, {"k"});
  ASSERT_TRUE(executor.ok());
  EXPECT_TRUE(errors::IsInternal((*executor)->Run({}, {}, {})));
}

}  // namespace
}  // namespace rill
