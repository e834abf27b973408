// Tests for the canonical error constructors and the RETURN_IF_ERROR / ASSIGN_OR_RETURN macros.
#include "core/framework/errors.h"

#include "core/framework/status_macros.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

absl::StatusOr<int> Half(int x) {
  if (x % 2 != 0) return errors::InvalidArgument("x = ", x, " is odd");
  return x / 2;
}

absl::StatusOr<int> Quarter(int x) {
  ASSIGN_OR_RETURN(int half, Half(x));
  ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

absl::Status CheckEven(int x) {
  RETURN_IF_ERROR(Half(x));
  return absl::OkStatus();
}

TEST(ErrorsTest, ConstructorsCarryCodeAndConcatenatedMessage) {
  absl::Status status = errors::NotFound("file ", "/tmp/x", " at offset ", 12);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(status.message(), "file /tmp/x at offset 12");
  EXPECT_TRUE(errors::IsNotFound(status));
  EXPECT_FALSE(errors::IsDataLoss(status));
  EXPECT_EQ(errors::DataLoss("x").code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(errors::OutOfRange("x").code(), absl::StatusCode::kOutOfRange);
}

TEST(ErrorsTest, AppendToMessageKeepsCode) {
  absl::Status status = errors::AppendToMessage(errors::InvalidArgument("bad"), " [[node a]]");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status.message(), "bad [[node a]]");
  EXPECT_TRUE(errors::AppendToMessage(absl::OkStatus(), "x").ok());
}

TEST(StatusMacrosTest, AssignOrReturnPropagatesFirstError) {
  EXPECT_EQ(*Quarter(12), 3);
  absl::StatusOr<int> odd_half = Quarter(6);
  ASSERT_FALSE(odd_half.ok());
  EXPECT_EQ(odd_half.status().message(), "x = 3 is odd");
}

TEST(StatusMacrosTest, ReturnIfErrorAcceptsStatusOr) {
  EXPECT_TRUE(CheckEven(4).ok());
  EXPECT_EQ(CheckEven(5).code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace rill
