// Tests of CopyStrided: dense, broadcast (stride 0), reversed (negative stride), transposed
// (tiled) and sharded copies against hand-computed or naively computed results, for byte
// elements and strings, and the error for dtypes without elements.
#include "kernels/cpu/array/strided_copy.h"

#include <cstdint>
#include <string>
#include <vector>

#include "core/framework/thread_pool.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(StridedCopyTest, RowMajorStrides) {
  EXPECT_EQ(RowMajorStrides({2, 3, 4}), DimVector({12, 4, 1}));
  EXPECT_EQ(RowMajorStrides({5}), DimVector({1}));
  EXPECT_TRUE(RowMajorStrides({}).empty());
}

TEST(StridedCopyTest, ElementBytes) {
  EXPECT_EQ(ElementBytes(DT_FLOAT), 4);
  EXPECT_EQ(ElementBytes(DT_COMPLEX128), 16);
  EXPECT_EQ(ElementBytes(DT_BOOL), 1);
  EXPECT_EQ(ElementBytes(DT_STRING), static_cast<int64_t>(sizeof(std::string)));
  EXPECT_EQ(ElementBytes(DT_QINT8), 0);
}

TEST(StridedCopyTest, BroadcastReverseAndSubBox) {
  const std::vector<int32_t> src = {0, 1, 2, 3, 4, 5};  // [[0 1 2] [3 4 5]]
  std::vector<int32_t> dst(6, -1);
  // Row 1 broadcast to 2 rows: [[3 4 5] [3 4 5]].
  ASSERT_TRUE(CopyStrided(DT_INT32, src.data() + 3, {0, 1}, dst.data(), {3, 1}, {2, 3}, nullptr)
                  .ok());
  EXPECT_EQ(dst, std::vector<int32_t>({3, 4, 5, 3, 4, 5}));
  // Both dims reversed: [[5 4 3] [2 1 0]].
  ASSERT_TRUE(
      CopyStrided(DT_INT32, src.data() + 5, {-3, -1}, dst.data(), {3, 1}, {2, 3}, nullptr).ok());
  EXPECT_EQ(dst, std::vector<int32_t>({5, 4, 3, 2, 1, 0}));
  // Column 1 written into column 2 of dst (a sub-box of a strided destination).
  ASSERT_TRUE(
      CopyStrided(DT_INT32, src.data() + 1, {3, 1}, dst.data() + 2, {3, 1}, {2, 1}, nullptr)
          .ok());
  EXPECT_EQ(dst, std::vector<int32_t>({5, 4, 1, 2, 1, 4}));
  // An empty box writes nothing; a rank-0 box copies one element.
  ASSERT_TRUE(CopyStrided(DT_INT32, src.data(), {1, 1}, dst.data(), {1, 1}, {0, 3}, nullptr).ok());
  EXPECT_EQ(dst[0], 5);
  ASSERT_TRUE(CopyStrided(DT_INT32, src.data() + 2, {}, dst.data(), {}, {}, nullptr).ok());
  EXPECT_EQ(dst[0], 2);
}

TEST(StridedCopyTest, Strings) {
  const std::vector<std::string> src = {"a", "b", "c", "d"};
  std::vector<std::string> dst(4);
  // The 2x2 transpose: [[a b] [c d]] -> [[a c] [b d]].
  ASSERT_TRUE(
      CopyStrided(DT_STRING, src.data(), {1, 2}, dst.data(), {2, 1}, {2, 2}, nullptr).ok());
  EXPECT_EQ(dst, std::vector<std::string>({"a", "c", "b", "d"}));
}

TEST(StridedCopyTest, ShardedTransposeMatchesNaive) {
  // A [300, 500] transpose of doubles (1.2 MB) tiled and sharded over 4 threads.
  constexpr int64_t kRows = 300, kCols = 500;
  std::vector<double> src(kRows * kCols);
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<double>(i);
  std::vector<double> dst(src.size(), -1);
  ThreadPool pool("copy_test", 4);
  ASSERT_TRUE(CopyStrided(DT_DOUBLE, src.data(), {1, kCols}, dst.data(), {kRows, 1},
                          {kCols, kRows}, &pool)
                  .ok());
  for (int64_t c = 0; c < kCols; ++c) {
    for (int64_t r = 0; r < kRows; ++r) {
      ASSERT_EQ(dst[c * kRows + r], src[r * kCols + c]) << r << "," << c;
    }
  }
}

TEST(StridedCopyTest, ShardedSingleRunAndRows) {
  std::vector<uint8_t> src(1 << 20);
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<uint8_t>(i * 7);
  std::vector<uint8_t> dst(src.size(), 0);
  ThreadPool pool("copy_test", 4);
  ASSERT_TRUE(CopyStrided(DT_UINT8, src.data(), {1}, dst.data(), {1},
                          {static_cast<int64_t>(src.size())}, &pool)
                  .ok());
  EXPECT_EQ(dst, src);
  // Every other row of [1024, 1024] into a dense [512, 1024].
  std::vector<uint8_t> half(src.size() / 2, 0);
  ASSERT_TRUE(CopyStrided(DT_UINT8, src.data(), {2048, 1}, half.data(), {1024, 1}, {512, 1024},
                          &pool)
                  .ok());
  for (int64_t r = 0; r < 512; ++r) {
    for (int64_t c = 0; c < 1024; ++c) ASSERT_EQ(half[r * 1024 + c], src[2 * r * 1024 + c]);
  }
}

TEST(StridedCopyTest, DtypesWithoutElementsAreUnimplemented) {
  char byte = 0;
  const absl::Status status = CopyStrided(DT_QINT8, &byte, {1}, &byte, {1}, {1}, nullptr);
  EXPECT_EQ(status.code(), absl::StatusCode::kUnimplemented);
  EXPECT_EQ(status.message(), "Copying elements of type qint8 is not supported on CPU");
}

}  // namespace
}  // namespace rill
