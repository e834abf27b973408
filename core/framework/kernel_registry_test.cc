// Tests for kernel registration and lookup: constraints, priorities, labels, defaults,
// ambiguity, the no-match message, capture mode and CreateOpKernel.
#define RILL_KERNEL_PROVIDER "//core/framework:kernel_registry_test"

#include "core/framework/kernel_registry.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "core/framework/cpu_device.h"
#include "core/framework/errors.h"
#include "core/framework/node_def_util.h"
#include "core/framework/op_registry.h"
#include "core/framework/status_macros.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

REGISTER_OP("KrAdd")
    .Input("x: T")
    .Input("y: T")
    .Output("z: T")
    .Attr("T: {float, double, int32, int64, string}");
REGISTER_OP("KrDefaulted").Input("x: T").Output("y: T").Attr("T: type = DT_INT64");
REGISTER_OP("KrTuple").Input("x: Tin").Output("y: float").Attr("Tin: list(type)");
REGISTER_OP("KrConcat")
    .Input("values: N * T")
    .Input("axis: int32")
    .Output("out: T")
    .Attr("N: int >= 1")
    .Attr("T: type");
REGISTER_OP("KrNeedsPositive").Output("y: float").Attr("k: int");
REGISTER_OP("KrNoKernels").Output("y: float");
REGISTER_OP("KrLocal").Input("x: T").Output("y: T").Attr("T: type");

// DummyKernel<kId>: a distinct kernel class per registration; lookups are checked by the
// class name the registry records.
template <int kId>
class DummyKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Compute(OpKernelContext* ctx) override {
    return errors::Unimplemented("DummyKernel does not compute");
  }
};

using AddFloatInt = DummyKernel<1>;
using AddDouble = DummyKernel<2>;
using AddDoubleFast = DummyKernel<3>;
using AddSpecial = DummyKernel<4>;
using AddGpuFloat = DummyKernel<5>;
using DefaultedInt64 = DummyKernel<6>;
using TupleKernel = DummyKernel<7>;
using ConcatKernel = DummyKernel<8>;

REGISTER_KERNEL_BUILDER(Name("KrAdd").Device(DEVICE_CPU).TypeConstraint("T", {DT_FLOAT,
                                                                              DT_INT32}),
                        AddFloatInt);
REGISTER_KERNEL_BUILDER(Name("KrAdd").Device(DEVICE_CPU).TypeConstraint<double>("T"),
                        AddDouble);
REGISTER_KERNEL_BUILDER(
    Name("KrAdd").Device(DEVICE_CPU).TypeConstraint<double>("T").Priority(5), AddDoubleFast);
REGISTER_KERNEL_BUILDER(
    Name("KrAdd").Device(DEVICE_CPU).TypeConstraint<float>("T").Label("special"), AddSpecial);
REGISTER_KERNEL_BUILDER(Name("KrAdd").Device(DEVICE_GPU).TypeConstraint<float>("T"),
                        AddGpuFloat);
REGISTER_KERNEL_BUILDER(Name("KrDefaulted").Device(DEVICE_CPU).TypeConstraint<int64_t>("T"),
                        DefaultedInt64);
REGISTER_KERNEL_BUILDER(Name("KrTuple").Device(DEVICE_CPU).TypeConstraint("Tin", {DT_FLOAT,
                                                                                  DT_INT32}),
                        TupleKernel);
REGISTER_KERNEL_BUILDER(
    Name("KrConcat").Device(DEVICE_CPU).TypeConstraint<float>("T").HostMemory("axis"),
    ConcatKernel);

// NeedsPositiveKernel validates its attr in Initialize.
class NeedsPositiveKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Initialize(OpKernelConstruction* ctx) override {
    int64_t k;
    RETURN_IF_ERROR(ctx->GetAttr("k", &k));
    if (k <= 0) return errors::InvalidArgument("k = ", k, " must be positive");
    return absl::OkStatus();
  }
  absl::Status Compute(OpKernelContext* ctx) override { return absl::OkStatus(); }
};
REGISTER_KERNEL_BUILDER(Name("KrNeedsPositive").Device(DEVICE_CPU), NeedsPositiveKernel);

tensorflow::NodeDef MakeNode(const std::string& name, const std::string& op) {
  tensorflow::NodeDef node_def;
  node_def.set_name(name);
  node_def.set_op(op);
  return node_def;
}

tensorflow::NodeDef AddNode(DataType dtype) {
  tensorflow::NodeDef node_def = MakeNode("a", "KrAdd");
  AddNodeAttr("T", dtype, &node_def);
  return node_def;
}

