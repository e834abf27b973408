// Tests for PlaceGraph: defaults, full and short requests, kernel availability, soft
// placement, colocation (resources and _class), errors listing devices, and log lines.
#include "core/graph/placer.h"

#include <memory>
#include <string>
#include <vector>

#include "core/framework/allocator.h"
#include "core/framework/cpu_device.h"
#include "core/framework/device.h"
#include "core/framework/device_name_utils.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/tensor.h"
#include "core/graph/graph_test_util.h"
#include "core/graph/prune.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::rill::test::AddConst;
using ::rill::test::MakeNodeDef;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

REGISTER_OP("PlacerTestNoKernel");

constexpr char kCpu0[] = "/job:localhost/replica:0/task:0/device:CPU:0";
constexpr char kCpu1[] = "/job:localhost/replica:0/task:0/device:CPU:1";
constexpr char kGpu0[] = "/job:localhost/replica:0/task:0/device:GPU:0";

// FakeGpuDevice is a device of type GPU backed by host memory; placement only reads names
// and types.
class FakeGpuDevice : public Device {
 public:
  explicit FakeGpuDevice(int index)
      : Device(DeviceAttributes{DeviceNameUtils::FullName("localhost", 0, 0, DEVICE_GPU, index),
                                DEVICE_GPU, 0, "fake GPU for placement tests"}) {}
  Allocator* GetAllocator() override { return CpuAllocator(); }
};

std::unique_ptr<DeviceMgr> MakeDevices(bool with_gpu, bool with_second_cpu = false) {
  std::vector<std::unique_ptr<Device>> devices;
  devices.push_back(CpuDevice::Create(1, 0));
  if (with_second_cpu) devices.push_back(CpuDevice::Create(1, 1));
  if (with_gpu) devices.push_back(std::make_unique<FakeGpuDevice>(0));
  return std::make_unique<DeviceMgr>(std::move(devices));
}

Node* Add(Graph* graph, tensorflow::NodeDef def) {
  absl::StatusOr<Node*> node = graph->AddNode(std::move(def));
  EXPECT_TRUE(node.ok()) << node.status();
  return node.ok() ? *node : nullptr;
}

Node* AddMatMul(Graph* graph, const std::string& name, const std::string& device) {
  if (graph->FindNode("m") == nullptr) {
    AddConst(graph, "m", Tensor(DT_FLOAT, TensorShape({2, 2})));
  }
  return Add(graph, MakeNodeDef(name, "GraphTestMatMul", {"m", "m"}, device));
}

TEST(PlacerTest, DefaultIsCpu0AndLogsEveryNode) {
  Graph graph;
  AddConst(&graph, "a", Tensor(3));
  AddConst(&graph, "b", Tensor(5));
  Add(&graph, MakeNodeDef("add", "GraphTestAdd", {"a", "b"}));
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true);
  std::vector<std::string> log;
  PlacementOptions options;
  options.log_device_placement = true;
  options.placement_log = &log;
  ASSERT_TRUE(PlaceGraph(&graph, *devices, options).ok());
  for (const Node* node : graph.nodes()) EXPECT_EQ(node->assigned_device_name(), kCpu0);
  EXPECT_THAT(log, ElementsAre(std::string("a: (Const): ") + kCpu0,
                               std::string("b: (Const): ") + kCpu0,
                               std::string("add: (GraphTestAdd): ") + kCpu0));
}

TEST(PlacerTest, HonoursFullAndShortRequests) {
  Graph graph;
  Node* short_gpu = AddMatMul(&graph, "short_gpu", "/gpu:0");
  Node* device_gpu = AddMatMul(&graph, "device_gpu", "/device:GPU:0");
  Node* full_gpu = AddMatMul(&graph, "full_gpu", kGpu0);
  Node* bare_gpu = AddMatMul(&graph, "bare_gpu", "GPU:0");
  Node* any_gpu = AddMatMul(&graph, "any_gpu", "/device:GPU:*");
  Node* job_only = AddMatMul(&graph, "job_only", "/job:localhost");
  Node* cpu1 = AddMatMul(&graph, "cpu1", "/cpu:1");
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true, /*with_second_cpu=*/true);
  ASSERT_TRUE(PlaceGraph(&graph, *devices, PlacementOptions()).ok());
  EXPECT_EQ(short_gpu->assigned_device_name(), kGpu0);
  EXPECT_EQ(device_gpu->assigned_device_name(), kGpu0);
  EXPECT_EQ(full_gpu->assigned_device_name(), kGpu0);
  EXPECT_EQ(bare_gpu->assigned_device_name(), kGpu0);
  EXPECT_EQ(any_gpu->assigned_device_name(), kGpu0);
  EXPECT_EQ(job_only->assigned_device_name(), kCpu0);
  EXPECT_EQ(cpu1->assigned_device_name(), kCpu1);
}

