// EventFileWriter: queues Events in memory and writes them to an event file from a
// background thread, flushing every flush_secs seconds, when max_queue events are pending,
// and on Flush/Close, so that a training loop does not wait for the disk.
#ifndef RILL_TRAIN_SUMMARY_EVENT_FILE_WRITER_H_
#define RILL_TRAIN_SUMMARY_EVENT_FILE_WRITER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "core/protos/event.pb.h"
#include "train/summary/events_writer.h"

namespace rill {
namespace summary {

struct EventFileWriterOptions {
  // max_queue: pending events that make the background thread write and flush at once
  // (TensorFlow's default 10). Adding waits while this many are pending and the thread is
  // still busy with an earlier batch, so memory stays bounded when the disk is slow.
  int max_queue = 10;
  // flush_secs: the longest an added event waits before it is written and flushed
  // (TensorFlow's default 120 seconds).
  double flush_secs = 120;
  // file: how the event file is named and where it goes (file system, host, suffix, clock).
  EventsWriterOptions file;
};

// EventFileWriter owns one event file at a time, in `logdir` (created if missing), and the
// thread that writes it. Create opens the first file (its version record is on disk when
// Create returns) and starts the thread; Close drains the queue, flushes, closes the file
// and stops the thread; Reopen after Close starts a new file.
//
// Write errors are kept: the first one is returned by Flush, by Close, and by every later
// AddEvent, so an event reported as accepted is either written or its loss reported.
// Thread-safe: any method may be called from any thread. The destructor Closes.
class EventFileWriter {
 public:
  // Create opens an event file in `logdir` and starts the writing thread. Errors are the
  // file system's (the directory cannot be made, the file cannot be created), naming it.
  static absl::StatusOr<std::unique_ptr<EventFileWriter>> Create(
      const std::string& logdir, const EventFileWriterOptions& options = {});
  ~EventFileWriter();
  EventFileWriter(const EventFileWriter&) = delete;
  EventFileWriter& operator=(const EventFileWriter&) = delete;

  // AddEvent queues `event` for writing. FailedPrecondition after Close; the sticky write
  // error after a failed write.
  absl::Status AddEvent(const tensorflow::Event& event);

  // Flush returns once every event added before the call is written and the file flushed.
  absl::Status Flush();

  // Close flushes, closes the file and stops the thread. Closing a closed writer is OK.
  absl::Status Close();

  // Reopen opens a new event file after Close and restarts the thread; on an open writer
  // it does nothing.
  absl::Status Reopen();

  const std::string& logdir() const { return logdir_; }
  // filename is the path of the current (or last) event file.
  std::string filename() const;

 private:
  EventFileWriter(std::string logdir, EventFileWriterOptions options);

  // Open creates a new event file and starts the thread. REQUIRES: closed.
  absl::Status Open() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_);
  // Run is the thread: it waits for a reason to write, then writes and flushes a batch.
  void Run();
  // WriteBatch writes `batch` and flushes; records the first error in status_.
  void WriteBatch(const std::vector<std::string>& batch);
  // Conditions the thread and AddEvent wait for.
  bool HasWork() const ABSL_SHARED_LOCKS_REQUIRED(mu_);
  bool HasRoom() const ABSL_SHARED_LOCKS_REQUIRED(mu_);

  const std::string logdir_;
  const EventFileWriterOptions options_;

  // file_ belongs to the thread while it runs, and to Open and Close while it does not.
  std::unique_ptr<EventsWriter> file_;

  mutable absl::Mutex mu_;
  std::string filename_ ABSL_GUARDED_BY(mu_);
  std::vector<std::string> pending_ ABSL_GUARDED_BY(mu_);  // serialized events
  // The thread is writing a batch taken from pending_.
  bool writing_ ABSL_GUARDED_BY(mu_) = false;
  // Flush tickets: Flush takes ++flush_requested_ and waits until flush_done_ reaches it.
  uint64_t flush_requested_ ABSL_GUARDED_BY(mu_) = 0;
  uint64_t flush_done_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time next_flush_ ABSL_GUARDED_BY(mu_);
  bool stopping_ ABSL_GUARDED_BY(mu_) = false;
  bool closed_ ABSL_GUARDED_BY(mu_) = true;
  absl::Status status_ ABSL_GUARDED_BY(mu_);
  std::thread thread_;
  // Serializes Close and Reopen, which join and start thread_ outside mu_.
  absl::Mutex lifecycle_mu_;
};

}  // namespace summary
}  // namespace rill

#endif  // RILL_TRAIN_SUMMARY_EVENT_FILE_WRITER_H_