std::string KernelFor(absl::string_view device_type, const tensorflow::NodeDef& node_def) {
  absl::StatusOr<const KernelRegistration*> found = FindKernel(device_type, node_def);
  if (!found.ok()) return std::string(found.status().message());
  return (*found)->kernel_class_name;
}

OpKernel* NewDummy(OpKernelConstruction* ctx) { return new DummyKernel<0>(ctx); }

KernelRegistration LocalRegistration(const KernelDefBuilder& builder,
                                     const std::string& class_name) {
  return KernelRegistration{builder.def(), class_name, "//local:kernels", NewDummy};
}

TEST(KernelRegistryTest, LookupFollowsTypeConstraints) {
  EXPECT_EQ(KernelFor(DEVICE_CPU, AddNode(DT_FLOAT)), "AddFloatInt");
  EXPECT_EQ(KernelFor(DEVICE_CPU, AddNode(DT_INT32)), "AddFloatInt");
  EXPECT_EQ(KernelFor(DEVICE_GPU, AddNode(DT_FLOAT)), "AddGpuFloat");
}

TEST(KernelRegistryTest, HigherPriorityWins) {
  EXPECT_EQ(KernelFor(DEVICE_CPU, AddNode(DT_DOUBLE)), "AddDoubleFast");
}

TEST(KernelRegistryTest, LabelSelectsLabelledKernelOnly) {
  tensorflow::NodeDef special = AddNode(DT_FLOAT);
  AddNodeAttr("_kernel", "special", &special);
  EXPECT_EQ(KernelFor(DEVICE_CPU, special), "AddSpecial");

  tensorflow::NodeDef unknown_label = AddNode(DT_FLOAT);
  AddNodeAttr("_kernel", "nonexistent", &unknown_label);
  absl::StatusOr<const KernelRegistration*> found = FindKernel(DEVICE_CPU, unknown_label);
  EXPECT_TRUE(errors::IsNotFound(found.status()));
  EXPECT_THAT(found.status().message(), HasSubstr("_kernel='nonexistent'"));
}

TEST(KernelRegistryTest, MissingAttrTakesOpDefault) {
  EXPECT_EQ(KernelFor(DEVICE_CPU, MakeNode("d", "KrDefaulted")), "DefaultedInt64");
}

TEST(KernelRegistryTest, ListTypeConstraintCoversEveryElement) {
  tensorflow::NodeDef node_def = MakeNode("t", "KrTuple");
  AddNodeAttr("Tin", DataTypeVector{DT_FLOAT, DT_INT32, DT_FLOAT}, &node_def);
  EXPECT_EQ(KernelFor(DEVICE_CPU, node_def), "TupleKernel");

  AddNodeAttr("Tin", DataTypeVector{DT_FLOAT, DT_STRING}, &node_def);
  absl::StatusOr<const KernelRegistration*> found = FindKernel(DEVICE_CPU, node_def);
  EXPECT_TRUE(errors::IsNotFound(found.status()));
  EXPECT_THAT(found.status().message(), HasSubstr("Tin=[DT_FLOAT, DT_STRING]"));
}

TEST(KernelRegistryTest, NoMatchListsRegisteredKernelsAndProviders) {
  absl::StatusOr<const KernelRegistration*> found = FindKernel(DEVICE_GPU, AddNode(DT_STRING));
  ASSERT_TRUE(errors::IsNotFound(found.status())) << found.status();
  const std::string message(found.status().message());
  EXPECT_THAT(message, HasSubstr("No registered 'KrAdd' OpKernel for 'GPU' devices compatible "
                                 "with node node a (op: 'KrAdd', T=DT_STRING). "
                                 "Registered kernels:"));
  EXPECT_THAT(message, HasSubstr("\n  device='CPU'; T in [DT_FLOAT, DT_INT32]  (from "
                                 "//core/framework:kernel_registry_test)"));
  EXPECT_THAT(message, HasSubstr("\n  device='CPU'; T in [DT_DOUBLE]; priority=5"));
  EXPECT_THAT(message, HasSubstr("\n  device='CPU'; T in [DT_FLOAT]; label='special'"));
  EXPECT_THAT(message, HasSubstr("\n  device='GPU'; T in [DT_FLOAT]"));
}

TEST(KernelRegistryTest, NoKernelsAtAllSaysWhatToLink) {
  absl::StatusOr<const KernelRegistration*> found =
      FindKernel(DEVICE_CPU, MakeNode("n", "KrNoKernels"));
  ASSERT_TRUE(errors::IsNotFound(found.status()));
  EXPECT_THAT(found.status().message(),
              HasSubstr("Op 'KrNoKernels' has no registered kernels on any device: link the "
                        "(alwayslink) library that provides them, or load its plugin"));
}

