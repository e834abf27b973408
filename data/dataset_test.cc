// Tests of the in-memory sources and the transformations without functions: exact
// elements, element structure as printed, repeat x batch boundaries, shuffle orders from
// TensorFlow's algorithm (data/testdata/shuffle_reference.py), prefetch and cache, and
// the iterators' end-of-sequence, initialization and per-session behaviour.
#include "data/dataset.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/errors.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "data/dataset_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/random/random_seed.h"

namespace rill {
namespace data {
namespace {

using test::Elements;
using test::ReadToEnd;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

template <typename T>
std::string Printed(const T& value) {
  std::ostringstream os;
  os << value;
  return os.str();
}

TEST(DatasetTest, FromTensorSlicesHasOneElementPerRowAsInTheLecture) {
  Scope root = Scope::NewRootScope();
  const Tensor x = rill::test::AsTensor<float>({1.f, 2.f, 3.f});
  const Tensor y = rill::test::AsTensor<float>({10.f, 20.f, 30.f});
  Dataset dataset = Dataset::FromTensorSlices(root, {x, y});
  EXPECT_EQ(Printed(dataset.output_types()), "(float32, float32)");
  EXPECT_EQ(Printed(dataset.output_shapes()), "([], [])");
  EXPECT_EQ(dataset.variant_tensor().node()->type_string(), "TensorSliceDataset");
  EXPECT_THAT(*Elements(dataset), ElementsAre("1, 10", "2, 20", "3, 30"));
}

TEST(DatasetTest, FromTensorSlicesSlicesMatricesIntoRows) {
  Scope root = Scope::NewRootScope();
  Dataset dataset =
      Dataset::FromTensorSlices(root, {Input({{1, 2}, {3, 4}, {5, 6}}), Input({"a", "b", "c"})});
  EXPECT_EQ(Printed(dataset.output_types()), "(int32, string)");
  EXPECT_EQ(Printed(dataset.output_shapes()), "([2], [])");
  EXPECT_THAT(*Elements(dataset), ElementsAre("[1 2], \"a\"", "[3 4], \"b\"", "[5 6], \"c\""));
}

TEST(DatasetTest, FromTensorSlicesRejectsScalarsAndRaggedComponents) {
  Scope root = Scope::NewRootScope();
  Dataset::FromTensorSlices(root, {Input(3.f)});
  EXPECT_THAT(root.status().message(), HasSubstr("component 0 is a scalar"));

  Scope other = Scope::NewRootScope();
  Dataset::FromTensorSlices(other, {Input({1, 2, 3}), Input({1, 2})});
  EXPECT_THAT(other.status().message(), HasSubstr("same size in dimension 0"));
}

TEST(DatasetTest, FromTensorsIsOneElement) {
  Scope root = Scope::NewRootScope();
  Dataset dataset = Dataset::FromTensors(root, {Input({1, 2, 3}), Input(2.5f)});
  EXPECT_EQ(Printed(dataset.output_shapes()), "([3], [])");
  EXPECT_THAT(*Elements(dataset), ElementsAre("[1 2 3], 2.5"));
}

TEST(DatasetTest, RangeCountsLikePython) {
  Scope root = Scope::NewRootScope();
  EXPECT_THAT(*Elements(Dataset::Range(root, 4)), ElementsAre("0", "1", "2", "3"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 2, 10, 3)), ElementsAre("2", "5", "8"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 5, 0, -2)), ElementsAre("5", "3", "1"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 3, 3)), ElementsAre());
  EXPECT_EQ(Printed(Dataset::Range(root, 1).output_types()), "int64");
  const auto zero_step = Elements(Dataset::Range(root, 0, 5, 0));
  EXPECT_EQ(zero_step.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(zero_step.status().message(), HasSubstr("step must be a non-zero integer."));
}

TEST(DatasetTest, BatchKeepsTheRemainderUnlessDropped) {
  Scope root = Scope::NewRootScope();
  Dataset batched = Dataset::Range(root, 7).Batch(3);
  EXPECT_EQ(Printed(batched.output_shapes()), "[?]");
  EXPECT_THAT(*Elements(batched), ElementsAre("[0 1 2]", "[3 4 5]", "[6]"));
  Dataset dropped = Dataset::Range(root, 7).Batch(3, /*drop_remainder=*/true);
  EXPECT_EQ(Printed(dropped.output_shapes()), "[3]");
  EXPECT_THAT(*Elements(dropped), ElementsAre("[0 1 2]", "[3 4 5]"));
}

TEST(DatasetTest, BatchStacksEveryComponentAndChecksShapes) {
  Scope root = Scope::NewRootScope();
  Dataset dataset = Dataset::FromTensorSlices(
                        root, {Input({{1.f, 2.f}, {3.f, 4.f}, {5.f, 6.f}}), Input({"x", "y", "z"})})
                        .Batch(2);
  EXPECT_EQ(Printed(dataset.output_shapes()), "([?,2], [?])");
  EXPECT_THAT(*Elements(dataset), ElementsAre("[[1 2] [3 4]], [\"x\" \"y\"]", "[[5 6]], [\"z\"]"));
  EXPECT_EQ(root.status().code(), absl::StatusCode::kOk);
}

TEST(DatasetTest, RepeatThenBatchCrossesEpochBoundaries) {
  Scope root = Scope::NewRootScope();
  EXPECT_THAT(*Elements(Dataset::Range(root, 4).Repeat(2).Batch(3)),
              ElementsAre("[0 1 2]", "[3 0 1]", "[2 3]"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 4).Batch(3).Repeat(2)),
              ElementsAre("[0 1 2]", "[3]", "[0 1 2]", "[3]"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 3).Repeat(0)), ElementsAre());
  // An empty dataset repeated forever is empty, not an endless loop.
  EXPECT_THAT(*Elements(Dataset::Range(root, 0).Repeat()), ElementsAre());
  EXPECT_THAT(*Elements(Dataset::Range(root, 2).Repeat().Take(5)),
              ElementsAre("0", "1", "0", "1", "0"));
}

