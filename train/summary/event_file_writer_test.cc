// Tests of EventFileWriter's queue on the local disk: events reach the file on Flush, when
// max_queue are pending, after flush_secs, and on Close; Reopen starts a new file; write
// errors stick; concurrent writers lose nothing.
#include "train/summary/event_file_writer.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/io/fault_injecting_file_system.h"
#include "core/io/in_memory_file_system.h"
#include "core/io/path.h"
#include "core/protos/event.pb.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "train/summary/events_reader.h"

namespace rill {
namespace summary {
namespace {

using ::testing::HasSubstr;

std::string TempDir(const std::string& name) {
  return io::JoinPath(std::getenv("TEST_TMPDIR"), name);
}

tensorflow::Event StepEvent(int64_t step) {
  tensorflow::Event event;
  event.set_step(step);
  event.set_wall_time(1700000000.0 + step);
  return event;
}

// RecordCount is how many events another reader sees in `path` now.
size_t RecordCount(const std::string& path) {
  const auto events = ReadEventFile(path);
  EXPECT_TRUE(events.ok()) << events.status();
  return events.ok() ? events->size() : 0;
}

// WaitForRecords polls `path` until it holds `count` events; false after 30 seconds.
bool WaitForRecords(const std::string& path, size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (RecordCount(path) >= count) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

EventFileWriterOptions Options(int max_queue, double flush_secs) {
  EventFileWriterOptions options;
  options.max_queue = max_queue;
  options.flush_secs = flush_secs;
  return options;
}

TEST(EventFileWriterTest, DefaultsAreTensorFlows) {
  const EventFileWriterOptions options;
  EXPECT_EQ(options.max_queue, 10);
  EXPECT_EQ(options.flush_secs, 120);
}

TEST(EventFileWriterTest, FlushWritesEverythingAddedSoFar) {
  auto writer = EventFileWriter::Create(TempDir("flush/run"), Options(10, 3600));
  ASSERT_TRUE(writer.ok()) << writer.status();
  const std::string path = (*writer)->filename();
  EXPECT_EQ(io::Dirname(path), TempDir("flush/run"));
  EXPECT_EQ(RecordCount(path), 1u);  // the version record, on disk from the start
  for (int step = 1; step <= 3; ++step) ASSERT_TRUE((*writer)->AddEvent(StepEvent(step)).ok());
  EXPECT_EQ(RecordCount(path), 1u);  // queued: neither max_queue nor flush_secs reached
  ASSERT_TRUE((*writer)->Flush().ok());
  const auto events = ReadEventFile(path);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 4u);
  for (int step = 1; step <= 3; ++step) EXPECT_EQ((*events)[step].step(), step);
}

TEST(EventFileWriterTest, MaxQueuePendingEventsAreWrittenWithoutAFlush) {
  auto writer = EventFileWriter::Create(TempDir("max_queue"), Options(3, 3600));
  ASSERT_TRUE(writer.ok()) << writer.status();
  const std::string path = (*writer)->filename();
  ASSERT_TRUE((*writer)->AddEvent(StepEvent(1)).ok());
  ASSERT_TRUE((*writer)->AddEvent(StepEvent(2)).ok());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(RecordCount(path), 1u);
  ASSERT_TRUE((*writer)->AddEvent(StepEvent(3)).ok());
  EXPECT_TRUE(WaitForRecords(path, 4));
}

TEST(EventFileWriterTest, FlushSecsBoundsHowLongAnEventWaits) {
  auto writer = EventFileWriter::Create(TempDir("flush_secs"), Options(100, 0.05));
  ASSERT_TRUE(writer.ok()) << writer.status();
  ASSERT_TRUE((*writer)->AddEvent(StepEvent(1)).ok());
  EXPECT_TRUE(WaitForRecords((*writer)->filename(), 2));
}

TEST(EventFileWriterTest, CloseWritesTheQueueAndReopenStartsANewFile) {
  EventFileWriterOptions options = Options(10, 3600);
  std::atomic<double> now{1700000000.0};
  options.file.now = [&now] { return now.load(); };
  options.file.hostname = "myhost";
  auto writer = EventFileWriter::Create(TempDir("reopen"), options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  const std::string first = (*writer)->filename();
  EXPECT_EQ(first, TempDir("reopen/events.out.tfevents.1700000000.myhost"));
  ASSERT_TRUE((*writer)->AddEvent(StepEvent(1)).ok());
  ASSERT_TRUE((*writer)->Close().ok());
  EXPECT_EQ(RecordCount(first), 2u);
  EXPECT_TRUE((*writer)->Close().ok());
  EXPECT_TRUE((*writer)->Flush().ok());

  const absl::Status closed = (*writer)->AddEvent(StepEvent(2));
  EXPECT_EQ(closed.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(closed.message(), HasSubstr(TempDir("reopen") + " is closed"));

  now = 1700000042.5;
  ASSERT_TRUE((*writer)->Reopen().ok());
  const std::string second = (*writer)->filename();
  EXPECT_EQ(second, TempDir("reopen/events.out.tfevents.1700000042.myhost"));
  ASSERT_TRUE((*writer)->AddEvent(StepEvent(3)).ok());
  ASSERT_TRUE((*writer)->Reopen().ok());  // open: nothing happens
  EXPECT_EQ((*writer)->filename(), second);
  ASSERT_TRUE((*writer)->Close().ok());
  const auto events = ReadEventFile(second);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].wall_time(), 1700000042.0);
  EXPECT_EQ((*events)[1].step(), 3);
  EXPECT_EQ(RecordCount(first), 2u);
}

TEST(EventFileWriterTest, TheDestructorClosesAndWritesTheQueue) {
  std::string path;
  {
    auto writer = EventFileWriter::Create(TempDir("destructor"), Options(10, 3600));
    ASSERT_TRUE(writer.ok()) << writer.status();
    path = (*writer)->filename();
    ASSERT_TRUE((*writer)->AddEvent(StepEvent(9)).ok());
  }
  EXPECT_EQ(RecordCount(path), 2u);
}

TEST(EventFileWriterTest, AWriteErrorSticks) {
  io::InMemoryFileSystem memory;
  io::FaultInjectingFileSystem faulty(&memory);
  io::FaultInjectingFileSystem::Faults faults;
  faults.fail_writes_after = 60;  // the version record (40 bytes) fits, one more does not
  faulty.SetFaults(faults);
  EventFileWriterOptions options = Options(10, 3600);
  options.file.file_system = &faulty;
  auto writer = EventFileWriter::Create("/logs", options);
  ASSERT_TRUE(writer.ok()) << writer.status();
  tensorflow::Event big = StepEvent(1);
  big.set_file_version(std::string(100, 'x'));
  ASSERT_TRUE((*writer)->AddEvent(big).ok());
  const absl::Status flushed = (*writer)->Flush();
  EXPECT_EQ(flushed.code(), absl::StatusCode::kResourceExhausted);
  EXPECT_THAT(flushed.message(), HasSubstr((*writer)->filename()));
  EXPECT_EQ((*writer)->AddEvent(StepEvent(2)), flushed);
  EXPECT_EQ((*writer)->Close(), flushed);
}

TEST(EventFileWriterTest, ConcurrentWritersLoseNothing) {
  auto writer = EventFileWriter::Create(TempDir("concurrent"), Options(5, 3600));
  ASSERT_TRUE(writer.ok()) << writer.status();
  constexpr int kThreads = 4;
  constexpr int kEach = 250;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&writer, t] {
      for (int i = 0; i < kEach; ++i) {
        EXPECT_TRUE((*writer)->AddEvent(StepEvent(t * kEach + i)).ok());
        if (i % 100 == 0) {
          EXPECT_TRUE((*writer)->Flush().ok());
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  ASSERT_TRUE((*writer)->Close().ok());
  const auto events = ReadEventFile((*writer)->filename());
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 1u + kThreads * kEach);
  // Each thread's events keep their order; together they are every step once.
  std::vector<int> last(kThreads, -1);
  std::vector<bool> seen(kThreads * kEach, false);
  for (size_t i = 1; i < events->size(); ++i) {
    const int64_t step = (*events)[i].step();
    const int thread = static_cast<int>(step / kEach);
    EXPECT_GT(step, last[thread]);
    last[thread] = static_cast<int>(step);
    seen[step] = true;
  }
  for (size_t i = 0; i < seen.size(); ++i) EXPECT_TRUE(seen[i]) << i;
}

TEST(EventFileWriterTest, BadOptionsAndDirectories) {
  EXPECT_EQ(EventFileWriter::Create(TempDir("bad"), Options(0, 1)).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(EventFileWriter::Create(TempDir("bad"), Options(1, 0)).status().code(),
            absl::StatusCode::kInvalidArgument);
  io::InMemoryFileSystem memory;
  ASSERT_TRUE(io::WriteStringToFile(&memory, "/file", "x").ok());
  EventFileWriterOptions options;
  options.file.file_system = &memory;
  const auto writer = EventFileWriter::Create("/file/run", options);
  ASSERT_FALSE(writer.ok());
  EXPECT_THAT(writer.status().message(), HasSubstr("/file/run/events"));
}

}  // namespace
}  // namespace summary
}  // namespace rill
