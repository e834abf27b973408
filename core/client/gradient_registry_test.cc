// Tests of the gradient registry: static registration and lookup, forwarding gradients, and
// capture mode's all-or-nothing commit with duplicate detection.
#include "core/client/gradient_registry.h"

#include <algorithm>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/strings/match.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

absl::Status NoGradients(const Scope& scope, const Operation& op,
                         const std::vector<Output>& grad_inputs,
                         std::vector<Gradient>* grad_outputs) {
  grad_outputs->resize(op.num_inputs());
  return absl::OkStatus();
}

REGISTER_GRADIENT("RegistryTestOp", NoGradients);
REGISTER_FORWARDING_GRADIENT("RegistryTestForwardingOp");

TEST(GradientRegistryTest, StaticRegistrationsAreFound) {
  const GradientRegistration* registration =
      GradientRegistry::Global()->LookUp("RegistryTestOp");
  ASSERT_NE(registration, nullptr);
  EXPECT_TRUE(registration->function != nullptr);
  EXPECT_FALSE(registration->forwards_sparse);

  const GradientRegistration* forwarding =
      GradientRegistry::Global()->LookUp("RegistryTestForwardingOp");
  ASSERT_NE(forwarding, nullptr);
  EXPECT_TRUE(forwarding->forwards_sparse);
  EXPECT_TRUE(forwarding->function == nullptr);

  EXPECT_EQ(GradientRegistry::Global()->LookUp("NoSuchOp"), nullptr);
  const std::vector<std::string> types = GradientRegistry::Global()->ListOpTypes();
  EXPECT_NE(std::find(types.begin(), types.end(), "RegistryTestOp"), types.end());
}

TEST(GradientRegistryTest, CaptureCommitsAllOrNothing) {
  GradientRegistry registry;
  registry.BeginCapture();
  registry.Register("A", {NoGradients});
  registry.Register("B", {NoGradients});
  GradientRegistry::Captured captured = registry.EndCapture();
  EXPECT_TRUE(captured.status.ok()) << captured.status;
  EXPECT_EQ(captured.op_types, (std::vector<std::string>{"A", "B"}));
  EXPECT_NE(registry.LookUp("A"), nullptr);

  // A duplicate of a committed registration fails the whole capture.
  registry.BeginCapture();
  registry.Register("C", {NoGradients});
  registry.Register("A", {NoGradients});
  EXPECT_EQ(registry.PendingCaptureStatus().code(), absl::StatusCode::kAlreadyExists);
  captured = registry.EndCapture();
  EXPECT_EQ(captured.status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_TRUE(absl::StrContains(captured.status.message(), "Gradient for op type A"))
      << captured.status;
  EXPECT_EQ(registry.LookUp("C"), nullptr);

  // So does a duplicate within one capture; and commit = false discards a valid one.
  registry.BeginCapture();
  registry.Register("D", {NoGradients});
  registry.Register("D", {NoGradients});
  EXPECT_EQ(registry.EndCapture().status.code(), absl::StatusCode::kAlreadyExists);
  registry.BeginCapture();
  registry.Register("E", {NoGradients});
  EXPECT_TRUE(registry.EndCapture(/*commit=*/false).status.ok());
  EXPECT_EQ(registry.LookUp("D"), nullptr);
  EXPECT_EQ(registry.LookUp("E"), nullptr);
}

}  // namespace
}  // namespace rill