TEST(DatasetTest, TakeAndSkip) {
  Scope root = Scope::NewRootScope();
  EXPECT_THAT(*Elements(Dataset::Range(root, 5).Take(2)), ElementsAre("0", "1"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 3).Take(-1)), ElementsAre("0", "1", "2"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 3).Take(10)), ElementsAre("0", "1", "2"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 5).Skip(3)), ElementsAre("3", "4"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 5).Skip(-1)), ElementsAre());
  EXPECT_THAT(*Elements(Dataset::Range(root, 5).Skip(1).Take(2)), ElementsAre("1", "2"));
}

TEST(DatasetTest, ZipEndsWithTheShortestAndConcatenateChains) {
  Scope root = Scope::NewRootScope();
  Dataset zipped = Dataset::Zip(
      {Dataset::Range(root, 3), Dataset::FromTensorSlices(root, {Input({1.5f, 2.5f})})});
  EXPECT_EQ(Printed(zipped.output_types()), "(int64, float32)");
  EXPECT_THAT(*Elements(zipped), ElementsAre("0, 1.5", "1, 2.5"));

  Dataset chained = Dataset::Range(root, 2).Concatenate(Dataset::Range(root, 5, 7));
  EXPECT_THAT(*Elements(chained), ElementsAre("0", "1", "5", "6"));

  Dataset vectors = Dataset::FromTensors(root, {Input({1, 2})})
                        .Concatenate(Dataset::FromTensors(root, {Input({3, 4, 5})}));
  EXPECT_EQ(Printed(vectors.output_shapes()), "[?]");
  EXPECT_THAT(*Elements(vectors), ElementsAre("[1 2]", "[3 4 5]"));

  Dataset::Range(root, 2).Concatenate(Dataset::FromTensors(root, {Input(1.f)}));
  EXPECT_THAT(root.status().message(), HasSubstr("different types"));
}