TEST(PlacerTest, MissingDeviceListsTheDevicesThatExist) {
  Graph graph;
  AddMatMul(&graph, "mm", "/gpu:1");
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true);
  const absl::Status status = PlaceGraph(&graph, *devices, PlacementOptions());
  ASSERT_TRUE(errors::IsInvalidArgument(status));
  const std::string message(status.message());
  EXPECT_THAT(message, HasSubstr("'mm' (GraphTestMatMul)"));
  EXPECT_THAT(message, HasSubstr("'/device:GPU:1' does not exist"));
  EXPECT_THAT(message, HasSubstr(kCpu0));
  EXPECT_THAT(message, HasSubstr(kGpu0));
  for (const Node* node : graph.nodes()) EXPECT_EQ(node->assigned_device_name(), "");

  PlacementOptions soft;
  soft.allow_soft_placement = true;
  ASSERT_TRUE(PlaceGraph(&graph, *devices, soft).ok());
  EXPECT_EQ(graph.FindNode("mm")->assigned_device_name(), kCpu0);
}

TEST(PlacerTest, RequestWithoutKernelNeedsSoftPlacement) {
  Graph graph;
  AddConst(&graph, "a", Tensor(1.0f));
  Node* add = Add(&graph, MakeNodeDef("add", "GraphTestAdd", {"a", "a"}, "/gpu:0"));
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true);
  const absl::Status status = PlaceGraph(&graph, *devices, PlacementOptions());
  ASSERT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_THAT(std::string(status.message()), HasSubstr("'add' (GraphTestAdd)"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("no kernel for it"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("[CPU]"));

  PlacementOptions soft;
  soft.allow_soft_placement = true;
  ASSERT_TRUE(PlaceGraph(&graph, *devices, soft).ok());
  EXPECT_EQ(add->assigned_device_name(), kCpu0);
}

TEST(PlacerTest, GpuRequestWithoutGpuDevice) {
  Graph graph;
  Node* mm = AddMatMul(&graph, "mm", "/gpu:0");
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/false);
  const absl::Status status = PlaceGraph(&graph, *devices, PlacementOptions());
  ASSERT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_THAT(std::string(status.message()), HasSubstr("'mm'"));
  EXPECT_THAT(std::string(status.message()), HasSubstr(kCpu0));
  PlacementOptions soft;
  soft.allow_soft_placement = true;
  ASSERT_TRUE(PlaceGraph(&graph, *devices, soft).ok());
  EXPECT_EQ(mm->assigned_device_name(), kCpu0);
}

TEST(PlacerTest, ResourceConsumersGoWithTheirProducer) {
  Graph graph;
  tensorflow::NodeDef var = MakeNodeDef("var", "GraphTestVar");
  AddNodeAttr("dtype", DT_FLOAT, &var);
  Add(&graph, var);
  tensorflow::NodeDef read = MakeNodeDef("read", "GraphTestRead", {"var"}, "/device:CPU:1");
  AddNodeAttr("dtype", DT_FLOAT, &read);
  Add(&graph, read);
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true, /*with_second_cpu=*/true);
  ASSERT_TRUE(PlaceGraph(&graph, *devices, PlacementOptions()).ok());
  EXPECT_EQ(graph.FindNode("var")->assigned_device_name(), kCpu1);
  EXPECT_EQ(graph.FindNode("read")->assigned_device_name(), kCpu1);
}

TEST(PlacerTest, ColocatedGroupNeedsAKernelForEveryMember) {
  // The variable has a GPU kernel, its reader does not: the pair cannot go to the GPU.
  Graph graph;
  tensorflow::NodeDef var = MakeNodeDef("var", "GraphTestVar", {}, "/gpu:0");
  AddNodeAttr("dtype", DT_FLOAT, &var);
  Add(&graph, var);
  tensorflow::NodeDef read = MakeNodeDef("read", "GraphTestRead", {"var"});
  AddNodeAttr("dtype", DT_FLOAT, &read);
  Add(&graph, read);
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true);
  const absl::Status status = PlaceGraph(&graph, *devices, PlacementOptions());
  ASSERT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("'var' (GraphTestVar) and its colocated nodes 'read' (GraphTestRead)"));
  PlacementOptions soft;
  soft.allow_soft_placement = true;
  ASSERT_TRUE(PlaceGraph(&graph, *devices, soft).ok());
  EXPECT_EQ(graph.FindNode("var")->assigned_device_name(), kCpu0);
  EXPECT_EQ(graph.FindNode("read")->assigned_device_name(), kCpu0);
}

TEST(PlacerTest, ClassAttrColocates) {
  Graph graph;
  Add(&graph, MakeNodeDef("anchor", "GraphTestNoOp", {}, "/gpu:0"));
  tensorflow::NodeDef follower = MakeNodeDef("follower", "GraphTestNoOp");
  AddNodeAttr("_class", std::vector<std::string>{"loc:@anchor"}, &follower);
  Add(&graph, follower);
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true);
  ASSERT_TRUE(PlaceGraph(&graph, *devices, PlacementOptions()).ok());
  EXPECT_EQ(graph.FindNode("follower")->assigned_device_name(), kGpu0);
}

