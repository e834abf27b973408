// Tests for Tensor: construction, buffer sharing and refcounts, Eigen views, slicing,
// printing, DeepCopy, and the tensor_testutil helpers.
#include "core/framework/tensor.h"

#include <cmath>
#include <memory>
#include <sstream>

#include "core/framework/tensor_testutil.h"
#include "gtest/gtest-spi.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

int64_t CpuBytesInUse() { return CpuAllocator()->GetStats()->bytes_in_use; }

TEST(TensorTest, DefaultIsAnUninitializedFloatScalar) {
  Tensor t;
  EXPECT_EQ(t.dtype(), DT_FLOAT);
  EXPECT_EQ(t.dims(), 0);
  EXPECT_EQ(t.NumElements(), 1);
  EXPECT_FALSE(t.IsInitialized());
  EXPECT_EQ(t.data(), nullptr);
  EXPECT_EQ(t.DebugString(), "<uninitialized tensor>");

  Tensor typed(DT_INT64);
  EXPECT_EQ(typed.dtype(), DT_INT64);
  EXPECT_FALSE(typed.IsInitialized());
}

TEST(TensorTest, AllocatesAlignedStorage) {
  Tensor t(DT_FLOAT, TensorShape({2, 3}));
  EXPECT_TRUE(t.IsInitialized());
  EXPECT_EQ(t.dims(), 2);
  EXPECT_EQ(t.dim_size(0), 2);
  EXPECT_EQ(t.dim_size(1), 3);
  EXPECT_EQ(t.NumElements(), 6);
  EXPECT_EQ(t.TotalBytes(), 24u);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t.data()) % kTensorAlignment, 0u);
  EXPECT_TRUE(t.IsAligned());
  EXPECT_TRUE(t.RefCountIsOne());

  for (DataType dtype : {DT_INT8, DT_HALF, DT_COMPLEX128, DT_STRING, DT_BOOL}) {
    Tensor other(dtype, TensorShape({3}));
    EXPECT_EQ(reinterpret_cast<uintptr_t>(other.data()) % 64, 0u) << DataTypeString(dtype);
  }
  EXPECT_EQ(Tensor(DT_COMPLEX128, TensorShape({3})).TotalBytes(), 48u);
}

TEST(TensorTest, EmptyTensorIsInitializedWithoutBuffer) {
  Tensor t(DT_INT32, TensorShape({4, 0}));
  EXPECT_TRUE(t.IsInitialized());
  EXPECT_EQ(t.NumElements(), 0);
  EXPECT_EQ(t.TotalBytes(), 0u);
  EXPECT_EQ(t.flat<int32_t>().size(), 0);
  EXPECT_EQ(t.DebugString(), "[[] [] [] []]");
  EXPECT_EQ(Tensor(DT_FLOAT, TensorShape({0})).DebugString(), "[]");
}

TEST(TensorTest, UnallocatableTensorsAreUninitialized) {
  EXPECT_FALSE(Tensor(DT_FLOAT, TensorShape({int64_t{1} << 62})).IsInitialized());
  EXPECT_FALSE(Tensor(DT_INVALID, TensorShape({2})).IsInitialized());
  EXPECT_FALSE(Tensor(DT_QINT8, TensorShape({2})).IsInitialized());
  EXPECT_FALSE(Tensor(DT_FLOAT_REF, TensorShape({2})).IsInitialized());
}

TEST(TensorTest, ScalarConstructors) {
  EXPECT_EQ(Tensor(1.5f).dtype(), DT_FLOAT);
  EXPECT_EQ(Tensor(1.5f).scalar<float>()(), 1.5f);
  EXPECT_EQ(Tensor(2.25).scalar<double>()(), 2.25);
  EXPECT_EQ(Tensor(int32_t{-7}).scalar<int32_t>()(), -7);
  EXPECT_EQ(Tensor(int64_t{1} << 40).scalar<int64_t>()(), int64_t{1} << 40);
  EXPECT_EQ(Tensor(true).scalar<bool>()(), true);
  EXPECT_EQ(Tensor(std::string("abc")).scalar<std::string>()(), "abc");
  const Tensor from_literal("hello");
  EXPECT_EQ(from_literal.dtype(), DT_STRING);
  EXPECT_EQ(from_literal.scalar<std::string>()(), "hello");
  EXPECT_EQ(from_literal.dims(), 0);
}

