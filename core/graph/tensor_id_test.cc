// Tests for ParseTensorName and TensorId::ToString.
#include "core/graph/tensor_id.h"

#include "core/framework/errors.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(TensorIdTest, ParsesNamesWithAndWithoutIndex) {
  absl::StatusOr<TensorId> plain = ParseTensorName("a");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(*plain, (TensorId{"a", 0}));

  absl::StatusOr<TensorId> indexed = ParseTensorName("loss/Add_1:12");
  ASSERT_TRUE(indexed.ok());
  EXPECT_EQ(*indexed, (TensorId{"loss/Add_1", 12}));
  EXPECT_FALSE(indexed->IsControl());

  absl::StatusOr<TensorId> control = ParseTensorName("^init");
  ASSERT_TRUE(control.ok());
  EXPECT_EQ(*control, (TensorId{"init", -1}));
  EXPECT_TRUE(control->IsControl());
}

TEST(TensorIdTest, RejectsMalformedNames) {
  for (const char* bad : {"", ":0", "a:", "a:x", "a:-1", "a:1x", "^", "^a:1",
                          "a:99999999999999999999"}) {
    const absl::StatusOr<TensorId> id = ParseTensorName(bad);
    EXPECT_TRUE(errors::IsInvalidArgument(id.status())) << bad;
    EXPECT_NE(id.status().message().find(std::string("'") + bad + "'"), std::string::npos)
        << id.status();
  }
}

TEST(TensorIdTest, ToString) {
  EXPECT_EQ((TensorId{"a", 0}).ToString(), "a:0");
  EXPECT_EQ((TensorId{"b", 3}).ToString(), "b:3");
  EXPECT_EQ((TensorId{"c", -1}).ToString(), "^c");
}

}  // namespace
}  // namespace rill
