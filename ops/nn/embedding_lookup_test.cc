// Tests of embedding_lookup: one table (tensor or variable), partitioned tables with 'mod'
// and 'div' against the unpartitioned rows, ids outside the vocabulary named at run time,
// max_norm, IndexedSlices gradients into variable partitions, and numeric gradients.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/match.h"
#include "core/client/client_session.h"
#include "core/client/gradient.h"
#include "core/client/ops.h"
#include "core/client/scope.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_testutil.h"
#include "core/graph/graph.h"
#include "gtest/gtest.h"
#include "ops/array/array_ops.h"
#include "ops/gradients/gradient_checker.h"
#include "ops/gradients/gradients.h"
#include "ops/math/math_ops.h"
#include "ops/nn/embedding_lookup.h"
#include "ops/state/variables.h"

namespace rill {
namespace {

// Row i of the 10-row vocabulary is [i, 10 i].
Tensor Rows(const std::vector<int64_t>& ids) {
  std::vector<float> values;
  for (const int64_t id : ids) {
    values.push_back(static_cast<float>(id));
    values.push_back(static_cast<float>(10 * id));
  }
  return test::AsTensor<float>(values, TensorShape({static_cast<int64_t>(ids.size()), 2}));
}

// The partitions of the vocabulary: "mod" gives partition p the ids with id % 3 == p, "div"
// the contiguous ranges [0, 4), [4, 7), [7, 10).
std::vector<std::vector<int64_t>> PartitionIds(const std::string& strategy) {
  if (strategy == "mod") return {{0, 3, 6, 9}, {1, 4, 7}, {2, 5, 8}};
  return {{0, 1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
}

absl::StatusOr<Tensor> RunOne(const Scope& scope, const Output& fetch,
                              const std::vector<Operation>& init = {}) {
  ClientSession session(scope);
  if (!init.empty()) RETURN_IF_ERROR(session.Run({}, {}, init, nullptr));
  std::vector<Tensor> out;
  RETURN_IF_ERROR(session.Run({fetch}, &out));
  return out[0];
}

const std::vector<int64_t> kIds = {9, 0, 4, 7, 7, 2};

TEST(EmbeddingLookupTest, OneTableTensorOrVariable) {
  Scope root = Scope::NewRootScope();
  const Tensor table = Rows({0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  const Output ids = ops::Const(root, test::AsTensor<int64_t>(kIds, TensorShape({2, 3})));
  const Output from_tensor = ops::embedding_lookup(root, ops::Const(root, table), ids);
  ops::Variable var(root.WithOpName("embed"), table);
  const Output from_variable = ops::embedding_lookup(root, var, ids);
  ASSERT_TRUE(root.ok()) << root.status();
  Tensor expected = Rows(kIds);
  ASSERT_TRUE(expected.CopyFrom(expected, TensorShape({2, 3, 2})));
  test::ExpectTensorEqual<float>(*RunOne(root, from_tensor), expected);
  test::ExpectTensorEqual<float>(*RunOne(root, from_variable, {var.initializer()}), expected);
  // The variable is read sparsely, TensorFlow's sparse_read.
  const Edge* edge;
  ASSERT_TRUE(from_variable.node()->input_edge(0, &edge).ok());
  EXPECT_EQ(edge->src->type_string(), "ResourceGather");
  EXPECT_EQ(from_variable.node()->name(), "embedding_lookup_1/Identity");
}

TEST(EmbeddingLookupTest, PartitionedTablesGiveTheSameRows) {
  for (const std::string strategy : {"mod", "div"}) {
    for (const bool variables : {false, true}) {
      Scope root = Scope::NewRootScope();
      std::vector<Output> tensors;
      std::vector<ops::Variable> vars;
      std::vector<Operation> init;
      for (const std::vector<int64_t>& ids : PartitionIds(strategy)) {
        if (variables) {
          vars.emplace_back(root, Rows(ids));
          init.push_back(vars.back().initializer());
        } else {
          tensors.push_back(ops::Const(root, Rows(ids)));
        }
      }
      const Output ids = ops::Const(root, test::AsTensor<int64_t>(kIds, TensorShape({3, 2})));
      const Output rows = variables ? ops::embedding_lookup(root, vars, ids, strategy)
                                    : ops::embedding_lookup(root, tensors, ids, strategy);
      ASSERT_TRUE(root.ok()) << root.status();
      const absl::StatusOr<Tensor> out = RunOne(root, rows, init);
      ASSERT_TRUE(out.ok()) << out.status();
      Tensor expected = Rows(kIds);
      ASSERT_TRUE(expected.CopyFrom(expected, TensorShape({3, 2, 2})));
      test::ExpectTensorEqual<float>(*out, expected);
    }
  }
}

// An id outside the vocabulary fails when the graph runs, naming the id (its position in
// the flattened ids for partitioned tables), whichever the strategy.
TEST(EmbeddingLookupTest, IdsOutsideTheVocabularyAreNamed) {
  struct Case {
    std::string strategy;
    int partitions;
    int64_t bad_id;
    std::string message;
  };
  for (const Case& c : {Case{"mod", 1, 10, "indices[1,0] = 10 is not in [0, 10)"},
                        Case{"mod", 3, 10, "indices[2] = 10 is not in [0, 10)"},
                        Case{"div", 3, 12, "indices[2] = 12 is not in [0, 10)"},
                        Case{"div", 3, -1, "indices[2] = -1 is not in [0, 10)"}}) {
    Scope root = Scope::NewRootScope();
    std::vector<Output> tables;
    if (c.partitions == 1) {
      tables.push_back(ops::Const(root, Rows({0, 1, 2, 3, 4, 5, 6, 7, 8, 9})));
    } else {
      for (const std::vector<int64_t>& ids : PartitionIds(c.strategy)) {
        tables.push_back(ops::Const(root, Rows(ids)));
      }
    }
    const Output ids = ops::Const(root, test::AsTensor<int64_t>({3, 4, c.bad_id, 5}, TensorShape({2, 2})));
    const Output rows = ops::embedding_lookup(root, tables, ids, c.strategy);
    ASSERT_TRUE(root.ok()) << root.status();
    const absl::StatusOr<Tensor> out = RunOne(root, rows);
    ASSERT_FALSE(out.ok()) << c.strategy;
    EXPECT_EQ(out.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_TRUE(absl::StrContains(out.status().message(), c.message)) << out.status();
  }
}

// max_norm scales rows longer than it down to it: [3, 4] (norm 5) becomes [0.6, 0.8].
TEST(EmbeddingLookupTest, MaxNormClipsLongRows) {
  Scope root = Scope::NewRootScope();
  const Output table = ops::Const(root, {{3.f, 4.f}, {0.3f, 0.4f}});
  const Output ids = ops::Const(root, {1, 0, 1});
  const Output one = ops::embedding_lookup(root, table, ids, "mod", 1.0);
  const Output two = ops::embedding_lookup(root, {table, table}, ids, "div", 1.0);
  ASSERT_TRUE(root.ok()) << root.status();
  const Tensor expected = test::AsTensor<float>({0.3f, 0.4f, 0.6f, 0.8f, 0.3f, 0.4f}, TensorShape({3, 2}));
  test::ExpectTensorNear<float>(*RunOne(root, one), expected, 1e-6);
  // Two copies of the table as partitions: with div, ids 0 and 1 both live in partition 0.
  test::ExpectTensorNear<float>(*RunOne(root, two), expected, 1e-6);
}

TEST(EmbeddingLookupTest, PartitionedVariablesGetIndexedSlices) {
  Scope root = Scope::NewRootScope();
  std::vector<ops::Variable> vars;
  for (const std::vector<int64_t>& ids : PartitionIds("mod")) vars.emplace_back(root, Rows(ids));
  const Output rows =
      ops::embedding_lookup(root, vars, ops::Const(root, {int64_t{4}, int64_t{7}, int64_t{3}}));
  std::vector<Gradient> grads;
  ASSERT_TRUE(AddSymbolicGradients(root, {ops::Sum(root, rows, {0, 1})},
                                   {vars[0].handle(), vars[1].handle(), vars[2].handle()}, &grads)
                  .ok());
  for (const Gradient& g : grads) EXPECT_TRUE(g.is_sparse());
  ClientSession session(root);
  ASSERT_TRUE(session
                  .Run({}, {},
                       {vars[0].initializer(), vars[1].initializer(), vars[2].initializer()},
                       nullptr)
                  .ok());
  std::vector<Tensor> out;
  ASSERT_TRUE(session.Run({grads[0].sparse().indices, grads[1].sparse().indices}, &out).ok());
  // Id 3 is row 1 of partition 0; ids 4 and 7 rows 1 and 2 of partition 1.
  test::ExpectTensorEqual<int64_t>(out[0], test::AsTensor<int64_t>({1}));
  test::ExpectTensorEqual<int64_t>(out[1], test::AsTensor<int64_t>({1, 2}));
}

// Rows of norm 2.5 and 5 are clipped by max_norm 2, the others not.
TEST(EmbeddingLookupTest, GradientsMatchCentralDifferences) {
  const std::vector<double> full = {1.5, -2, 0.3, 0.1, 3, 4, -1, 0.5};
  for (const int partitions : {1, 2}) {
    Scope root = Scope::NewRootScope();
    std::vector<Output> tables;
    std::vector<Tensor> values;
    for (int p = 0; p < partitions; ++p) {
      const int64_t rows = 4 / partitions;
      tables.push_back(ops::Placeholder(root, DT_DOUBLE, ops::Placeholder::Shape({rows, 2})));
      values.push_back(test::AsTensor<double>(
          std::vector<double>(full.begin() + 2 * p * rows, full.begin() + 2 * (p + 1) * rows),
          TensorShape({rows, 2})));
    }
    const Output ids = ops::Const(root, {{3, 0}, {1, 3}});
    const Output rows = ops::embedding_lookup(root, tables, ids, "div", 2.0);
    ASSERT_TRUE(root.ok()) << root.status();
    const absl::StatusOr<double> error = ComputeGradientError(root, tables, values, {rows});
    ASSERT_TRUE(error.ok()) << error.status();
    EXPECT_LT(*error, 1e-6) << partitions << " partitions";
  }
}

TEST(EmbeddingLookupTest, BuildErrors) {
  Scope root = Scope::NewRootScope();
  ops::embedding_lookup(root, {ops::Const(root, {{1.f}}), ops::Const(root, {{2.f}})},
                        ops::Const(root, {0}), "stripes");
  EXPECT_TRUE(absl::StrContains(root.status().message(), "Unrecognized partition strategy: stripes"))
      << root.status();
  Scope other = Scope::NewRootScope();
  ops::embedding_lookup(other, ops::Const(other, {{1.f}}), ops::Const(other, {0.5f}));
  EXPECT_TRUE(absl::StrContains(other.status().message(), "ids must be an int32 or int64"))
      << other.status();
}

}  // namespace
}  // namespace rill