TEST(TensorTest, CopiesShareTheBufferAndCountReferences) {
  Tensor a(DT_FLOAT, TensorShape({3}));
  test::FillValues<float>(&a, {1, 2, 3});
  EXPECT_TRUE(a.RefCountIsOne());
  {
    Tensor b = a;
    EXPECT_EQ(b.data(), a.data());
    EXPECT_TRUE(b.IsSameBuffer(a));
    EXPECT_FALSE(a.RefCountIsOne());
    b.flat<float>()(0) = 10;
    EXPECT_EQ(a.flat<float>()(0), 10);
    Tensor c;
    c = b;
    EXPECT_TRUE(c.SharesBufferWith(a));
  }
  EXPECT_TRUE(a.RefCountIsOne());

  Tensor moved = std::move(a);
  EXPECT_TRUE(moved.RefCountIsOne());
  EXPECT_EQ(moved.flat<float>()(2), 3);
  moved = moved;
  EXPECT_EQ(moved.flat<float>()(1), 2);
}

TEST(TensorTest, BuffersReturnToTheAllocator) {
  const int64_t start = CpuBytesInUse();
  {
    Tensor t(DT_STRING, TensorShape({100}));
    t.flat<std::string>()(5) = std::string(1000, 'x');
    Tensor copy = t;
    Tensor slice = t.Slice(10, 20);
    Tensor reshaped;
    ASSERT_TRUE(reshaped.CopyFrom(t, TensorShape({10, 10})));
    Tensor deep = DeepCopy(t);
    EXPECT_GT(CpuBytesInUse(), start);
  }
  EXPECT_EQ(CpuBytesInUse(), start);
}

TEST(TensorTest, DestroysNonPodElements) {
  auto shared = std::make_shared<int>(7);
  {
    Tensor t(DT_VARIANT, TensorShape({3}));
    for (int i = 0; i < 3; ++i) t.flat<Variant>()(i) = shared;
    EXPECT_EQ(shared.use_count(), 4);
    Tensor copy = t;
    EXPECT_EQ(shared.use_count(), 4);
    Tensor deep = DeepCopy(t);
    EXPECT_EQ(shared.use_count(), 7);
  }
  EXPECT_EQ(shared.use_count(), 1);
}

TEST(TensorTest, NonPodElementsStartDefault) {
  Tensor strings(DT_STRING, TensorShape({2}));
  EXPECT_EQ(strings.flat<std::string>()(0), "");
  Tensor handles(DT_RESOURCE, TensorShape({1}));
  EXPECT_EQ(handles.flat<ResourceHandle>()(0).name(), "");
  Tensor variants(DT_VARIANT, TensorShape({1}));
  EXPECT_TRUE(variants.flat<Variant>()(0).is_empty());
}

TEST(TensorTest, EigenViews) {
  Tensor t(DT_INT32, TensorShape({2, 3}));
  test::FillIota<int32_t>(&t, 0);
  auto matrix = t.matrix<int32_t>();
  EXPECT_EQ(matrix(0, 0), 0);
  EXPECT_EQ(matrix(0, 2), 2);
  EXPECT_EQ(matrix(1, 0), 3);
  EXPECT_EQ(matrix(1, 2), 5);
  EXPECT_EQ(matrix.dimension(0), 2);
  EXPECT_EQ(matrix.dimension(1), 3);

  auto shaped = t.shaped<int32_t, 2>({3, 2});
  EXPECT_EQ(shaped(1, 0), 2);
  EXPECT_EQ(shaped(2, 1), 5);

  auto tensor3 = t.shaped<int32_t, 3>({1, 3, 2});
  EXPECT_EQ(tensor3(0, 2, 0), 4);

  const Tensor& const_ref = t;
  EXPECT_EQ(const_ref.flat<int32_t>()(4), 4);
  EXPECT_EQ((const_ref.tensor<int32_t, 2>()(1, 1)), 4);

  Tensor vector(DT_DOUBLE, TensorShape({4}));
  vector.vec<double>().setConstant(0.5);
  EXPECT_EQ(vector.vec<double>()(3), 0.5);

  Tensor one(DT_FLOAT, TensorShape({1, 1}));
  one.scalar<float>()() = 9;
  EXPECT_EQ(one.flat<float>()(0), 9);

  // Eigen expressions evaluate into the map.
  Tensor sum(DT_INT32, TensorShape({2, 3}));
  sum.flat<int32_t>() = t.flat<int32_t>() * 2 + 1;
  EXPECT_EQ(sum.DebugString(), "[[1 3 5] [7 9 11]]");
}