TEST(KernelRegistryTest, KernelsRegisteredForOpDescribesEach) {
  EXPECT_THAT(KernelsRegisteredForOp("KrDefaulted"),
              ElementsAre("device='CPU'; T in [DT_INT64]  (from "
                          "//core/framework:kernel_registry_test)"));
  EXPECT_TRUE(KernelsRegisteredForOp("KrNoKernels").empty());
}

TEST(KernelRegistryTest, SupportedDeviceTypesForNode) {
  const std::vector<std::string> types = {DEVICE_GPU, DEVICE_CPU};
  absl::StatusOr<std::vector<std::string>> supported =
      SupportedDeviceTypesForNode(types, AddNode(DT_FLOAT));
  ASSERT_TRUE(supported.ok()) << supported.status();
  EXPECT_THAT(*supported, ElementsAre("GPU", "CPU"));

  supported = SupportedDeviceTypesForNode(types, AddNode(DT_INT32));
  ASSERT_TRUE(supported.ok()) << supported.status();
  EXPECT_THAT(*supported, ElementsAre("CPU"));

  EXPECT_TRUE(
      errors::IsNotFound(SupportedDeviceTypesForNode(types, MakeNode("u", "KrUnknown")).status()));
}

TEST(KernelRegistryTest, EqualPriorityOverlapIsAmbiguous) {
  KernelRegistry registry;
  ASSERT_TRUE(registry
                  .Register(LocalRegistration(
                      KernelDefBuilder("KrLocal").Device(DEVICE_CPU).TypeConstraint(
                          "T", {DT_FLOAT, DT_INT32}),
                      "Wide"))
                  .ok());
  ASSERT_TRUE(registry
                  .Register(LocalRegistration(
                      KernelDefBuilder("KrLocal").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                      "Narrow"))
                  .ok());
  tensorflow::NodeDef node_def = MakeNode("l", "KrLocal");
  AddNodeAttr("T", DT_FLOAT, &node_def);
  absl::StatusOr<const KernelRegistration*> found = registry.FindKernel(DEVICE_CPU, node_def);
  ASSERT_TRUE(errors::IsInvalidArgument(found.status())) << found.status();
  EXPECT_THAT(found.status().message(),
              HasSubstr("Multiple OpKernel registrations match node node l (op: 'KrLocal', "
                        "T=DT_FLOAT) on 'CPU' devices with priority 0: Wide"));
  EXPECT_THAT(found.status().message(), HasSubstr("and Narrow"));

  AddNodeAttr("T", DT_INT32, &node_def);
  found = registry.FindKernel(DEVICE_CPU, node_def);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ((*found)->kernel_class_name, "Wide");
  EXPECT_EQ((*found)->provider, "//local:kernels");
}

TEST(KernelRegistryTest, RejectsDuplicateAndInvalidRegistrations) {
  KernelRegistry registry;
  KernelDefBuilder float_kernel =
      KernelDefBuilder("KrLocal").Device(DEVICE_CPU).TypeConstraint<float>("T");
  ASSERT_TRUE(registry.Register(LocalRegistration(float_kernel, "First")).ok());

  absl::Status duplicate = registry.Register(LocalRegistration(float_kernel, "Second"));
  EXPECT_TRUE(errors::IsAlreadyExists(duplicate)) << duplicate;
  EXPECT_THAT(duplicate.message(), HasSubstr("kernel Second for op 'KrLocal'"));
  EXPECT_THAT(duplicate.message(), HasSubstr("duplicates the registration of First"));

  absl::Status no_device = registry.Register(
      LocalRegistration(KernelDefBuilder("KrLocal").TypeConstraint<float>("T"), "NoDevice"));
  EXPECT_TRUE(errors::IsInvalidArgument(no_device));
  EXPECT_THAT(no_device.message(), HasSubstr("names no device type"));

  absl::Status empty_constraint = registry.Register(LocalRegistration(
      KernelDefBuilder("KrLocal").Device(DEVICE_GPU).TypeConstraint("T", DataTypeSlice()),
      "Empty"));
  EXPECT_TRUE(errors::IsInvalidArgument(empty_constraint));

  absl::Status twice = registry.Register(
      LocalRegistration(KernelDefBuilder("KrLocal")
                            .Device(DEVICE_GPU)
                            .TypeConstraint<float>("T")
                            .TypeConstraint<int32_t>("T"),
                        "Twice"));
  EXPECT_THAT(twice.message(), HasSubstr("constrains attr 'T' twice"));
  EXPECT_EQ(registry.KernelsRegisteredForOp("KrLocal").size(), 1);
}

