// Tests for DeviceNameUtils: parsing every accepted form, rejecting malformed names,
// printing, specification matching, merging and canonicalization.
#include "core/framework/device_name_utils.h"

#include <string>

#include "core/framework/errors.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using ParsedName = DeviceNameUtils::ParsedName;

ParsedName Parse(const std::string& name) {
  absl::StatusOr<ParsedName> parsed = DeviceNameUtils::ParseFullName(name);
  EXPECT_TRUE(parsed.ok()) << name << ": " << parsed.status();
  return parsed.ok() ? *parsed : ParsedName();
}

TEST(DeviceNameUtilsTest, FullName) {
  EXPECT_EQ(DeviceNameUtils::FullName("localhost", 0, 0, "CPU", 0),
            "/job:localhost/replica:0/task:0/device:CPU:0");
  EXPECT_EQ(DeviceNameUtils::FullName("worker", 2, 7, "GPU", 3),
            "/job:worker/replica:2/task:7/device:GPU:3");
}

TEST(DeviceNameUtilsTest, ParsesFullName) {
  ParsedName name = Parse("/job:localhost/replica:1/task:2/device:GPU:3");
  EXPECT_TRUE(name.has_job);
  EXPECT_EQ(name.job, "localhost");
  EXPECT_TRUE(name.has_replica);
  EXPECT_EQ(name.replica, 1);
  EXPECT_TRUE(name.has_task);
  EXPECT_EQ(name.task, 2);
  EXPECT_TRUE(name.has_type);
  EXPECT_EQ(name.type, "GPU");
  EXPECT_TRUE(name.has_id);
  EXPECT_EQ(name.id, 3);
  EXPECT_TRUE(DeviceNameUtils::IsFullySpecified(name));
}

TEST(DeviceNameUtilsTest, ParsesLegacyShortNames) {
  ParsedName cpu = Parse("/cpu:0");
  EXPECT_FALSE(cpu.has_job || cpu.has_replica || cpu.has_task);
  EXPECT_TRUE(cpu.has_type);
  EXPECT_EQ(cpu.type, "CPU");
  EXPECT_TRUE(cpu.has_id);
  EXPECT_EQ(cpu.id, 0);

  ParsedName gpu = Parse("/gpu:2");
  EXPECT_EQ(gpu.type, "GPU");
  EXPECT_EQ(gpu.id, 2);

  ParsedName upper = Parse("/GPU:1");
  EXPECT_EQ(upper.type, "GPU");
  EXPECT_EQ(upper.id, 1);
}

TEST(DeviceNameUtilsTest, ParsesDeviceOnlyAndLocalNames) {
  ParsedName device = Parse("/device:GPU:1");
  EXPECT_FALSE(device.has_job);
  EXPECT_EQ(device.type, "GPU");
  EXPECT_EQ(device.id, 1);

  ParsedName lower = Parse("/device:cpu:4");
  EXPECT_EQ(lower.type, "CPU");
  EXPECT_EQ(lower.id, 4);

  ParsedName local = Parse("CPU:0");
  EXPECT_FALSE(local.has_job);
  EXPECT_TRUE(local.has_type);
  EXPECT_EQ(local.type, "CPU");
  EXPECT_TRUE(local.has_id);
  EXPECT_EQ(local.id, 0);

  ParsedName other_type = Parse("/device:XLA_CPU:0");
  EXPECT_EQ(other_type.type, "XLA_CPU");
}

TEST(DeviceNameUtilsTest, ParsesPartialNames) {
  ParsedName task = Parse("/job:worker/task:1");
  EXPECT_TRUE(task.has_job);
  EXPECT_EQ(task.job, "worker");
  EXPECT_FALSE(task.has_replica);
  EXPECT_TRUE(task.has_task);
  EXPECT_EQ(task.task, 1);
  EXPECT_FALSE(task.has_type);
  EXPECT_FALSE(task.has_id);

  ParsedName type_only = Parse("/device:GPU");
  EXPECT_TRUE(type_only.has_type);
  EXPECT_FALSE(type_only.has_id);

  ParsedName legacy_after_job = Parse("/job:ps/replica:0/task:3/cpu:1");
  EXPECT_EQ(legacy_after_job.job, "ps");
  EXPECT_EQ(legacy_after_job.task, 3);
  EXPECT_EQ(legacy_after_job.type, "CPU");
  EXPECT_EQ(legacy_after_job.id, 1);
}

TEST(DeviceNameUtilsTest, ParsesEmptyAsNothingSpecified) {
  ParsedName empty = Parse("");
  EXPECT_FALSE(DeviceNameUtils::HasSomeDetails(empty));
  EXPECT_EQ(empty, ParsedName());
}