TEST(PlacerTest, ConflictingColocatedRequests) {
  Graph graph;
  Add(&graph, MakeNodeDef("anchor", "GraphTestNoOp", {}, "/gpu:0"));
  tensorflow::NodeDef follower = MakeNodeDef("follower", "GraphTestNoOp", {}, "/cpu:0");
  AddNodeAttr("_class", std::vector<std::string>{"loc:@anchor"}, &follower);
  Add(&graph, follower);
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true);
  const absl::Status status = PlaceGraph(&graph, *devices, PlacementOptions());
  ASSERT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_THAT(std::string(status.message()), HasSubstr("Cannot colocate node 'follower'"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("'anchor'"));
  PlacementOptions soft;
  soft.allow_soft_placement = true;
  ASSERT_TRUE(PlaceGraph(&graph, *devices, soft).ok());
  EXPECT_EQ(graph.FindNode("anchor")->assigned_device_name(),
            graph.FindNode("follower")->assigned_device_name());
}

TEST(PlacerTest, ClassAttrNamingNoNodeIsInvalidArgument) {
  Graph graph;
  tensorflow::NodeDef lost = MakeNodeDef("lost", "GraphTestNoOp");
  AddNodeAttr("_class", std::vector<std::string>{"loc:@nowhere"}, &lost);
  Add(&graph, lost);
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/false);
  const absl::Status status = PlaceGraph(&graph, *devices, PlacementOptions());
  ASSERT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_THAT(std::string(status.message()), HasSubstr("'lost'"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("'nowhere'"));
}

TEST(PlacerTest, OpWithoutKernelsFailsEvenWithSoftPlacement) {
  Graph graph;
  Add(&graph, MakeNodeDef("orphan", "PlacerTestNoKernel"));
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/false);
  PlacementOptions soft;
  soft.allow_soft_placement = true;
  const absl::Status status = PlaceGraph(&graph, *devices, soft);
  ASSERT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_THAT(std::string(status.message()), HasSubstr("'orphan' (PlacerTestNoKernel)"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("<no registered kernels>"));
}

TEST(PlacerTest, MalformedRequestIsInvalidArgument) {
  Graph graph;
  AddMatMul(&graph, "mm", "/gpu:zero");
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true);
  const absl::Status status = PlaceGraph(&graph, *devices, PlacementOptions());
  ASSERT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_THAT(std::string(status.message()), HasSubstr("'mm'"));
  EXPECT_THAT(std::string(status.message()), HasSubstr("/gpu:zero"));
}

TEST(PlacerTest, PlacesSubsetsAndKeepsEarlierPlacements) {
  Graph graph;
  AddConst(&graph, "x", Tensor(2.0f));
  AddConst(&graph, "y", Tensor(3.0f));
  Add(&graph, MakeNodeDef("add", "GraphTestAdd", {"x", "y"}));
  Add(&graph, MakeNodeDef("useless", "GraphTestAdd", {"x", "add"}));
  graph.FindNode("x")->set_assigned_device_name(kGpu0);
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true);

  absl::StatusOr<std::vector<const Node*>> needed = PruneGraph(graph, {}, {"add"}, {});
  ASSERT_TRUE(needed.ok());
  std::vector<std::string> log;
  PlacementOptions options;
  options.placement_log = &log;
  ASSERT_TRUE(PlaceGraph(&graph, *devices, options, *needed).ok());
  EXPECT_EQ(graph.FindNode("x")->assigned_device_name(), kGpu0);
  EXPECT_EQ(graph.FindNode("y")->assigned_device_name(), kCpu0);
  EXPECT_EQ(graph.FindNode("add")->assigned_device_name(), kCpu0);
  EXPECT_EQ(graph.FindNode("useless")->assigned_device_name(), "");
  EXPECT_THAT(log, ElementsAre(std::string("y: (Const): ") + kCpu0,
                               std::string("add: (GraphTestAdd): ") + kCpu0));

  std::vector<Node*> rest = {graph.FindNode("useless")};
  ASSERT_TRUE(PlaceGraph(&graph, *devices, PlacementOptions(), rest).ok());
  EXPECT_EQ(graph.FindNode("useless")->assigned_device_name(), kCpu0);
}

TEST(PlacerTest, FailedPlacementChangesNothing) {
  Graph graph;
  AddConst(&graph, "fine", Tensor(1.0f));
  AddMatMul(&graph, "impossible", "/gpu:3");
  std::unique_ptr<DeviceMgr> devices = MakeDevices(/*with_gpu=*/true);
  std::vector<std::string> log;
  PlacementOptions options;
  options.placement_log = &log;
  ASSERT_FALSE(PlaceGraph(&graph, *devices, options).ok());
  for (const Node* node : graph.nodes()) EXPECT_EQ(node->assigned_device_name(), "");
  EXPECT_TRUE(log.empty());
}

}  // namespace
}  // namespace rill