TEST(DatasetTest, ShuffleGivesTensorFlowsOrderForAFixedSeed) {
  Scope root = Scope::NewRootScope();
  // data/testdata/shuffle_reference.py: op seed 7, no graph seed = seeds (87654321, 7).
  const Dataset shuffled = Dataset::Range(root, 10).Shuffle(4, 7);
  const Iterator iterator = shuffled.MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  EXPECT_THAT(*ReadToEnd(session, next),
              ElementsAre("0", "4", "2", "3", "5", "6", "1", "8", "7", "9"));
  // Re-initializing reshuffles: the iterator resource keeps the seed generator.
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  EXPECT_THAT(*ReadToEnd(session, next),
              ElementsAre("1", "3", "0", "4", "6", "5", "7", "8", "9", "2"));

  // Another session starts over: the same first epoch.
  ClientSession other(root);
  ASSERT_TRUE(other.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  EXPECT_THAT(*ReadToEnd(other, next),
              ElementsAre("0", "4", "2", "3", "5", "6", "1", "8", "7", "9"));
}

TEST(DatasetTest, ShuffleWithoutReshufflingReplaysOneOrder) {
  Scope root = Scope::NewRootScope();
  const Dataset shuffled = Dataset::Range(root, 10).Shuffle(4, 7, false).Repeat(2);
  EXPECT_THAT(*Elements(shuffled), ElementsAre("3", "4", "0", "5", "1", "8", "2", "7", "6", "9",  //
                                               "3", "4", "0", "5", "1", "8", "2", "7", "6", "9"));
}

TEST(DatasetTest, ShuffleTakesTheGraphSeed) {
  Scope root = Scope::NewRootScope();
  ops::set_random_seed(root, 3);
  EXPECT_THAT(*Elements(Dataset::Range(root, 6).Shuffle(100, 5)),
              ElementsAre("0", "2", "3", "1", "5", "4"));
}

TEST(DatasetTest, UnseededShuffleIsAPermutation) {
  Scope root = Scope::NewRootScope();
  std::vector<std::string> elements = *Elements(Dataset::Range(root, 20).Shuffle(20));
  std::sort(elements.begin(), elements.end(),
            [](const std::string& a, const std::string& b) { return std::stoi(a) < std::stoi(b); });
  std::vector<std::string> expected;
  for (int i = 0; i < 20; ++i) expected.push_back(absl::StrCat(i));
  EXPECT_EQ(elements, expected);
}

TEST(DatasetTest, PaddedBatchPadsToTheLargestOrTheGivenShape) {
  Scope root = Scope::NewRootScope();
  // Elements [1], [2 2], [3 3 3] from a generator.
  auto factory = [] {
    auto n = std::make_shared<int>(0);
    return [n]() -> absl::StatusOr<std::optional<std::vector<Tensor>>> {
      if (*n == 3) return std::nullopt;
      ++*n;
      Tensor row(DT_INT64, TensorShape({*n}));
      for (int i = 0; i < *n; ++i) row.flat<int64_t>()(i) = *n;
      return std::vector<Tensor>{row};
    };
  };
  Dataset rows = Dataset::FromGenerator(root, factory, {DT_INT64}, {PartialTensorShape({-1})});
  Dataset padded = rows.PaddedBatch(2, {PartialTensorShape({-1})});
  EXPECT_EQ(Printed(padded.output_shapes()), "[?,?]");
  EXPECT_THAT(*Elements(padded), ElementsAre("[[1 0] [2 2]]", "[[3 3 3]]"));
  Dataset wide = rows.PaddedBatch(3, {PartialTensorShape({4})}, {Input(int64_t{-1})});
  EXPECT_EQ(Printed(wide.output_shapes()), "[?,4]");
  EXPECT_THAT(*Elements(wide), ElementsAre("[[1 -1 -1 -1] [2 2 -1 -1] [3 3 3 -1]]"));
  const auto narrow = Elements(rows.PaddedBatch(3, {PartialTensorShape({2})}));
  EXPECT_EQ(narrow.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(narrow.status().message(),
              HasSubstr("failed on element 2: Attempted to pad to a smaller size"));
}

// Counting makes generators of the int64 scalars 0 .. 4, except for an Unavailable error
// in place of element 2.
GeneratorFactory Counting() {
  return [] {
    auto next = std::make_shared<int64_t>(0);
    return [next]() -> absl::StatusOr<std::optional<std::vector<Tensor>>> {
      if (*next == 5) return std::nullopt;
      const int64_t value = (*next)++;
      if (value == 2) return errors::Unavailable("no element 2");
      return std::vector<Tensor>{Tensor(value)};
    };
  };
}

TEST(DatasetTest, PrefetchKeepsOrderAndErrors) {
  Scope root = Scope::NewRootScope();
  EXPECT_THAT(*Elements(Dataset::Range(root, 5).Prefetch(2)), ElementsAre("0", "1", "2", "3", "4"));
  EXPECT_THAT(*Elements(Dataset::Range(root, 5).Batch(2).Prefetch(0)),
              ElementsAre("[0 1]", "[2 3]", "[4]"));
  // The thread refills once half the buffer is taken: every element still arrives, in order.
  std::vector<std::string> fifty;
  for (int i = 0; i < 50; ++i) fifty.push_back(std::to_string(i));
  for (int64_t buffer : {1, 3, 4}) {
    EXPECT_THAT(*Elements(Dataset::Range(root, 50).Prefetch(buffer)), ElementsAreArray(fifty))
        << "buffer " << buffer;
  }

  const Iterator iterator =
      Dataset::FromGenerator(root, Counting(), {DT_INT64}, {PartialTensorShape(TensorShape())})
          .Prefetch(3)
          .MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].scalar<int64_t>()(), 1);
  const absl::Status error = session.Run(next, &out);
  EXPECT_EQ(error.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(error.message(), HasSubstr("failed on element 2: no element 2"));
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre("3", "4"));
}