template <int N>
std::vector<int64_t> Dims(const Eigen::DSizes<Eigen::DenseIndex, N>& dims) {
  return std::vector<int64_t>(dims.begin(), dims.end());
}

TEST(TensorTest, FlatInnerAndOuterDims) {
  Tensor t(DT_FLOAT, TensorShape({2, 3, 4}));
  EXPECT_EQ(Dims<2>((t.flat_inner_dims<float, 2>().dimensions())),
            std::vector<int64_t>({6, 4}));
  EXPECT_EQ(Dims<3>((t.flat_inner_dims<float, 3>().dimensions())),
            std::vector<int64_t>({2, 3, 4}));
  EXPECT_EQ(Dims<4>((t.flat_inner_dims<float, 4>().dimensions())),
            std::vector<int64_t>({1, 2, 3, 4}));
  EXPECT_EQ(Dims<1>((t.flat_inner_dims<float, 1>().dimensions())),
            std::vector<int64_t>({24}));
  EXPECT_EQ(Dims<2>(t.flat_outer_dims<float>().dimensions()), std::vector<int64_t>({2, 12}));
  EXPECT_EQ(Dims<4>((t.flat_outer_dims<float, 4>().dimensions())),
            std::vector<int64_t>({2, 3, 4, 1}));

  Tensor scalar(1.0f);
  EXPECT_EQ(Dims<2>(scalar.flat_inner_dims<float>().dimensions()),
            std::vector<int64_t>({1, 1}));
  EXPECT_EQ(Dims<2>(scalar.flat_outer_dims<float>().dimensions()),
            std::vector<int64_t>({1, 1}));
}

TEST(TensorTest, SliceSharesMemory) {
  Tensor t(DT_FLOAT, TensorShape({4, 3}));
  test::FillIota<float>(&t, 0);
  Tensor rows = t.Slice(1, 3);
  EXPECT_EQ(rows.shape(), TensorShape({2, 3}));
  EXPECT_EQ(static_cast<char*>(rows.data()) - static_cast<char*>(t.data()),
            3 * static_cast<int64_t>(sizeof(float)));
  EXPECT_TRUE(rows.SharesBufferWith(t));
  EXPECT_FALSE(rows.IsSameBuffer(t));
  EXPECT_FALSE(t.RefCountIsOne());
  // 12 bytes past a 64-byte boundary: not aligned for Eigen's aligned maps.
  EXPECT_FALSE(rows.IsAligned());
  EXPECT_EQ(rows.unaligned_flat<float>()(0), 3);
  EXPECT_EQ(rows.unaligned_flat<float>()(5), 8);
  rows.unaligned_flat<float>()(0) = -1;
  EXPECT_EQ(t.flat<float>()(3), -1);
  EXPECT_EQ(rows.DebugString(), "[[-1 4 5] [6 7 8]]");

  EXPECT_TRUE(t.Slice(0, 4).IsSameBuffer(t));
  EXPECT_EQ(t.Slice(2, 2).NumElements(), 0);

  Tensor row = t.SubSlice(2);
  EXPECT_EQ(row.shape(), TensorShape({3}));
  EXPECT_EQ(static_cast<float*>(row.data()) - static_cast<float*>(t.data()), 6);
  EXPECT_EQ(row.DebugString(), "[6 7 8]");
}

