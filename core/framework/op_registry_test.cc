// Tests for OpRegistry: static REGISTER_OP, lookups and their hints, OpList export, loud
// failures outside capture, and capture mode's all-or-nothing commits.
#include "core/framework/op_registry.h"

#include <string>
#include <thread>
#include <vector>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "core/framework/types.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

REGISTER_OP("RegistryTestStaticOp").Input("x: float").Output("y: float").Doc("A test op.");

TEST(OpRegistryTest, StaticRegistrationReachesTheGlobalRegistry) {
  absl::StatusOr<const OpRegistrationData*> data =
      OpRegistry::Global()->LookUp("RegistryTestStaticOp");
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ((*data)->op_def.name(), "RegistryTestStaticOp");
  EXPECT_EQ((*data)->op_def.input_arg(0).type(), DT_FLOAT);
  EXPECT_EQ((*data)->op_def.summary(), "A test op.");
}

TEST(OpRegistryTest, LookUpMissingOpIsNotFoundWithHint) {
  OpRegistry registry;
  absl::StatusOr<const OpRegistrationData*> missing = registry.LookUp("Frobnicate");
  EXPECT_TRUE(errors::IsNotFound(missing.status()));
  EXPECT_TRUE(absl::StrContains(missing.status().message(),
                                "Op type not registered 'Frobnicate'"));
  EXPECT_TRUE(absl::StrContains(missing.status().message(), "alwayslink"));

  registry.RegisterOpProvider("Frobnicate", "//ops/frob:frob_ops");
  missing = registry.LookUp("Frobnicate");
  EXPECT_TRUE(absl::StrContains(missing.status().message(),
                                "It is defined by //ops/frob:frob_ops"))
      << missing.status();

  absl::StatusOr<const tensorflow::OpDef*> op_def = registry.LookUpOpDef("Frobnicate");
  EXPECT_TRUE(errors::IsNotFound(op_def.status()));
}

TEST(OpRegistryTest, OpListAndNamesAreSorted) {
  OpRegistry registry;
  registry.Register(OpDefBuilder("Zeta"));
  registry.Register(OpDefBuilder("Alpha").Attr("T: type"));
  registry.Register(OpDefBuilder("Mid"));
  const tensorflow::OpList op_list = registry.GetOpList();
  ASSERT_EQ(op_list.op_size(), 3);
  EXPECT_EQ(op_list.op(0).name(), "Alpha");
  EXPECT_EQ(op_list.op(0).attr(0).name(), "T");
  EXPECT_EQ(op_list.op(1).name(), "Mid");
  EXPECT_EQ(op_list.op(2).name(), "Zeta");
  EXPECT_EQ(registry.ListOpNames(), (std::vector<std::string>{"Alpha", "Mid", "Zeta"}));
}

TEST(OpRegistryDeathTest, DuplicateOutsideCaptureAborts) {
  EXPECT_DEATH(
      {
        OpRegistry registry;
        registry.Register(OpDefBuilder("Twice"));
        registry.Register(OpDefBuilder("Twice"));
      },
      "Op 'Twice' is already registered");
}

TEST(OpRegistryDeathTest, MalformedSpecOutsideCaptureAborts) {
  EXPECT_DEATH(
      {
        OpRegistry registry;
        registry.Register(OpDefBuilder("Broken").Input("x: notatype"));
      },
      "registering op 'Broken'.*Bad Input\\(\"x: notatype\"\\)");
}

TEST(OpRegistryTest, SuccessfulCaptureCommitsEverything) {
  OpRegistry registry;
  registry.BeginCapture();
  registry.Register(OpDefBuilder("PluginA"));
  registry.Register(OpDefBuilder("PluginB"));
  EXPECT_TRUE(errors::IsNotFound(registry.LookUp("PluginA").status()));  // Held back.
  const OpRegistry::Captured captured = registry.EndCapture();
  EXPECT_TRUE(captured.status.ok()) << captured.status;
  EXPECT_EQ(captured.names, (std::vector<std::string>{"PluginA", "PluginB"}));
  EXPECT_TRUE(registry.LookUp("PluginA").ok());
  EXPECT_TRUE(registry.LookUp("PluginB").ok());
}

