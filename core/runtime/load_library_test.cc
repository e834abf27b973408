// Tests for LoadLibrary with real plugins built by rill_op_library: a toy op whose kernel
// runs on a tensor, a library that registers nothing, a colliding op, missing files/symbols.
#include "core/runtime/load_library.h"

#include <cstdlib>
#include <memory>
#include <string>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/framework/common_shape_fns.h"
#include "core/framework/cpu_device.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference_testutil.h"
#include "core/framework/tensor.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

// Registered by this program, so that libcolliding_op.so's "ToyCollision" is a duplicate.
REGISTER_OP("ToyCollision").Input("x: float").Output("y: float").SetShapeFn(UnchangedShape);

std::string TestdataPath(const std::string& library) {
  const char* srcdir = std::getenv("TEST_SRCDIR");
  const char* workspace = std::getenv("TEST_WORKSPACE");
  return absl::StrCat(srcdir != nullptr ? srcdir : ".", "/",
                      workspace != nullptr ? workspace : "rill", "/core/runtime/testdata/",
                      library);
}

// TimesTwo builds the ToyTimesTwo CPU kernel for `dtype` through the kernel registry and
// runs it on `input`.
Tensor TimesTwo(Device* device, DataType dtype, const Tensor& input) {
  tensorflow::NodeDef node_def;
  node_def.set_name("double_it");
  node_def.set_op("ToyTimesTwo");
  node_def.add_input("x");
  (*node_def.mutable_attr())["T"].set_type(dtype);
  absl::StatusOr<std::unique_ptr<OpKernel>> kernel =
      CreateOpKernel(DEVICE_CPU, device, node_def);
  EXPECT_TRUE(kernel.ok()) << kernel.status();
  if (!kernel.ok()) return Tensor();

  const Tensor* inputs[] = {&input};
  OpKernelContext::Params params;
  params.op_kernel = kernel->get();
  params.device = device;
  params.inputs = inputs;
  OpKernelContext context(params);
  const absl::Status status = (*kernel)->Compute(&context);
  EXPECT_TRUE(status.ok()) << status;
  return context.has_output(0) ? context.release_output(0) : Tensor();
}

TEST(LoadLibraryTest, LoadsTheToyOpAndRunsItsKernel) {
  absl::StatusOr<LoadedLibrary> library = LoadLibrary(TestdataPath("libtoy_times_two.so"));
  ASSERT_TRUE(library.ok()) << library.status();
  EXPECT_NE(library->handle, nullptr);
  ASSERT_EQ(library->op_list.op_size(), 1);
  const tensorflow::OpDef& op = library->op_list.op(0);
  EXPECT_EQ(op.name(), "ToyTimesTwo");
  ASSERT_EQ(op.input_arg_size(), 1);
  EXPECT_EQ(op.input_arg(0).name(), "x");
  EXPECT_EQ(op.input_arg(0).type_attr(), "T");
  ASSERT_EQ(op.output_arg_size(), 1);
  EXPECT_EQ(op.output_arg(0).name(), "y");
  ASSERT_EQ(op.attr_size(), 1);
  EXPECT_EQ(op.attr(0).name(), "T");
  ASSERT_EQ(op.attr(0).allowed_values().list().type_size(), 2);
  EXPECT_EQ(op.attr(0).allowed_values().list().type(0), DT_FLOAT);
  EXPECT_EQ(op.attr(0).allowed_values().list().type(1), DT_INT32);
  EXPECT_EQ(library->kernel_names.size(), 2u);

  // The op is in the global registry, with the plugin's shape function.
  ShapeInferenceTestOp shape_op("ToyTimesTwo");
  (*shape_op.node_def.mutable_attr())["T"].set_type(DT_FLOAT);
  INFER_OK(shape_op, "[2,?]", "in0");

  std::unique_ptr<CpuDevice> cpu = CpuDevice::Create(/*intra_op_threads=*/2);
  Tensor floats(DT_FLOAT, TensorShape({3}));
  floats.flat<float>()(0) = 1.5f;
  floats.flat<float>()(1) = -2.f;
  floats.flat<float>()(2) = 0.25f;
  Tensor doubled = TimesTwo(cpu.get(), DT_FLOAT, floats);
  ASSERT_EQ(doubled.dtype(), DT_FLOAT);
  ASSERT_EQ(doubled.NumElements(), 3);
  EXPECT_EQ(doubled.flat<float>()(0), 3.f);
  EXPECT_EQ(doubled.flat<float>()(1), -4.f);
  EXPECT_EQ(doubled.flat<float>()(2), 0.5f);

  Tensor ints(DT_INT32, TensorShape({2, 2}));
  ints.flat<int32_t>()(0) = 7;
  ints.flat<int32_t>()(1) = -1;
  ints.flat<int32_t>()(2) = 0;
  ints.flat<int32_t>()(3) = 1000;
  Tensor doubled_ints = TimesTwo(cpu.get(), DT_INT32, ints);
  ASSERT_EQ(doubled_ints.dtype(), DT_INT32);
  ASSERT_EQ(doubled_ints.shape(), TensorShape({2, 2}));
  EXPECT_EQ(doubled_ints.flat<int32_t>()(0), 14);
  EXPECT_EQ(doubled_ints.flat<int32_t>()(1), -2);
  EXPECT_EQ(doubled_ints.flat<int32_t>()(2), 0);
  EXPECT_EQ(doubled_ints.flat<int32_t>()(3), 2000);
}