TEST(TensorTest, CopyFromReshapesWithoutCopying) {
  Tensor t(DT_INT32, TensorShape({2, 3}));
  test::FillIota<int32_t>(&t, 1);
  Tensor reshaped;
  ASSERT_TRUE(reshaped.CopyFrom(t, TensorShape({3, 2})));
  EXPECT_EQ(reshaped.dtype(), DT_INT32);
  EXPECT_TRUE(reshaped.IsSameBuffer(t));
  EXPECT_EQ(reshaped.DebugString(), "[[1 2] [3 4] [5 6]]");
  EXPECT_FALSE(reshaped.CopyFrom(t, TensorShape({5})));
  EXPECT_EQ(reshaped.shape(), TensorShape({3, 2}));
}

TEST(TensorTest, DeepCopyOwnsItsBuffer) {
  Tensor t = test::AsTensor<std::string>({"a", "b", "c", "d"}, TensorShape({2, 2}));
  Tensor copy = DeepCopy(t.SubSlice(1));
  EXPECT_FALSE(copy.SharesBufferWith(t));
  EXPECT_EQ(copy.shape(), TensorShape({2}));
  copy.flat<std::string>()(0) = "z";
  EXPECT_EQ(t.flat<std::string>()(2), "c");
  EXPECT_EQ(copy.DebugString(), "[\"z\" \"d\"]");

  Tensor floats = test::AsTensor<float>({1.5f, 2.5f});
  Tensor float_copy = DeepCopy(floats);
  EXPECT_NE(float_copy.data(), floats.data());
  test::ExpectTensorEqual<float>(float_copy, floats);

  EXPECT_FALSE(DeepCopy(Tensor()).IsInitialized());
}

TEST(TensorTest, DebugStringIsNumPyLike) {
  EXPECT_EQ(test::AsTensor<int32_t>({0, 2, 4, 6}, TensorShape({2, 2})).DebugString(),
            "[[0 2] [4 6]]");
  EXPECT_EQ(Tensor(int32_t{8}).DebugString(), "8");
  EXPECT_EQ(test::AsTensor<float>({6, 7, 8}).DebugString(), "[6 7 8]");
  EXPECT_EQ(test::AsTensor<float>({1.5f, 10.0f, 0.1f, -2.0f}).DebugString(),
            "[1.5 10 0.1 -2]");
  EXPECT_EQ(Tensor(0.1).DebugString(), "0.1");
  EXPECT_EQ(Tensor(1e20f).DebugString(), "1e+20");
  EXPECT_EQ(test::AsTensor<std::string>({"a", "b\"c\n"}).DebugString(),
            "[\"a\" \"b\\\"c\\n\"]");
  EXPECT_EQ(test::AsTensor<bool>({true, false}).DebugString(), "[true false]");
  EXPECT_EQ(test::AsTensor<complex64>({{1, 2}, {3, -4}}).DebugString(), "[(1+2j) (3-4j)]");
  EXPECT_EQ(test::AsScalar<Eigen::half>(Eigen::half(1.5f)).DebugString(), "1.5");
  EXPECT_EQ(test::AsScalar<Eigen::bfloat16>(Eigen::bfloat16(-3.0f)).DebugString(), "-3");
  EXPECT_EQ(test::AsTensor<int8_t>({-5, 7}).DebugString(), "[-5 7]");
  EXPECT_EQ(test::AsTensor<uint8_t>({200}).DebugString(), "[200]");

  Tensor cube(DT_INT64, TensorShape({2, 2, 2}));
  test::FillIota<int64_t>(&cube, 0);
  EXPECT_EQ(cube.DebugString(), "[[[0 1] [2 3]] [[4 5] [6 7]]]");

  std::ostringstream stream;
  stream << test::AsTensor<int32_t>({6, 7, 8});
  EXPECT_EQ(stream.str(), "[6 7 8]");
}