TEST(KernelRegistryDeathTest, StaticRegistrationErrorAborts) {
  EXPECT_DEATH(kernel_registration::Register(
                   kernel_registration::Name("KrLocal").TypeConstraint<float>("T"),
                   "NoDeviceKernel", "", NewDummy),
               "REGISTER_KERNEL_BUILDER failed: .*kernel NoDeviceKernel for op 'KrLocal' "
               "names no device type");
}

TEST(KernelRegistryTest, CaptureAddsAllOnSuccess) {
  KernelRegistry registry;
  tensorflow::NodeDef node_def = MakeNode("l", "KrLocal");
  AddNodeAttr("T", DT_DOUBLE, &node_def);

  registry.BeginCapture();
  ASSERT_TRUE(registry
                  .Register(LocalRegistration(
                      KernelDefBuilder("KrLocal").Device(DEVICE_CPU).TypeConstraint<double>("T"),
                      "PluginDouble"))
                  .ok());
  EXPECT_TRUE(errors::IsNotFound(registry.FindKernel(DEVICE_CPU, node_def).status()));
  KernelRegistry::Captured captured = registry.EndCapture();

  ASSERT_TRUE(captured.status.ok()) << captured.status;
  EXPECT_THAT(captured.names,
              ElementsAre("KrLocal: device='CPU'; T in [DT_DOUBLE] (PluginDouble)"));
  absl::StatusOr<const KernelRegistration*> found = registry.FindKernel(DEVICE_CPU, node_def);
  ASSERT_TRUE(found.ok()) << found.status();
  EXPECT_EQ((*found)->kernel_class_name, "PluginDouble");
}

TEST(KernelRegistryTest, CaptureAddsNoneOnError) {
  KernelRegistry registry;
  KernelDefBuilder float_kernel =
      KernelDefBuilder("KrLocal").Device(DEVICE_CPU).TypeConstraint<float>("T");

  registry.BeginCapture();
  EXPECT_TRUE(registry.Register(LocalRegistration(float_kernel, "Good")).ok());
  EXPECT_TRUE(registry.Register(LocalRegistration(float_kernel, "Clash")).ok());
  KernelRegistry::Captured captured = registry.EndCapture();

  EXPECT_TRUE(errors::IsAlreadyExists(captured.status)) << captured.status;
  EXPECT_THAT(captured.status.message(), HasSubstr("duplicates the registration of Good"));
  EXPECT_EQ(captured.names.size(), 2);
  EXPECT_TRUE(registry.KernelsRegisteredForOp("KrLocal").empty());
}

TEST(KernelRegistryTest, OtherThreadsRegisterDirectlyDuringCapture) {
  KernelRegistry registry;
  registry.BeginCapture();
  std::thread other([&registry] {
    EXPECT_TRUE(registry
                    .Register(LocalRegistration(
                        KernelDefBuilder("KrLocal").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                        "Direct"))
                    .ok());
  });
  other.join();
  EXPECT_EQ(registry.KernelsRegisteredForOp("KrLocal").size(), 1);
  KernelRegistry::Captured captured = registry.EndCapture();
  EXPECT_TRUE(captured.status.ok());
  EXPECT_TRUE(captured.names.empty());
}

