// Tests of the SaveV2 and RestoreV2 kernels: a round trip through a registered in-memory file
// system and through the local disk, the bytes SaveV2 writes, and each error naming what is
// wrong (input shapes, slices, missing checkpoint or key, dtype mismatch, corruption).
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/io/file_system.h"
#include "core/io/file_system_registry.h"
#include "core/io/in_memory_file_system.h"
#include "core/io/tensor_bundle/tensor_bundle.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;

tensorflow::NodeDef SaveNode(const DataTypeVector& dtypes) {
  std::vector<NodeDefBuilder::NodeOut> tensors;
  for (size_t i = 0; i < dtypes.size(); ++i) tensors.push_back({"t", static_cast<int>(i), dtypes[i]});
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("save/SaveV2", "SaveV2")
                  .Input("prefix", 0, DT_STRING)
                  .Input("names", 0, DT_STRING)
                  .Input("slices", 0, DT_STRING)
                  .Input(tensors)
                  .Finalize(&def)
                  .ok());
  return def;
}

tensorflow::NodeDef RestoreNode(const DataTypeVector& dtypes) {
  tensorflow::NodeDef def;
  EXPECT_TRUE(NodeDefBuilder("save/RestoreV2", "RestoreV2")
                  .Input("prefix", 0, DT_STRING)
                  .Input("names", 0, DT_STRING)
                  .Input("slices", 0, DT_STRING)
                  .Attr("dtypes", dtypes)
                  .Finalize(&def)
                  .ok());
  return def;
}

Tensor Names(const std::vector<std::string>& names) { return test::AsTensor<std::string>(names); }
Tensor NoSlices(size_t n) { return test::AsTensor<std::string>(std::vector<std::string>(n)); }

class SaveRestoreV2Test : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(io::RegisterFileSystem("kmem", &fs_).ok()); }
  void TearDown() override { io::UnregisterFileSystem("kmem"); }

  absl::Status Save(const std::string& prefix, const std::vector<std::string>& names,
                    const std::vector<Tensor>& tensors) {
    DataTypeVector dtypes;
    for (const Tensor& t : tensors) dtypes.push_back(t.dtype());
    std::vector<Tensor> inputs = {Tensor(prefix), Names(names), NoSlices(names.size())};
    inputs.insert(inputs.end(), tensors.begin(), tensors.end());
    return test::RunKernel(SaveNode(dtypes), inputs).status();
  }

  absl::StatusOr<std::vector<Tensor>> Restore(const std::string& prefix,
                                              const std::vector<std::string>& names,
                                              const DataTypeVector& dtypes) {
    return test::RunKernel(RestoreNode(dtypes),
                           {Tensor(prefix), Names(names), NoSlices(names.size())});
  }

  io::InMemoryFileSystem fs_;
};

TEST_F(SaveRestoreV2Test, RoundTripThroughTheFileSystemOfThePrefixScheme) {
  const Tensor w = test::AsTensor<float>({1.f, 2.f, 3.f, 4.f}, {2, 2});
  const Tensor step(int64_t{1000});
  const Tensor words = test::AsTensor<std::string>({"a", "bc"});
  ASSERT_TRUE(Save("kmem://ckpt/model-1000", {"w", "global_step", "words"}, {w, step, words}).ok());
  // SaveV2 created the directory and wrote exactly the two files of the bundle.
  EXPECT_THAT(*fs_.GetChildren("kmem://ckpt"),
              ::testing::ElementsAre("model-1000.data-00000-of-00001", "model-1000.index"));
  // The data file holds the tensors in input order, densely: 16 + 8 + (2 + 4 + 3) bytes.
  EXPECT_EQ(*fs_.GetFileSize("kmem://ckpt/model-1000.data-00000-of-00001"), 33u);

  auto restored = Restore("kmem://ckpt/model-1000", {"words", "w", "global_step"},
                          {DT_STRING, DT_FLOAT, DT_INT64});
  ASSERT_TRUE(restored.ok()) << restored.status();
  ASSERT_EQ(restored->size(), 3u);
  test::ExpectTensorEqual<std::string>((*restored)[0], words);
  test::ExpectTensorEqual<float>((*restored)[1], w);
  test::ExpectTensorEqual<int64_t>((*restored)[2], step);
}

TEST_F(SaveRestoreV2Test, RoundTripOnTheLocalDisk) {
  const std::string prefix = absl::StrCat(::testing::TempDir(), "/kernels/model");
  const Tensor b = test::AsTensor<double>({0.5, -0.25});
  ASSERT_TRUE(Save(prefix, {"b"}, {b}).ok());
  auto restored = Restore(prefix, {"b"}, {DT_DOUBLE});
  ASSERT_TRUE(restored.ok()) << restored.status();
  test::ExpectTensorEqual<double>((*restored)[0], b);
  auto reader = io::BundleReader::Open(*io::FileSystemForPath(prefix), prefix);
  ASSERT_TRUE(reader.ok()) << reader.status();
  auto entry = (*reader)->GetEntry("b");
  ASSERT_TRUE(entry.ok());
  EXPECT_EQ(entry->size(), 16);
}

