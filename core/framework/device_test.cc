// Tests for CpuDevice, DeviceMgr (lookup by full and short names), the DeviceFactory
// registry, and resource handles addressed through a device.
#include "core/framework/device.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/framework/allocator.h"
#include "core/framework/cpu_device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/thread_pool.h"
#include "gtest/gtest.h"
#include "unsupported/Eigen/CXX11/Tensor"

namespace rill {
namespace {

constexpr char kCpu0[] = "/job:localhost/replica:0/task:0/device:CPU:0";
constexpr char kCpu1[] = "/job:localhost/replica:0/task:0/device:CPU:1";

// TestDevice is a device of type "TESTDEV" that borrows the CPU's allocator and a pool.
class TestDevice : public Device {
 public:
  TestDevice(int index, ThreadPool* pool)
      : Device(DeviceAttributes{DeviceNameUtils::FullName("localhost", 0, 0, "TESTDEV", index),
                                "TESTDEV", 1024, "test"}) {
    SetIntraOpThreadPool(pool);
  }
  Allocator* GetAllocator() override { return CpuAllocator(); }
};

ThreadPool* SharedTestPool() {
  static ThreadPool* const pool = new ThreadPool("testdev", 1);
  return pool;
}

// TestDeviceFactory makes two TESTDEV devices by default; `tag` tells factories apart.
class TestDeviceFactory : public DeviceFactory {
 public:
  absl::Status CreateDevices(int intra_op_threads, int num_devices,
                             std::vector<std::unique_ptr<Device>>* devices) override {
    const int count = num_devices < 0 ? 2 : std::min(num_devices, 2);
    for (int i = 0; i < count; ++i) {
      devices->push_back(std::make_unique<TestDevice>(i, SharedTestPool()));
    }
    return absl::OkStatus();
  }
};

// LowPriorityFactory must lose to TestDeviceFactory; it fails if ever used.
class LowPriorityFactory : public DeviceFactory {
 public:
  absl::Status CreateDevices(int, int, std::vector<std::unique_ptr<Device>>*) override {
    return errors::Internal("the lower-priority factory was used");
  }
};

REGISTER_LOCAL_DEVICE_FACTORY("TESTDEV", LowPriorityFactory, 5);
REGISTER_LOCAL_DEVICE_FACTORY("TESTDEV", TestDeviceFactory, 10);

// Marker is a resource for the handle tests.
class Marker : public ResourceBase {
 public:
  std::string DebugString() const override { return "marker"; }
};

TEST(CpuDeviceTest, NameTypeAndAttributes) {
  std::unique_ptr<CpuDevice> cpu = CpuDevice::Create(/*intra_op_threads=*/2);
  EXPECT_EQ(cpu->name(), kCpu0);
  EXPECT_EQ(cpu->device_type(), DEVICE_CPU);
  EXPECT_EQ(cpu->attributes().name, kCpu0);
  EXPECT_EQ(cpu->attributes().device_type, "CPU");
  EXPECT_GT(cpu->attributes().memory_limit, 0);
  EXPECT_EQ(cpu->parsed_name().job, "localhost");
  EXPECT_EQ(cpu->parsed_name().type, "CPU");
  EXPECT_EQ(cpu->parsed_name().id, 0);
  EXPECT_EQ(cpu->DebugString(), std::string(kCpu0) + " (CPU)");
  EXPECT_EQ(CpuDevice::Create(1, 3)->name(), "/job:localhost/replica:0/task:0/device:CPU:3");
}

TEST(CpuDeviceTest, AllocatorPoolsAndResourceManager) {
  std::unique_ptr<CpuDevice> cpu = CpuDevice::Create(3);
  EXPECT_EQ(cpu->GetAllocator(), CpuAllocator());
  ASSERT_NE(cpu->intra_op_thread_pool(), nullptr);
  EXPECT_EQ(cpu->intra_op_thread_pool()->NumThreads(), 3);
  ASSERT_NE(cpu->eigen_cpu_device(), nullptr);
  EXPECT_EQ(cpu->eigen_cpu_device()->numThreads(), 3);
  ASSERT_NE(cpu->resource_manager(), nullptr);
  EXPECT_EQ(cpu->resource_manager()->default_container(), "localhost");
  EXPECT_TRUE(cpu->Sync().ok());

  Eigen::Tensor<float, 1> a(3), out(3);
  a.setValues({1.f, 2.f, 3.f});
  out.device(*cpu->eigen_cpu_device()) = a * 2.f;
  EXPECT_EQ(out(0), 2.f);
  EXPECT_EQ(out(1), 4.f);
  EXPECT_EQ(out(2), 6.f);
}

TEST(CpuDeviceTest, ZeroThreadsMeansEveryCore) {
  std::unique_ptr<CpuDevice> cpu = CpuDevice::Create(0);
  EXPECT_EQ(cpu->intra_op_thread_pool()->NumThreads(), NumSchedulableCpus());
  EXPECT_GE(NumSchedulableCpus(), 1);
}

DeviceMgr TwoCpus() {
  std::vector<std::unique_ptr<Device>> devices;
  devices.push_back(CpuDevice::Create(1, 0));
  devices.push_back(CpuDevice::Create(1, 1));
  return DeviceMgr(std::move(devices));
}

TEST(DeviceMgrTest, LookupByFullAndShortNames) {
  std::vector<std::unique_ptr<Device>> devices;
  devices.push_back(CpuDevice::Create(1, 0));
  DeviceMgr mgr(std::move(devices));
  for (const char* name : {kCpu0, "/cpu:0", "/CPU:0", "/device:CPU:0", "CPU:0",
                           "/job:localhost/cpu:0", "/job:localhost/replica:0/task:0/cpu:0"}) {
    absl::StatusOr<Device*> found = mgr.LookupDevice(name);
    ASSERT_TRUE(found.ok()) << name << ": " << found.status();
    EXPECT_EQ((*found)->name(), kCpu0);
  }
  EXPECT_EQ(mgr.HostCpu(), mgr.ListDevices()[0]);
}

TEST(DeviceMgrTest, LookupOfMissingDeviceListsTheKnownOnes) {
  DeviceMgr mgr = TwoCpus();
  absl::StatusOr<Device*> found = mgr.LookupDevice("/gpu:0");
  EXPECT_TRUE(errors::IsNotFound(found.status()));
  EXPECT_EQ(found.status().message(),
            std::string("Device '/gpu:0' does not exist; known devices: ") + kCpu0 + ", " + kCpu1);
  EXPECT_TRUE(errors::IsNotFound(mgr.LookupDevice("/job:worker/cpu:0").status()));
}

TEST(DeviceMgrTest, AmbiguousEmptyAndMalformedNamesAreInvalid) {
  DeviceMgr mgr = TwoCpus();
  absl::StatusOr<Device*> ambiguous = mgr.LookupDevice("/cpu:*");
  EXPECT_TRUE(errors::IsInvalidArgument(ambiguous.status()));
  EXPECT_NE(ambiguous.status().message().find("matches 2 devices"), std::string::npos);
  EXPECT_TRUE(errors::IsInvalidArgument(mgr.LookupDevice("").status()));
  absl::StatusOr<Device*> malformed = mgr.LookupDevice("/cpu:zero");
  EXPECT_TRUE(errors::IsInvalidArgument(malformed.status()));
  EXPECT_NE(malformed.status().message().find(kCpu1), std::string::npos);
  EXPECT_EQ((*mgr.LookupDevice("/cpu:1"))->name(), kCpu1);
}

TEST(DeviceMgrTest, FindMatchingDevicesAndCounts) {
  DeviceMgr mgr = TwoCpus();
  DeviceNameUtils::ParsedName any_cpu = *DeviceNameUtils::ParseFullName("/device:CPU:*");
  std::vector<Device*> matches = mgr.FindMatchingDevices(any_cpu);
  ASSERT_EQ(matches.size(), 2u);
  EXPECT_EQ(matches[0]->name(), kCpu0);
  EXPECT_EQ(matches[1]->name(), kCpu1);
  EXPECT_TRUE(mgr.FindMatchingDevices(*DeviceNameUtils::ParseFullName("/gpu:0")).empty());
  EXPECT_EQ(mgr.NumDevicesOfType(DEVICE_CPU), 2);
  EXPECT_EQ(mgr.NumDevicesOfType(DEVICE_GPU), 0);
  EXPECT_EQ(mgr.DeviceNamesDebugString(), std::string(kCpu0) + ", " + kCpu1);
}

TEST(DeviceMgrTest, ClearContainersCleansEveryDevice) {
  DeviceMgr mgr = TwoCpus();
  for (Device* device : mgr.ListDevices()) {
    ASSERT_TRUE(device->resource_manager()->Create("localhost", "m", new Marker).ok());
    ASSERT_TRUE(device->resource_manager()->Create("keep", "m", new Marker).ok());
  }
  mgr.ClearContainers({});
  for (Device* device : mgr.ListDevices()) {
    Marker* marker = nullptr;
    EXPECT_TRUE(errors::IsNotFound(device->resource_manager()->Lookup("localhost", "m", &marker)));
    ASSERT_TRUE(device->resource_manager()->Lookup("keep", "m", &marker).ok());
    marker->Unref();
  }
  mgr.ClearContainers({"keep"});
  Marker* marker = nullptr;
  EXPECT_TRUE(errors::IsNotFound(
      mgr.ListDevices()[1]->resource_manager()->Lookup("keep", "m", &marker)));
}

TEST(DeviceFactoryTest, ListsCpuFirstAndPrefersHigherPriority) {
  std::vector<std::string> types = DeviceFactory::ListDeviceTypes();
  ASSERT_EQ(types, std::vector<std::string>({"CPU", "TESTDEV"}));
  ASSERT_NE(DeviceFactory::GetFactory("CPU"), nullptr);
  EXPECT_EQ(DeviceFactory::GetFactory("NOPE"), nullptr);
  std::vector<std::unique_ptr<Device>> devices;
  EXPECT_TRUE(DeviceFactory::GetFactory("TESTDEV")->CreateDevices(1, 1, &devices).ok());
}

TEST(DeviceFactoryTest, AddDevicesMakesEveryTypesDefault) {
  std::vector<std::unique_ptr<Device>> devices;
  DeviceOptions options;
  options.intra_op_threads = 2;
  ASSERT_TRUE(DeviceFactory::AddDevices(options, &devices).ok());
  ASSERT_EQ(devices.size(), 3u);
  EXPECT_EQ(devices[0]->name(), kCpu0);
  EXPECT_EQ(devices[0]->intra_op_thread_pool()->NumThreads(), 2);
  EXPECT_EQ(devices[1]->name(), "/job:localhost/replica:0/task:0/device:TESTDEV:0");
  EXPECT_EQ(devices[2]->name(), "/job:localhost/replica:0/task:0/device:TESTDEV:1");
}

TEST(DeviceFactoryTest, AddDevicesHonoursDeviceCount) {
  std::vector<std::unique_ptr<Device>> devices;
  DeviceOptions options;
  options.intra_op_threads = 1;
  options.device_count = {{"CPU", 2}, {"TESTDEV", 0}};
  ASSERT_TRUE(DeviceFactory::AddDevices(options, &devices).ok());
  ASSERT_EQ(devices.size(), 2u);
  EXPECT_EQ(devices[0]->name(), kCpu0);
  EXPECT_EQ(devices[1]->name(), kCpu1);

  std::vector<std::unique_ptr<Device>> none;
  options.device_count = {{"CPU", 0}};
  absl::Status status = DeviceFactory::AddDevices(options, &none);
  EXPECT_TRUE(errors::IsFailedPrecondition(status));
  EXPECT_EQ(status.message(),
            "No CPU device was created; a session needs one. Registered device types: CPU, "
            "TESTDEV");
}

TEST(DeviceResourceTest, HandlesAreBoundToTheirDevice) {
  DeviceMgr mgr = TwoCpus();
  Device* cpu0 = mgr.ListDevices()[0];
  Device* cpu1 = mgr.ListDevices()[1];

  const ResourceHandle handle = MakeResourceHandle<Marker>("", "m", *cpu0);
  EXPECT_EQ(handle.device(), kCpu0);
  EXPECT_EQ(handle.container(), "localhost");
  EXPECT_EQ(handle.name(), "m");
  EXPECT_EQ(handle.maybe_type_name(), "rill::(anonymous namespace)::Marker");

  ASSERT_TRUE(CreateResource(*cpu0, handle, new Marker).ok());
  Marker* found = nullptr;
  ASSERT_TRUE(LookupResource(*cpu0, handle, &found).ok());
  found->Unref();

  absl::Status wrong_device = LookupResource(*cpu1, handle, &found);
  EXPECT_TRUE(errors::IsInvalidArgument(wrong_device));
  EXPECT_EQ(wrong_device.message(),
            std::string("Trying to access resource localhost/m located on device ") + kCpu0 +
                " from device " + kCpu1);
  EXPECT_TRUE(errors::IsInvalidArgument(CreateResource(*cpu1, handle, new Marker)));
  EXPECT_TRUE(errors::IsInvalidArgument(DeleteResource(*cpu1, handle)));

  ASSERT_TRUE(DeleteResource(*cpu0, handle).ok());
  EXPECT_TRUE(errors::IsNotFound(LookupResource(*cpu0, handle, &found)));
  EXPECT_EQ(MakeResourceHandle<Marker>("mine", "m", *cpu0).container(), "mine");
}

}  // namespace
}  // namespace rill
