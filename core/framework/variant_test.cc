// Tests for Variant: holding, copying, type names and printing.
#include "core/framework/variant.h"

#include <string>
#include <vector>

#include "gtest/gtest.h"

namespace rill {
namespace {

struct Named {
  int value = 0;
  std::string TypeName() const { return "Named"; }
  std::string DebugString() const { return "value=" + std::to_string(value); }
};

struct Plain {};

TEST(VariantTest, DefaultIsEmpty) {
  Variant v;
  EXPECT_TRUE(v.is_empty());
  EXPECT_EQ(v.TypeName(), "");
  EXPECT_EQ(v.get<int>(), nullptr);
  EXPECT_EQ(v.DebugString(), "Variant<empty>");
}

TEST(VariantTest, HoldsAndGetsByType) {
  Variant v = 42;
  ASSERT_NE(v.get<int>(), nullptr);
  EXPECT_EQ(*v.get<int>(), 42);
  EXPECT_EQ(v.get<float>(), nullptr);
  EXPECT_EQ(v.TypeName(), "int");
  *v.get<int>() = 7;
  EXPECT_EQ(*v.get<int>(), 7);
}

TEST(VariantTest, CopyIsDeep) {
  Variant a = std::vector<int>{1, 2, 3};
  Variant b = a;
  b.get<std::vector<int>>()->push_back(4);
  EXPECT_EQ(a.get<std::vector<int>>()->size(), 3u);
  EXPECT_EQ(b.get<std::vector<int>>()->size(), 4u);

  Variant moved = std::move(b);
  EXPECT_EQ(moved.get<std::vector<int>>()->size(), 4u);

  a = moved;
  EXPECT_EQ(a.get<std::vector<int>>()->size(), 4u);
}

TEST(VariantTest, UsesTheValuesOwnNameAndDebugString) {
  Variant v = Named{5};
  EXPECT_EQ(v.TypeName(), "Named");
  EXPECT_EQ(v.DebugString(), "Variant<type: Named value: value=5>");
  Variant plain = Plain{};
  EXPECT_EQ(plain.TypeName(), "rill::(anonymous namespace)::Plain");
  EXPECT_EQ(plain.DebugString(), "Variant<type: rill::(anonymous namespace)::Plain>");
}

}  // namespace
}  // namespace rill
