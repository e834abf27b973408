// Walks the op registry with every op library and every gradient library linked in: each op
// declares Differentiable() or NoGradient(), and the gradient registry agrees with it.
#include <string>
#include <vector>

#include "core/client/gradient_registry.h"
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

TEST(GradientDeclarationTest, DifferentiableOpsAndOnlyThoseHaveGradients) {
  std::vector<std::string> missing;
  std::vector<std::string> unexpected;
  for (const std::string& name : OpRegistry::Global()->ListOpNames()) {
    const GradientDeclaration declaration = (*OpRegistry::Global()->LookUp(name))->gradient;
    const bool registered = GradientRegistry::Global()->LookUp(name) != nullptr;
    if (declaration == GradientDeclaration::kDifferentiable && !registered) {
      missing.push_back(name);
    }
    if (declaration == GradientDeclaration::kNoGradient && registered) unexpected.push_back(name);
  }
  EXPECT_TRUE(missing.empty()) << "Differentiable ops without a registered gradient: "
                               << ::testing::PrintToString(missing);
  EXPECT_TRUE(unexpected.empty()) << "NoGradient ops with a registered gradient: "
                                  << ::testing::PrintToString(unexpected);
  for (const std::string& name : GradientRegistry::Global()->ListOpTypes()) {
    EXPECT_TRUE(OpRegistry::Global()->LookUp(name).ok())
        << "a gradient is registered for " << name << ", which is not an op";
  }
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