TEST(LoadLibraryTest, LoadingTwiceReturnsTheSameOpList) {
  const std::string path = TestdataPath("libtoy_times_two.so");
  absl::StatusOr<LoadedLibrary> first = LoadLibrary(path);
  ASSERT_TRUE(first.ok()) << first.status();
  absl::StatusOr<LoadedLibrary> second = LoadLibrary(path);
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->handle, first->handle);
  EXPECT_EQ(second->op_list.SerializeAsString(), first->op_list.SerializeAsString());
  EXPECT_EQ(second->kernel_names, first->kernel_names);

  // Another spelling of the same file is the same library.
  absl::StatusOr<LoadedLibrary> respelled =
      LoadLibrary(TestdataPath("../testdata/./libtoy_times_two.so"));
  ASSERT_TRUE(respelled.ok()) << respelled.status();
  EXPECT_EQ(respelled->handle, first->handle);
  EXPECT_EQ(respelled->op_list.SerializeAsString(), first->op_list.SerializeAsString());
}

TEST(LoadLibraryTest, MissingFileIsNotFoundNamingThePath) {
  const std::string path = TestdataPath("libdoes_not_exist.so");
  absl::StatusOr<LoadedLibrary> library = LoadLibrary(path);
  ASSERT_FALSE(library.ok());
  EXPECT_TRUE(errors::IsNotFound(library.status())) << library.status();
  EXPECT_TRUE(absl::StrContains(library.status().message(), "Cannot load library " + path))
      << library.status();
  EXPECT_TRUE(absl::StrContains(library.status().message(), "No such file or directory"))
      << library.status();
}

TEST(LoadLibraryTest, UndefinedSymbolIsNotFoundWithAHint) {
  const std::string path = TestdataPath("libundefined_symbol.so");
  absl::StatusOr<LoadedLibrary> library = LoadLibrary(path);
  ASSERT_FALSE(library.ok());
  EXPECT_TRUE(errors::IsNotFound(library.status())) << library.status();
  EXPECT_TRUE(absl::StrContains(library.status().message(),
                                "undefined symbol: RillFunctionNoProgramDefines"))
      << library.status();
  EXPECT_TRUE(absl::StrContains(library.status().message(), "-rdynamic")) << library.status();
}

TEST(LoadLibraryTest, LibraryThatRegistersNothingIsInvalidArgument) {
  const std::string path = TestdataPath("libregisters_nothing.so");
  for (int attempt = 0; attempt < 2; ++attempt) {
    absl::StatusOr<LoadedLibrary> library = LoadLibrary(path);
    ASSERT_FALSE(library.ok());
    EXPECT_TRUE(errors::IsInvalidArgument(library.status())) << library.status();
    EXPECT_EQ(library.status().message(),
              absl::StrCat("Library ", path, " registers no ops, kernels or gradients"));
  }
}

TEST(LoadLibraryTest, CollidingOpIsAlreadyExistsAndNothingIsCommitted) {
  const std::string path = TestdataPath("libcolliding_op.so");
  for (int attempt = 0; attempt < 2; ++attempt) {
    absl::StatusOr<LoadedLibrary> library = LoadLibrary(path);
    ASSERT_FALSE(library.ok());
    EXPECT_TRUE(errors::IsAlreadyExists(library.status())) << library.status();
    EXPECT_TRUE(absl::StrContains(library.status().message(), "ToyCollision"))
        << library.status();
    EXPECT_TRUE(absl::StrContains(library.status().message(), path)) << library.status();
  }
  EXPECT_TRUE(errors::IsNotFound(OpRegistry::Global()->LookUp("ToyNeverCommitted").status()));
  EXPECT_TRUE(KernelRegistry::Global()->KernelsRegisteredForOp("ToyNeverCommitted").empty());
  // The program's own ToyCollision is untouched: one input, as registered above.
  absl::StatusOr<const tensorflow::OpDef*> original =
      OpRegistry::Global()->LookUpOpDef("ToyCollision");
  ASSERT_TRUE(original.ok());
  EXPECT_EQ((*original)->input_arg_size(), 1);
}

}  // namespace
}  // namespace rill