TEST(OpRegistryTest, FailedCaptureCommitsNothing) {
  OpRegistry registry;
  registry.BeginCapture();
  registry.Register(OpDefBuilder("GoodOne"));
  registry.Register(OpDefBuilder("BadOne").Attr("k: int = nope"));
  registry.Register(OpDefBuilder("AfterBad"));
  const OpRegistry::Captured captured = registry.EndCapture();
  EXPECT_TRUE(errors::IsInvalidArgument(captured.status)) << captured.status;
  EXPECT_TRUE(absl::StrContains(captured.status.message(),
                                "Bad Attr(\"k: int = nope\") for Op BadOne"))
      << captured.status;
  EXPECT_EQ(captured.names, (std::vector<std::string>{"GoodOne", "BadOne", "AfterBad"}));
  EXPECT_TRUE(registry.ListOpNames().empty());
}

TEST(OpRegistryTest, CaptureReportsDuplicatesAsAlreadyExists) {
  OpRegistry registry;
  registry.Register(OpDefBuilder("Existing"));

  registry.BeginCapture();
  registry.Register(OpDefBuilder("Fresh"));
  registry.Register(OpDefBuilder("Existing"));
  OpRegistry::Captured captured = registry.EndCapture();
  EXPECT_TRUE(errors::IsAlreadyExists(captured.status)) << captured.status;
  EXPECT_TRUE(absl::StrContains(captured.status.message(), "'Existing'"));
  EXPECT_EQ(registry.ListOpNames(), (std::vector<std::string>{"Existing"}));

  registry.BeginCapture();
  registry.Register(OpDefBuilder("Dup"));
  registry.Register(OpDefBuilder("Dup"));
  captured = registry.EndCapture();
  EXPECT_TRUE(errors::IsAlreadyExists(captured.status)) << captured.status;
  EXPECT_TRUE(absl::StrContains(captured.status.message(), "'Dup'"));
  EXPECT_EQ(registry.ListOpNames(), (std::vector<std::string>{"Existing"}));

  // After a failed capture the registry works normally again.
  registry.Register(OpDefBuilder("Later"));
  EXPECT_EQ(registry.ListOpNames(), (std::vector<std::string>{"Existing", "Later"}));
}

TEST(OpRegistryTest, OtherThreadsRegisterDirectlyDuringCapture) {
  OpRegistry registry;
  registry.BeginCapture();
  std::thread other([&registry] { registry.Register(OpDefBuilder("FromOtherThread")); });
  other.join();
  EXPECT_TRUE(registry.LookUp("FromOtherThread").ok());
  registry.Register(OpDefBuilder("Captured"));
  const OpRegistry::Captured captured = registry.EndCapture();
  EXPECT_TRUE(captured.status.ok());
  EXPECT_EQ(captured.names, (std::vector<std::string>{"Captured"}));
}

TEST(OpRegistryTest, ConcurrentRegistrationAndLookUp) {
  OpRegistry registry;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&registry, t] {
      for (int i = 0; i < 50; ++i) {
        const std::string name = absl::StrCat("Op", t, "x", i);
        registry.Register(OpDefBuilder(name));
        EXPECT_TRUE(registry.LookUp(name).ok());
        registry.GetOpList();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(registry.ListOpNames().size(), 200u);
}

TEST(OpRegistryTest, OpListOpRegistryServesTheList) {
  tensorflow::OpList op_list;
  op_list.add_op()->set_name("FromList");
  const OpListOpRegistry registry(op_list);
  absl::StatusOr<const tensorflow::OpDef*> op_def = registry.LookUpOpDef("FromList");
  ASSERT_TRUE(op_def.ok());
  EXPECT_EQ((*op_def)->name(), "FromList");
  EXPECT_TRUE(errors::IsNotFound(registry.LookUp("Other").status()));
}

}  // namespace
}  // namespace rill