TEST(KernelRegistryTest, LookupsStayCorrectWhileOthersRegister) {
  KernelRegistry registry;
  ASSERT_TRUE(registry
                  .Register(LocalRegistration(
                      KernelDefBuilder("KrLocal").Device(DEVICE_CPU).TypeConstraint<float>("T"),
                      "Stable"))
                  .ok());
  tensorflow::NodeDef node_def = MakeNode("l", "KrLocal");
  AddNodeAttr("T", DT_FLOAT, &node_def);
  std::atomic<bool> done{false};
  std::atomic<int> wrong{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 3; ++t) {
    readers.emplace_back([&] {
      while (!done.load()) {
        absl::StatusOr<const KernelRegistration*> found =
            registry.FindKernel(DEVICE_CPU, node_def);
        if (!found.ok() || (*found)->kernel_class_name != "Stable") ++wrong;
      }
    });
  }
  // Each registration makes the index stale; the readers rebuild and switch to new ones.
  const DataType others[] = {DT_DOUBLE, DT_INT32, DT_INT64, DT_INT8, DT_UINT8, DT_BOOL};
  for (DataType dtype : others) {
    ASSERT_TRUE(registry
                    .Register(LocalRegistration(
                        KernelDefBuilder("KrLocal").Device(DEVICE_CPU).TypeConstraint(
                            "T", {dtype}),
                        DataTypeString(dtype)))
                    .ok());
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  done = true;
  for (std::thread& reader : readers) reader.join();
  EXPECT_EQ(wrong.load(), 0);
  EXPECT_EQ(registry.KernelsRegisteredForOp("KrLocal").size(), 7);
}

class CreateOpKernelTest : public ::testing::Test {
 protected:
  std::unique_ptr<CpuDevice> device_ = CpuDevice::Create(1);
};

TEST_F(CreateOpKernelTest, ResolvesTypesRangesAndHostMemory) {
  tensorflow::NodeDef node_def = MakeNode("concat", "KrConcat");
  node_def.add_input("a");
  node_def.add_input("b");
  node_def.add_input("axis");
  node_def.set_device("/device:CPU:0");
  AddNodeAttr("N", 2, &node_def);
  AddNodeAttr("T", DT_FLOAT, &node_def);

  absl::StatusOr<std::unique_ptr<OpKernel>> kernel =
      CreateOpKernel(DEVICE_CPU, device_.get(), node_def);
  ASSERT_TRUE(kernel.ok()) << kernel.status();
  const OpKernel& k = **kernel;
  EXPECT_EQ(k.name(), "concat");
  EXPECT_EQ(k.type_string(), "KrConcat");
  EXPECT_EQ(k.requested_device(), "/device:CPU:0");
  EXPECT_TRUE(k.IsExpensive());
  EXPECT_THAT(k.input_types(), ElementsAre(DT_FLOAT, DT_FLOAT, DT_INT32));
  EXPECT_THAT(k.output_types(), ElementsAre(DT_FLOAT));
  EXPECT_THAT(k.input_memory_types(), ElementsAre(DEVICE_MEMORY, DEVICE_MEMORY, HOST_MEMORY));
  EXPECT_THAT(k.output_memory_types(), ElementsAre(DEVICE_MEMORY));
  int start, stop;
  ASSERT_TRUE(k.InputRange("values", &start, &stop).ok());
  EXPECT_EQ(start, 0);
  EXPECT_EQ(stop, 2);
  ASSERT_TRUE(k.InputRange("axis", &start, &stop).ok());
  EXPECT_EQ(start, 2);
  EXPECT_EQ(stop, 3);
  EXPECT_TRUE(errors::IsNotFound(k.InputRange("nope", &start, &stop)));
}

TEST_F(CreateOpKernelTest, InitializeErrorNamesTheNode) {
  tensorflow::NodeDef node_def = MakeNode("bad", "KrNeedsPositive");
  AddNodeAttr("k", -1, &node_def);
  absl::StatusOr<std::unique_ptr<OpKernel>> kernel =
      CreateOpKernel(DEVICE_CPU, device_.get(), node_def);
  ASSERT_TRUE(errors::IsInvalidArgument(kernel.status()));
  EXPECT_EQ(kernel.status().message(), "k = -1 must be positive [[node bad (KrNeedsPositive)]]");

  AddNodeAttr("k", 3, &node_def);
  EXPECT_TRUE(CreateOpKernel(DEVICE_CPU, device_.get(), node_def).ok());
}

TEST_F(CreateOpKernelTest, UnknownOpAndMissingKernelAreNotFound) {
  absl::StatusOr<std::unique_ptr<OpKernel>> unknown =
      CreateOpKernel(DEVICE_CPU, device_.get(), MakeNode("u", "KrUnknown"));
  EXPECT_TRUE(errors::IsNotFound(unknown.status()));
  EXPECT_THAT(unknown.status().message(), HasSubstr("[[node u (KrUnknown)]]"));

  absl::StatusOr<std::unique_ptr<OpKernel>> missing =
      CreateOpKernel(DEVICE_CPU, device_.get(), MakeNode("n", "KrNoKernels"));
  EXPECT_TRUE(errors::IsNotFound(missing.status()));
}

TEST_F(CreateOpKernelTest, InvalidNodeIsRejectedBeforeLookup) {
  tensorflow::NodeDef node_def = AddNode(DT_BOOL);
  node_def.add_input("x");
  node_def.add_input("y");
  absl::StatusOr<std::unique_ptr<OpKernel>> kernel =
      CreateOpKernel(DEVICE_CPU, device_.get(), node_def);
  EXPECT_TRUE(errors::IsInvalidArgument(kernel.status())) << kernel.status();
  EXPECT_THAT(kernel.status().message(), HasSubstr("[[node a (KrAdd)]]"));
}

}  // namespace
}  // namespace rill