TEST(DeviceNameUtilsTest, WildcardsLeaveFieldsUnset) {
  ParsedName name = Parse("/job:*/replica:*/task:*/device:GPU:*");
  EXPECT_FALSE(name.has_job);
  EXPECT_FALSE(name.has_replica);
  EXPECT_FALSE(name.has_task);
  EXPECT_TRUE(name.has_type);
  EXPECT_EQ(name.type, "GPU");
  EXPECT_FALSE(name.has_id);

  ParsedName any_type = Parse("/device:*:2");
  EXPECT_FALSE(any_type.has_type);
  EXPECT_TRUE(any_type.has_id);
  EXPECT_EQ(any_type.id, 2);

  ParsedName legacy = Parse("/gpu:*");
  EXPECT_EQ(legacy.type, "GPU");
  EXPECT_FALSE(legacy.has_id);
}

TEST(DeviceNameUtilsTest, RejectsMalformedNamesNamingThem) {
  for (const char* bad : {"/job:", "/job:1abc", "/job:a b", "/replica:x", "/task:-1",
                          "/device:GPU:x", "/device:", "/cpu", "/cpu:0/gpu:1", "/job:a/job:b",
                          "/task:1/task:2", "CPU", "junk", "/job:a/", "/device:CPU:0:1",
                          "/replica:99999999999999999999"}) {
    absl::StatusOr<ParsedName> parsed = DeviceNameUtils::ParseFullName(bad);
    ASSERT_FALSE(parsed.ok()) << bad;
    EXPECT_TRUE(errors::IsInvalidArgument(parsed.status())) << bad;
    EXPECT_NE(parsed.status().message().find(std::string("'") + bad + "'"), std::string::npos)
        << parsed.status();
  }
}

TEST(DeviceNameUtilsTest, ParsedNameToString) {
  EXPECT_EQ(DeviceNameUtils::ParsedNameToString(Parse("/cpu:0")), "/device:CPU:0");
  EXPECT_EQ(DeviceNameUtils::ParsedNameToString(Parse("/job:w/task:1")), "/job:w/task:1");
  EXPECT_EQ(DeviceNameUtils::ParsedNameToString(Parse("/gpu:*")), "/device:GPU:*");
  EXPECT_EQ(DeviceNameUtils::ParsedNameToString(Parse("/device:*:3")), "/device:*:3");
  EXPECT_EQ(DeviceNameUtils::ParsedNameToString(Parse("")), "");
  EXPECT_EQ(DeviceNameUtils::ParsedNameToString(
                Parse("/job:localhost/replica:0/task:0/device:CPU:0")),
            "/job:localhost/replica:0/task:0/device:CPU:0");
}

TEST(DeviceNameUtilsTest, IsSpecification) {
  const ParsedName gpu3 = Parse("/job:a/replica:0/task:1/device:GPU:3");
  EXPECT_TRUE(DeviceNameUtils::IsSpecification(Parse(""), gpu3));
  EXPECT_TRUE(DeviceNameUtils::IsSpecification(Parse("/gpu:*"), gpu3));
  EXPECT_TRUE(DeviceNameUtils::IsSpecification(Parse("/gpu:3"), gpu3));
  EXPECT_TRUE(DeviceNameUtils::IsSpecification(Parse("/job:a/task:1"), gpu3));
  EXPECT_FALSE(DeviceNameUtils::IsSpecification(Parse("/gpu:2"), gpu3));
  EXPECT_FALSE(DeviceNameUtils::IsSpecification(Parse("/cpu:3"), gpu3));
  EXPECT_FALSE(DeviceNameUtils::IsSpecification(Parse("/job:b"), gpu3));
  EXPECT_FALSE(DeviceNameUtils::IsSpecification(Parse("/replica:1"), gpu3));
  // A field the pattern sets but the name leaves open is not matched.
  EXPECT_FALSE(DeviceNameUtils::IsSpecification(Parse("/gpu:3"), Parse("/gpu:*")));
}

TEST(DeviceNameUtilsTest, IsCompleteSpecification) {
  EXPECT_TRUE(DeviceNameUtils::IsCompleteSpecification(
      Parse("/cpu:0"), Parse("/job:localhost/replica:0/task:0/device:CPU:0")));
  EXPECT_FALSE(DeviceNameUtils::IsCompleteSpecification(
      Parse("/cpu:1"), Parse("/job:localhost/replica:0/task:0/device:CPU:0")));
  EXPECT_FALSE(DeviceNameUtils::IsCompleteSpecification(Parse("/cpu:0"), Parse("/cpu:0")));
}

