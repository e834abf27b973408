// Tests of the CPU Placeholder kernel: running it (an unfed placeholder) fails with
// TensorFlow's message naming the placeholder, its dtype and, when known, its shape.
#include "core/framework/kernel_test_util.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

absl::Status RunPlaceholder(const char* name, DataType dtype, const PartialTensorShape* shape) {
  NodeDefBuilder builder(name, "Placeholder");
  builder.Attr("dtype", dtype);
  if (shape != nullptr) builder.Attr("shape", *shape);
  tensorflow::NodeDef def;
  const absl::Status built = builder.Finalize(&def);
  if (!built.ok()) return built;
  return test::RunKernel(def, {}).status();
}

TEST(PlaceholderOpTest, UnfedPlaceholderNamesItsDtypeAndShape) {
  const PartialTensorShape shape({3});
  const absl::Status status = RunPlaceholder("a", DT_FLOAT, &shape);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(),
              HasSubstr("You must feed a value for placeholder tensor 'a' with dtype float "
                        "and shape [3]"));
}

TEST(PlaceholderOpTest, PartialShapeIsPrinted) {
  const PartialTensorShape shape({-1, 2});
  const absl::Status status = RunPlaceholder("batch", DT_INT64, &shape);
  EXPECT_THAT(status.message(),
              HasSubstr("placeholder tensor 'batch' with dtype int64 and shape [?,2]"));
}

TEST(PlaceholderOpTest, UnknownRankOrScalarShapeIsLeftOut) {
  absl::Status status = RunPlaceholder("b", DT_INT32, nullptr);
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(status.message(),
              HasSubstr("You must feed a value for placeholder tensor 'b' with dtype int32"));
  EXPECT_THAT(status.message(), Not(HasSubstr("shape")));

  const PartialTensorShape scalar({});
  status = RunPlaceholder("s", DT_DOUBLE, &scalar);
  EXPECT_THAT(status.message(),
              HasSubstr("You must feed a value for placeholder tensor 's' with dtype double"));
  EXPECT_THAT(status.message(), Not(HasSubstr("shape")));
}

TEST(PlaceholderOpTest, IsCheap) {
  tensorflow::NodeDef def;
  ASSERT_TRUE(NodeDefBuilder("a", "Placeholder").Attr("dtype", DT_FLOAT).Finalize(&def).ok());
  const auto runner = test::KernelRunner::Create(def);
  ASSERT_TRUE(runner.ok()) << runner.status();
  EXPECT_FALSE((*runner)->kernel().IsExpensive());
}

}  // namespace
}  // namespace rill
