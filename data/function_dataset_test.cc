// Tests of the datasets that run functions or callables: map (sequential and parallel),
// filter, flat_map and interleave with graph bodies recorded as FunctionDefs, nested
// functions, one-shot iterators over them, from_generator's per-element checks, and an
// error mid-pipeline that names the dataset and the element, after which the pipeline
// goes on.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/client/client_session.h"
#include "core/client/scope.h"
#include "core/framework/tensor.h"
#include "core/graph/graph.h"
#include "data/dataset.h"
#include "data/dataset_test_util.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/math/math_ops.h"

namespace rill {
namespace data {
namespace {

using test::Elements;
using test::ReadToEnd;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;

std::vector<Output> Double(const Scope& scope, const std::vector<Output>& element) {
  return {ops::Mul(scope, element[0], Input(int64_t{2}))};
}

TEST(MapTest, AppliesTheBodyToEveryElement) {
  Scope root = Scope::NewRootScope();
  Dataset doubled = Dataset::Range(root, 4).Map(Double);
  EXPECT_EQ(doubled.variant_tensor().node()->type_string(), "MapDataset");
  EXPECT_THAT(*Elements(doubled), ElementsAre("0", "2", "4", "6"));
}

TEST(MapTest, RecordsTheBodyAsAFunctionTheOpNames) {
  Scope root = Scope::NewRootScope();
  Dataset doubled = Dataset::Range(root, 4).Map(Double);
  const tensorflow::GraphDef graph_def = root.graph()->ToGraphDef();
  ASSERT_EQ(graph_def.library().function_size(), 1);
  const tensorflow::FunctionDef& function = graph_def.library().function(0);
  const tensorflow::NodeDef& map = doubled.variant_tensor().node()->def();
  EXPECT_EQ(map.attr().at("f").func().name(), function.signature().name());
  ASSERT_EQ(function.signature().input_arg_size(), 1);
  EXPECT_EQ(function.signature().input_arg(0).name(), "args_0");
  EXPECT_EQ(function.signature().input_arg(0).type(), tensorflow::DT_INT64);
  ASSERT_EQ(function.node_def_size(), 2);  // The constant 2 and Mul.
  EXPECT_EQ(function.ret().at("output_0"), "Mul:z:0");
}

TEST(MapTest, ChangesTheStructure) {
  Scope root = Scope::NewRootScope();
  Dataset swapped = Dataset::FromTensorSlices(root, {Input({1, 2}), Input({0.5f, 1.5f})})
                        .Map([](const Scope& scope, const std::vector<Output>& element) {
                          return std::vector<Output>{
                              element[1], ops::Cast(scope, element[0], DT_FLOAT), element[0]};
                        });
  std::ostringstream types;
  types << swapped.output_types();
  EXPECT_EQ(types.str(), "(float32, float32, int32)");
  EXPECT_THAT(*Elements(swapped), ElementsAre("0.5, 1, 1", "1.5, 2, 2"));
}

TEST(MapTest, ParallelCallsKeepTheOrder) {
  Scope root = Scope::NewRootScope();
  Dataset doubled = Dataset::Range(root, 50).Map(Double, /*num_parallel_calls=*/4);
  EXPECT_EQ(doubled.variant_tensor().node()->type_string(), "ParallelMapDataset");
  std::vector<std::string> expected;
  for (int i = 0; i < 50; ++i) expected.push_back(absl::StrCat(2 * i));
  EXPECT_THAT(*Elements(doubled), ElementsAreArray(expected));
  EXPECT_THAT(*Elements(Dataset::Range(root, 5).Map(Double, -1)),
              ElementsAre("0", "2", "4", "6", "8"));
}

TEST(MapTest, ParallelCallsReportErrorsInOrder) {
  Scope root = Scope::NewRootScope();
  // CheckNumerics rejects 1 / (x - 3) for element 3 only.
  const Iterator iterator =
      Dataset::Range(root, 6)
          .Map(
              [](const Scope& scope, const std::vector<Output>& element) {
                auto x = ops::Cast(scope, element[0], DT_FLOAT);
                auto inverse = ops::RealDiv(scope, Input(1.f), ops::Sub(scope, x, Input(3.f)));
                return std::vector<Output>{ops::CheckNumerics(scope, inverse, "inverse")};
              },
              /*num_parallel_calls=*/3)
          .MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<std::string> results;
  for (int i = 0; i < 6; ++i) {
    std::vector<Tensor> out;
    const absl::Status status = session.Run(next, &out);
    results.push_back(status.ok() ? out[0].DebugString() : std::string(status.message()));
  }
  EXPECT_EQ(results[2], "-1");
  EXPECT_THAT(results[3], HasSubstr("ParallelMapDataset 'ParallelMapDataset' failed on "
                                    "element 3: inverse : Tensor had Inf values"));
  EXPECT_EQ(results[4], "1");
  EXPECT_EQ(results[5], "0.5");
}

TEST(FilterTest, KeepsTheElementsThePredicateAccepts) {
  Scope root = Scope::NewRootScope();
  Dataset even =
      Dataset::Range(root, 10).Filter([](const Scope& scope, const std::vector<Output>& element) {
        return ops::Equal(scope, ops::FloorMod(scope, element[0], Input(int64_t{2})),
                          Input(int64_t{0}));
      });
  EXPECT_THAT(*Elements(even), ElementsAre("0", "2", "4", "6", "8"));

  Dataset::Range(root, 3).Filter(
      [](const Scope& scope, const std::vector<Output>& element) { return element[0]; });
  EXPECT_THAT(root.status().message(),
              HasSubstr("`predicate` return type must be convertible to a scalar boolean"));
}

TEST(FlatMapTest, EmitsTheElementsOfEachMappedDataset) {
  Scope root = Scope::NewRootScope();
  Dataset rows = Dataset::FromTensorSlices(root, {Input({{1, 2, 3}, {4, 5, 6}})});
  Dataset flat = rows.FlatMap([](const Scope& scope, const std::vector<Output>& element) {
    return Dataset::FromTensorSlices(scope, {element[0]});
  });
  EXPECT_EQ(flat.variant_tensor().node()->type_string(), "FlatMapDataset");
  EXPECT_THAT(*Elements(flat), ElementsAre("1", "2", "3", "4", "5", "6"));
}

TEST(FlatMapTest, BodiesMayMapAgain) {
  Scope root = Scope::NewRootScope();
  Dataset rows = Dataset::FromTensorSlices(root, {Input({{1, 2}, {3, 4}})});
  Dataset flat = rows.FlatMap([](const Scope& scope, const std::vector<Output>& element) {
    return Dataset::FromTensorSlices(scope, {element[0]})
        .Map([](const Scope& inner, const std::vector<Output>& x) {
          return std::vector<Output>{ops::Mul(inner, x[0], 10)};
        });
  });
  // The nested map's function lands in the outer graph's library too.
  EXPECT_EQ(root.graph()->library().function_size(), 2);
  EXPECT_THAT(*Elements(flat), ElementsAre("10", "20", "30", "40"));
}

TEST(InterleaveTest, CyclesThroughBlocksAsTensorFlowDocuments) {
  Scope root = Scope::NewRootScope();
  // tf.data.Dataset.range(1, 6).interleave(
  //     lambda x: Dataset.from_tensors(x).repeat(6), cycle_length=2, block_length=4)
  Dataset interleaved = Dataset::Range(root, 1, 6)
                            .Interleave(
                                [](const Scope& scope, const std::vector<Output>& element) {
                                  return Dataset::FromTensors(scope, {element[0]}).Repeat(6);
                                },
                                /*cycle_length=*/2, /*block_length=*/4);
  EXPECT_THAT(
      *Elements(interleaved),
      ElementsAre("1", "1", "1", "1", "2", "2", "2", "2", "1", "1", "2", "2", "3", "3", "3", "3",
                  "4", "4", "4", "4", "3", "3", "4", "4", "5", "5", "5", "5", "5", "5"));
}

TEST(OneShotIteratorTest, RebuildsAPipelineWithFunctions) {
  Scope root = Scope::NewRootScope();
  const Iterator iterator = Dataset::Range(root, 3).Map(Double).Batch(2).MakeOneShotIterator();
  ClientSession session(root);
  EXPECT_THAT(*ReadToEnd(session, iterator.GetNext()), ElementsAre("[0 2]", "[4]"));
}

// Counter makes generators of 0, 1, 2, ... `limit` - 1, with element `wrong` an int32
// instead of a float.
GeneratorFactory Counter(int limit, int wrong) {
  return [limit, wrong] {
    auto next = std::make_shared<int>(0);
    return [next, limit, wrong]() -> absl::StatusOr<std::optional<std::vector<Tensor>>> {
      if (*next == limit) return std::nullopt;
      const int value = (*next)++;
      if (value == wrong) return std::vector<Tensor>{Tensor(int32_t{value})};
      return std::vector<Tensor>{Tensor(static_cast<float>(value))};
    };
  };
}

TEST(FromGeneratorTest, ChecksEveryElementAndNamesItsIndex) {
  Scope root = Scope::NewRootScope();
  Dataset dataset = Dataset::FromGenerator(root, Counter(4, /*wrong=*/2), {DT_FLOAT},
                                           {PartialTensorShape(TensorShape())});
  const Iterator iterator = dataset.MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].scalar<float>()(), 1.f);
  const absl::Status mismatch = session.Run(next, &out);
  EXPECT_EQ(mismatch.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(mismatch.message(),
              HasSubstr("CppGeneratorDataset 'CppGeneratorDataset' failed on element 2: the "
                        "generator's element component 0 has dtype int32, expected float"));
  // The pipeline goes on after the error.
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].scalar<float>()(), 3.f);
  EXPECT_EQ(session.Run(next, &out).code(), absl::StatusCode::kOutOfRange);
}