TEST(DeviceNameUtilsTest, AreCompatibleDevNames) {
  EXPECT_TRUE(DeviceNameUtils::AreCompatibleDevNames(Parse("/job:a"), Parse("/gpu:1")));
  EXPECT_TRUE(DeviceNameUtils::AreCompatibleDevNames(Parse("/gpu:1"), Parse("/gpu:*")));
  EXPECT_FALSE(DeviceNameUtils::AreCompatibleDevNames(Parse("/gpu:1"), Parse("/gpu:0")));
  EXPECT_FALSE(DeviceNameUtils::AreCompatibleDevNames(Parse("/job:a"), Parse("/job:b")));
}

TEST(DeviceNameUtilsTest, MergeDevNamesFillsUnsetParts) {
  ParsedName target = Parse("/job:a/task:2");
  ASSERT_TRUE(DeviceNameUtils::MergeDevNames(&target, Parse("/replica:1/gpu:3")).ok());
  EXPECT_EQ(DeviceNameUtils::ParsedNameToString(target),
            "/job:a/replica:1/task:2/device:GPU:3");

  ParsedName same = Parse("/gpu:1");
  ASSERT_TRUE(DeviceNameUtils::MergeDevNames(&same, Parse("/gpu:1")).ok());
  EXPECT_EQ(DeviceNameUtils::ParsedNameToString(same), "/device:GPU:1");
}

TEST(DeviceNameUtilsTest, MergeDevNamesRejectsConflicts) {
  ParsedName jobs = Parse("/job:a");
  absl::Status status = DeviceNameUtils::MergeDevNames(&jobs, Parse("/job:b"));
  EXPECT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_EQ(status.message(), "Cannot merge devices with incompatible jobs: '/job:a' and '/job:b'");

  ParsedName types = Parse("/gpu:0");
  status = DeviceNameUtils::MergeDevNames(&types, Parse("/cpu:0"));
  EXPECT_EQ(status.message(),
            "Cannot merge devices with incompatible types: '/device:GPU:0' and '/device:CPU:0'");

  ParsedName ids = Parse("/gpu:0");
  status = DeviceNameUtils::MergeDevNames(&ids, Parse("/gpu:1"));
  EXPECT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_NE(status.message().find("incompatible ids"), std::string::npos);
}

TEST(DeviceNameUtilsTest, MergeDevNamesWithSoftPlacementDropsTypeAndId) {
  ParsedName target = Parse("/job:a/gpu:0");
  ASSERT_TRUE(DeviceNameUtils::MergeDevNames(&target, Parse("/task:1/cpu:0"),
                                             /*allow_soft_placement=*/true)
                  .ok());
  EXPECT_EQ(DeviceNameUtils::ParsedNameToString(target), "/job:a/task:1");

  ParsedName jobs = Parse("/job:a");
  EXPECT_FALSE(DeviceNameUtils::MergeDevNames(&jobs, Parse("/job:b"), true).ok());
}

TEST(DeviceNameUtilsTest, CanonicalizeDeviceName) {
  const std::string host = "/job:localhost/replica:0/task:0/device:CPU:0";
  EXPECT_EQ(*DeviceNameUtils::CanonicalizeDeviceName("/gpu:1", host),
            "/job:localhost/replica:0/task:0/device:GPU:1");
  EXPECT_EQ(*DeviceNameUtils::CanonicalizeDeviceName("CPU:0", host), host);
  EXPECT_EQ(*DeviceNameUtils::CanonicalizeDeviceName("", host), host);
  EXPECT_EQ(*DeviceNameUtils::CanonicalizeDeviceName("/job:worker/task:3", host),
            "/job:worker/replica:0/task:3/device:CPU:0");
  EXPECT_TRUE(errors::IsInvalidArgument(
      DeviceNameUtils::CanonicalizeDeviceName("/gpu:x", host).status()));
  EXPECT_TRUE(errors::IsInvalidArgument(
      DeviceNameUtils::CanonicalizeDeviceName("/gpu:0", "/cpu:0").status()));
}

TEST(DeviceNameUtilsTest, LocalAndLegacyNames) {
  EXPECT_EQ(DeviceNameUtils::LocalName("CPU", 0), "/device:CPU:0");
  EXPECT_EQ(DeviceNameUtils::LocalName("GPU", 2), "/device:GPU:2");
  EXPECT_EQ(DeviceNameUtils::LegacyName("CPU", 0), "/cpu:0");
  EXPECT_EQ(DeviceNameUtils::LegacyName("GPU", 2), "/gpu:2");
}

}  // namespace
}  // namespace rill