TEST(TensorTest, SummarizeValueElides) {
  const Tensor t = test::AsTensor<int32_t>({0, 2, 4, 6}, TensorShape({2, 2}));
  EXPECT_EQ(t.SummarizeValue(3), "[[0 2] [4 ...]]");
  EXPECT_EQ(t.SummarizeValue(2), "[[0 2] [...]]");
  EXPECT_EQ(t.SummarizeValue(4), "[[0 2] [4 6]]");
  EXPECT_EQ(t.SummarizeValue(100), "[[0 2] [4 6]]");
  EXPECT_EQ(test::AsTensor<float>({1, 2, 3}).SummarizeValue(0), "[...]");

  Tensor big(DT_INT32, TensorShape({1001}));
  test::FillIota<int32_t>(&big, 0);
  const std::string text = big.DebugString();
  EXPECT_EQ(text.substr(0, 8), "[0 1 2 3");
  EXPECT_EQ(text.substr(text.size() - 13), " 998 999 ...]");
}

TEST(TensorTest, TensorDataIsTheRawBytes) {
  Tensor t = test::AsTensor<int16_t>({1, 256});
  const absl::string_view bytes = t.tensor_data();
  ASSERT_EQ(bytes.size(), 4u);
  EXPECT_EQ(bytes[0], 1);
  EXPECT_EQ(bytes[1], 0);
  EXPECT_EQ(bytes[2], 0);
  EXPECT_EQ(bytes[3], 1);
}

TEST(TensorDeathTest, WrongDtypeAborts) {
  Tensor t(DT_FLOAT, TensorShape({2}));
  EXPECT_DEATH(t.flat<int32_t>(), "Tensor type mismatch: int32 requested, but the tensor "
                                  "holds float");
}

TEST(TensorDeathTest, WrongRankAborts) {
  Tensor t(DT_FLOAT, TensorShape({2}));
  EXPECT_DEATH(t.matrix<float>(), "rank 2 access to a tensor of shape \\[2\\]");
  EXPECT_DEATH(t.scalar<float>(), "scalar access to a tensor of shape \\[2\\]");
  EXPECT_DEATH((t.shaped<float, 2>({3, 1})), "cannot view a tensor of shape \\[2\\]");
}

TEST(TensorDeathTest, UnalignedAccessAndBadSliceAbort) {
  Tensor t(DT_FLOAT, TensorShape({4, 3}));
  EXPECT_DEATH(t.Slice(1, 2).flat<float>(), "aligned access to an unaligned tensor");
  EXPECT_DEATH(t.Slice(3, 5), "Slice\\(3, 5\\) of a tensor of shape \\[4,3\\]");
  EXPECT_DEATH(t.SubSlice(4), "SubSlice\\(4\\)");
  EXPECT_DEATH(Tensor(1.0f).Slice(0, 0), "Slice\\(0, 0\\)");
}

TEST(TensorTestUtilTest, BuildersAndComparisons) {
  Tensor a = test::AsTensor<double>({1.0, 2.0, 3.0}, TensorShape({3}));
  Tensor b = test::AsTensor<double>({1.0, 2.0 + 1e-9, 3.0});
  test::ExpectTensorNear<double>(a, b, 1e-6);
  test::ExpectTensorEqual<double>(a, a);
  Tensor nan = test::AsTensor<float>({std::nanf(""), 1.0f});
  test::ExpectTensorNear<float>(nan, nan, 0.0);
  test::ExpectTensorNear<complex64>(test::AsTensor<complex64>({{1, 1}}),
                                    test::AsTensor<complex64>({{1, 1.05f}}), 0.1);
  EXPECT_EQ(test::AsScalar<int64_t>(5).DebugString(), "5");
}

TEST(TensorTestUtilTest, FailuresNameTheIndex) {
  Tensor a = test::AsTensor<float>({1, 2, 3});
  Tensor b = test::AsTensor<float>({1, 2, 4});
  EXPECT_NONFATAL_FAILURE(test::ExpectTensorEqual<float>(a, b), "at index 2");
  EXPECT_NONFATAL_FAILURE(test::ExpectTensorNear<float>(a, b, 0.5), "at index 2");
}

}  // namespace
}  // namespace rill