TEST(FromGeneratorTest, ChecksShapesAndPassesErrorsOn) {
  Scope root = Scope::NewRootScope();
  auto factory = [] {
    auto calls = std::make_shared<int>(0);
    return [calls]() -> absl::StatusOr<std::optional<std::vector<Tensor>>> {
      if ((*calls)++ == 0) return std::vector<Tensor>{Tensor(1.f)};
      return errors::Unavailable("the source is gone");
    };
  };
  Dataset vectors = Dataset::FromGenerator(root, factory, {DT_FLOAT}, {PartialTensorShape({2})});
  EXPECT_THAT(Elements(vectors).status().message(),
              HasSubstr("failed on element 0: the generator's element component 0 has shape "
                        "[], which is not compatible with [2]"));
  Dataset scalars =
      Dataset::FromGenerator(root, factory, {DT_FLOAT}, {PartialTensorShape(TensorShape())});
  const auto gone = Elements(scalars);
  EXPECT_EQ(gone.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(gone.status().message(), HasSubstr("failed on element 1: the source is gone"));
}

TEST(PipelineErrorTest, NamesTheDatasetAndElementAndGoesOn) {
  Scope root = Scope::NewRootScope();
  // 1 / (x - 3) is infinite for element 3, which CheckNumerics rejects.
  Dataset inverses =
      Dataset::Range(root, 6).Map([](const Scope& scope, const std::vector<Output>& element) {
        auto x = ops::Cast(scope, element[0], DT_FLOAT);
        auto inverse = ops::RealDiv(scope, Input(1.f), ops::Sub(scope, x, Input(3.f)));
        return std::vector<Output>{ops::CheckNumerics(scope, inverse, "bad inverse")};
      });
  const Iterator iterator = inverses.Batch(2).MakeInitializableIterator();
  const std::vector<Output> next = iterator.GetNext();
  ClientSession session(root);
  ASSERT_TRUE(session.Run({}, {}, {iterator.initializer()}, nullptr).ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].DebugString(), "[-0.33333334 -0.5]");
  const absl::Status error = session.Run(next, &out);
  EXPECT_EQ(error.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(error.message(), HasSubstr("MapDataset 'MapDataset' failed on element 3: "
                                         "bad inverse : Tensor had Inf values"));
  EXPECT_THAT(error.message(), HasSubstr("[[node IteratorGetNext (IteratorGetNext)]]"));
  ASSERT_TRUE(session.Run(next, &out).ok());
  EXPECT_EQ(out[0].DebugString(), "[1 0.5]");
  EXPECT_EQ(session.Run(next, &out).code(), absl::StatusCode::kOutOfRange);
}

}  // namespace
}  // namespace data
}  // namespace rill