TEST_F(SaveRestoreV2Test, SaveWithNoTensorsWritesAnEmptyBundle) {
  ASSERT_TRUE(Save("kmem://empty/m", {}, {}).ok());
  auto restored = Restore("kmem://empty/m", {}, {});
  ASSERT_TRUE(restored.ok()) << restored.status();
  EXPECT_TRUE(restored->empty());
}

TEST_F(SaveRestoreV2Test, InputsAreValidated) {
  const absl::Status two_prefixes =
      test::RunKernel(SaveNode({DT_FLOAT}), {test::AsTensor<std::string>({"a", "b"}), Names({"w"}),
                                             NoSlices(1), Tensor(1.f)})
          .status();
  EXPECT_TRUE(errors::IsInvalidArgument(two_prefixes));
  EXPECT_THAT(two_prefixes.message(), HasSubstr("Input prefix should have a single element, got 2"));

  const absl::Status count =
      test::RunKernel(SaveNode({DT_FLOAT}),
                      {Tensor("kmem://m"), Names({"w", "v"}), NoSlices(2), Tensor(1.f)})
          .status();
  EXPECT_TRUE(errors::IsInvalidArgument(count));
  EXPECT_THAT(count.message(), HasSubstr("Got 2 tensor_names and 2 shape_and_slices for 1 tensors"));

  const absl::Status sliced =
      test::RunKernel(SaveNode({DT_FLOAT}), {Tensor("kmem://m"), Names({"w"}),
                                             test::AsTensor<std::string>({"4 -"}), Tensor(1.f)})
          .status();
  EXPECT_TRUE(errors::IsUnimplemented(sliced));
  EXPECT_THAT(sliced.message(), HasSubstr("Tensor w has shape_and_slice '4 -'"));

  const absl::Status duplicate = Save("kmem://dup/m", {"w", "w"}, {Tensor(1.f), Tensor(2.f)});
  EXPECT_TRUE(errors::IsInvalidArgument(duplicate));
  EXPECT_THAT(duplicate.message(), HasSubstr("Adding duplicate key: w"));
  EXPECT_FALSE(fs_.FileExists("kmem://dup/m.index").ok());
}

TEST_F(SaveRestoreV2Test, RestoreErrorsNameTheCheckpointTheKeyAndTheDtypes) {
  auto missing = Restore("kmem://nowhere/m", {"w"}, {DT_FLOAT});
  EXPECT_TRUE(errors::IsNotFound(missing.status()));
  EXPECT_THAT(missing.status().message(), HasSubstr("Checkpoint kmem://nowhere/m not found"));

  ASSERT_TRUE(Save("kmem://ckpt/m", {"w"}, {Tensor(1.f)}).ok());
  auto key = Restore("kmem://ckpt/m", {"v"}, {DT_FLOAT});
  EXPECT_TRUE(errors::IsNotFound(key.status()));
  EXPECT_THAT(key.status().message(), HasSubstr("Key v not found in checkpoint kmem://ckpt/m"));

  auto dtype = Restore("kmem://ckpt/m", {"w"}, {DT_INT32});
  EXPECT_TRUE(errors::IsInvalidArgument(dtype.status()));
  EXPECT_THAT(dtype.status().message(),
              HasSubstr("tensor_name = w; expected dtype int32 does not equal restored dtype "
                        "float in checkpoint kmem://ckpt/m"));

  auto scheme = Restore("nofs://ckpt/m", {"w"}, {DT_FLOAT});
  EXPECT_TRUE(errors::IsUnimplemented(scheme.status()));
}

TEST_F(SaveRestoreV2Test, ACorruptedDataFileIsDataLoss) {
  ASSERT_TRUE(Save("kmem://ckpt/m", {"w"}, {test::AsTensor<float>({1.f, 2.f})}).ok());
  const std::string data_file = "kmem://ckpt/m.data-00000-of-00001";
  std::string bytes = *io::ReadFileToString(&fs_, data_file);
  bytes[5] ^= 0x10;
  ASSERT_TRUE(io::WriteStringToFile(&fs_, data_file, bytes).ok());
  auto restored = Restore("kmem://ckpt/m", {"w"}, {DT_FLOAT});
  EXPECT_TRUE(errors::IsDataLoss(restored.status()));
  EXPECT_THAT(restored.status().message(),
              HasSubstr("Checksum mismatch for tensor w in kmem://ckpt/m.data-00000-of-00001"));
}

}  // namespace
}  // namespace rill
