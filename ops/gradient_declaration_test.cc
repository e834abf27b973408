// Walks the op registry with every op library linked in and fails for any op that neither
// declares itself Differentiable() nor NoGradient(), so no op's gradient is forgotten.
#include <string>
#include <vector>

#include "core/framework/op_registry.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(GradientDeclarationTest, EveryRegisteredOpDeclaresItsGradient) {
  const std::vector<std::string> names = OpRegistry::Global()->ListOpNames();
  ASSERT_FALSE(names.empty());
  std::vector<std::string> undeclared;
  for (const std::string& name : names) {
    absl::StatusOr<const OpRegistrationData*> data = OpRegistry::Global()->LookUp(name);
    ASSERT_TRUE(data.ok()) << data.status();
    if ((*data)->gradient == GradientDeclaration::kUndeclared) undeclared.push_back(name);
  }
  EXPECT_TRUE(undeclared.empty())
      << "ops without .Differentiable() or .NoGradient(): " << ::testing::PrintToString(undeclared);
}

TEST(GradientDeclarationTest, KnownOpsHaveTheExpectedDeclaration) {
  const auto declaration = [](const std::string& name) {
    return (*OpRegistry::Global()->LookUp(name))->gradient;
  };
  EXPECT_EQ(declaration("Add"), GradientDeclaration::kDifferentiable);
  EXPECT_EQ(declaration("Identity"), GradientDeclaration::kDifferentiable);
  EXPECT_EQ(declaration("Placeholder"), GradientDeclaration::kNoGradient);
  EXPECT_EQ(declaration("NoOp"), GradientDeclaration::kNoGradient);
}

}  // namespace
}  // namespace rill
