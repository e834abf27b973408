// Tests of the client's graph-level seed: TensorFlow 1.x's four cases of get_seed with the
// node count as the op seed, seeds kept per graph, and replacing a seed.
#include "ops/random/random_seed.h"

#include <cstdint>
#include <optional>
#include <utility>

#include "core/client/const_op.h"
#include "core/client/scope.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using Seeds = std::pair<int64_t, int64_t>;

TEST(RandomSeedTest, WithoutAGraphSeed) {
  const Scope root = Scope::NewRootScope();
  EXPECT_EQ(ops::graph_random_seed(root), std::nullopt);
  EXPECT_EQ(ops::get_seed(root, std::nullopt), Seeds(0, 0));
  EXPECT_EQ(ops::get_seed(root, 2), Seeds(87654321, 2));
}

TEST(RandomSeedTest, GraphSeedUsesTheNodeCount) {
  const Scope root = Scope::NewRootScope();
  ops::set_random_seed(root, 2);
  EXPECT_EQ(ops::graph_random_seed(root), 2);
  EXPECT_EQ(ops::get_seed(root, std::nullopt), Seeds(2, 0));
  for (int i = 0; i < 3; ++i) ops::Const(root, i);
  EXPECT_EQ(ops::get_seed(root, std::nullopt), Seeds(2, 3));
  EXPECT_EQ(ops::get_seed(root, 5), Seeds(2, 5));
  // Sub-scopes share the graph, and so its seed.
  EXPECT_EQ(ops::get_seed(root.NewSubScope("inner"), std::nullopt), Seeds(2, 3));
}

TEST(RandomSeedTest, SeedsBelongToTheirGraph) {
  const Scope seeded = Scope::NewRootScope();
  const Scope other = Scope::NewRootScope();
  ops::set_random_seed(seeded, 7);
  EXPECT_EQ(ops::graph_random_seed(other), std::nullopt);
  ops::set_random_seed(seeded, 8);
  EXPECT_EQ(ops::graph_random_seed(seeded), 8);
}

TEST(RandomSeedTest, ANewGraphStartsWithoutASeed) {
  for (int i = 0; i < 3; ++i) {
    const Scope root = Scope::NewRootScope();
    EXPECT_EQ(ops::graph_random_seed(root), std::nullopt);
    ops::set_random_seed(root, i + 1);
  }
}

TEST(RandomSeedTest, ZeroSeedsAvoidTheNondeterministicPair) {
  const Scope root = Scope::NewRootScope();
  ops::set_random_seed(root, 0);
  EXPECT_EQ(ops::get_seed(root, 0), Seeds(0, 2147483647));
  EXPECT_EQ(ops::get_seed(root, -1), Seeds(0, 2147483646));
}

}  // namespace
}  // namespace rill