TEST(DatasetTest, BatchRejectsElementsOfDifferentShapesNamingTheElement) {
  Scope root = Scope::NewRootScope();
  auto growing = [] {
    auto n = std::make_shared<int64_t>(0);
    return [n]() -> absl::StatusOr<std::optional<std::vector<Tensor>>> {
      if (*n == 3) return std::nullopt;
      return std::vector<Tensor>{Tensor(DT_FLOAT, TensorShape({++*n}))};
    };
  };
  const auto batched = Elements(
      Dataset::FromGenerator(root, growing, {DT_FLOAT}, {PartialTensorShape({-1})}).Batch(3));
  EXPECT_EQ(batched.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(batched.status().message(),
              HasSubstr("BatchDatasetV2 'BatchDatasetV2' failed on element 1: Cannot batch "
                        "tensors with different shapes in component 0. First element had "
                        "shape [1] and element 1 had shape [2]."));
}

TEST(DatasetTest, BatchReportsTheLowestMismatchedComponentAfterReadingTheWholeBatch) {
  Scope root = Scope::NewRootScope();
  // Element 1 differs in component 1 and element 2 in component 0; element 3 is fine.
  auto elements = [] {
    auto n = std::make_shared<int64_t>(0);
    return [n]() -> absl::StatusOr<std::optional<std::vector<Tensor>>> {
      const int64_t i = (*n)++;
      if (i == 4) return std::nullopt;
      Tensor first(DT_INT64, TensorShape({i == 2 ? 2 : 1}));
      first.flat<int64_t>().setConstant(i);
      Tensor second(DT_INT64, TensorShape({i == 1 ? 2 : 1}));
      second.flat<int64_t>().setConstant(-i);
      return std::vector<Tensor>{first, second};
    };
  };
  const Iterator iterator =
      Dataset::FromGenerator(root, elements, {DT_INT64, DT_INT64},
                             {PartialTensorShape({-1}), PartialTensorShape({-1})})
          .Batch(3)
          .MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  const absl::Status error = session.Run(next, &out);
  EXPECT_EQ(error.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(error.message(),
              HasSubstr("failed on element 2: Cannot batch tensors with different shapes in "
                        "component 0. First element had shape [1] and element 2 had shape [2]."));
  // The failed batch consumed its three elements.
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre("[[3]], [[-3]]"));
}

TEST(DatasetTest, BatchesLargerThanTheFirstAllocationGrow) {
  Scope root = Scope::NewRootScope();
  Tensor values(DT_FLOAT, TensorShape({3000}));
  for (int64_t i = 0; i < 3000; ++i) values.flat<float>()(i) = static_cast<float>(i);
  const Iterator iterator =
      Dataset::FromTensorSlices(root, {values}).Batch(2500).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({2500}));
  for (int64_t i = 0; i < 2500; ++i) ASSERT_EQ(out[0].flat<float>()(i), i);
  ASSERT_TRUE(session.Run(next, &out).ok());
  ASSERT_EQ(out[0].shape(), TensorShape({500}));
  for (int64_t i = 0; i < 500; ++i) ASSERT_EQ(out[0].flat<float>()(i), 2500 + i);
  EXPECT_EQ(session.Run(next, &out).code(), absl::StatusCode::kOutOfRange);
}

