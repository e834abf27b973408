// Tests the GPU probe: enumeration never fails, and the nvcc-built kernel adds correctly on
// the first GPU. Skips (never fails) on machines without a GPU.
#include "tools/gpu/gpu_probe.h"

#include "gtest/gtest.h"

namespace rill {
namespace {

TEST(GpuProbeTest, AddsVectorsOnFirstGpu) {
  const std::vector<GpuDescription> gpus = ListGpus();
  if (gpus.empty()) GTEST_SKIP() << "no GPU visible";
  EXPECT_FALSE(gpus[0].name.empty());
  EXPECT_GT(gpus[0].total_memory_bytes, 0);
  std::vector<float> a = {1.f, 2.f, 3.f, -4.f};
  std::vector<float> b = {10.f, 20.f, 30.f, 0.5f};
  std::vector<float> sum;
  std::string error;
  ASSERT_TRUE(AddVectorsOnGpu(0, a, b, &sum, &error)) << error;
  EXPECT_EQ(sum, (std::vector<float>{11.f, 22.f, 33.f, -3.5f}));
}

TEST(GpuProbeTest, MismatchedLengthsAreAnError) {
  std::vector<float> sum;
  std::string error;
  EXPECT_FALSE(AddVectorsOnGpu(0, {1.f}, {1.f, 2.f}, &sum, &error));
  EXPECT_EQ(error, "inputs differ in length");
}

}  // namespace
}  // namespace rill