TEST(DatasetTest, CacheReplaysTheFirstCompletePass) {
  Scope root = Scope::NewRootScope();
  auto calls = std::make_shared<std::atomic<int>>(0);
  auto factory = [calls] {
    ++*calls;
    auto n = std::make_shared<int>(0);
    return [n]() -> absl::StatusOr<std::optional<std::vector<Tensor>>> {
      if (*n == 3) return std::nullopt;
      return std::vector<Tensor>{Tensor(static_cast<int64_t>((*n)++))};
    };
  };
  Dataset cached =
      Dataset::FromGenerator(root, factory, {DT_INT64}, {PartialTensorShape(TensorShape())})
          .Cache()
          .Repeat(3);
  EXPECT_THAT(*Elements(cached), ElementsAre("0", "1", "2", "0", "1", "2", "0", "1", "2"));
  EXPECT_EQ(calls->load(), 1);
  const auto on_disk = Elements(Dataset::Range(root, 2).Cache("/tmp/cache"));
  EXPECT_EQ(on_disk.status().code(), absl::StatusCode::kUnimplemented);
}

TEST(IteratorTest, EndOfSequenceRepeatsUntilReinitialized) {
  Scope root = Scope::NewRootScope();
  const Iterator iterator = Dataset::Range(root, 2).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  std::vector<Tensor> out;
  const absl::Status uninitialized = session.Run(next, &out);
  EXPECT_EQ(uninitialized.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(uninitialized.message(),
              HasSubstr("GetNext() failed because the iterator has not been initialized"));

  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre("0", "1"));
  for (int i = 0; i < 2; ++i) {
    const absl::Status end = session.Run(next, &out);
    EXPECT_EQ(end.code(), absl::StatusCode::kOutOfRange);
    EXPECT_THAT(end.message(), HasSubstr("End of sequence"));
  }
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre("0", "1"));
}

TEST(IteratorTest, TwoSessionsIterateIndependently) {
  Scope root = Scope::NewRootScope();
  const Iterator iterator = Dataset::Range(root, 3).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession first(root);
  ClientSession second(root);
  ASSERT_TRUE(first.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  ASSERT_TRUE(second.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(first.Run(next, &out).ok());
  ASSERT_TRUE(first.Run(next, &out).ok());
  EXPECT_EQ(out[0].scalar<int64_t>()(), 1);
  ASSERT_TRUE(second.Run(next, &out).ok());
  EXPECT_EQ(out[0].scalar<int64_t>()(), 0);
}

TEST(IteratorTest, OneShotIteratorNeedsNoInitializer) {
  Scope root = Scope::NewRootScope();
  const Iterator iterator = Dataset::Range(root, 3).Batch(2).MakeOneShotIterator();
  EXPECT_EQ(iterator.initializer().node(), nullptr);
  EXPECT_EQ(iterator.handle().node()->type_string(), "OneShotIterator");
  ClientSession session(root);
  EXPECT_THAT(*ReadToEnd(session, iterator.GetNext()), ElementsAre("[0 1]", "[2]"));
  ASSERT_EQ(root.graph()->library().function_size(), 1);
}

TEST(IteratorTest, OneShotIteratorCannotCaptureAPlaceholder) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT);
  Dataset::FromTensorSlices(root, {x}).MakeOneShotIterator();
  EXPECT_THAT(root.status().message(),
              HasSubstr("Cannot capture a placeholder (name:x, type:Placeholder) by value"));
}

TEST(IteratorTest, InitializableIteratorReadsFedPlaceholders) {
  Scope root = Scope::NewRootScope();
  auto x = ops::Placeholder(root.WithOpName("x"), DT_FLOAT, ops::Placeholder::Shape({-1}));
  const Iterator iterator = Dataset::FromTensorSlices(root, {x}).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({{x, {4.f, 5.f}}}, {}, {iterator.initializer()}, nullptr).ok());
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre("4", "5"));
  ASSERT_TRUE(session.Run({{x, {6.f}}}, {}, {iterator.initializer()}, nullptr).ok());
  EXPECT_THAT(*ReadToEnd(session, next), ElementsAre("6"));
}

}  // namespace
}  // namespace data
}  // namespace rill
