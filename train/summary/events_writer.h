// EventsWriter: writes one TensorBoard event file, synchronously: the file named
// <prefix>.out.tfevents.<seconds>.<hostname><suffix>, its "brain.Event:2" version record,
// then one TFRecord per Event (FORMATS.md section 2.1). FileWriter queues events for it.
#ifndef RILL_TRAIN_SUMMARY_EVENTS_WRITER_H_
#define RILL_TRAIN_SUMMARY_EVENTS_WRITER_H_

#include <functional>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "core/io/file_system.h"
#include "core/io/record_writer.h"
#include "core/protos/event.pb.h"

namespace rill {
namespace summary {

// kEventFileVersion is the first record's file_version; TensorBoard reads the number after
// the colon and, at 2 or more, treats SessionLog.START events as restarts.
inline constexpr char kEventFileVersion[] = "brain.Event:2";

struct EventsWriterOptions {
  // file_system: where the file goes; null means the local disk. Not owned.
  io::FileSystem* file_system = nullptr;
  // hostname: the file name's host part; empty means this machine's name.
  std::string hostname;
  // file_suffix: appended to the file name (TensorFlow's filename_suffix).
  std::string file_suffix;
  // now: seconds since the Unix epoch; null means the system clock. Tests fix it.
  std::function<double()> now;
};

// EventsWriter writes one event file. `file_prefix` is the path up to ".out.tfevents"
// (FileWriter passes "<logdir>/events"); Init creates the file, so the name's timestamp is
// the time of Init. When that name is taken (a writer reopened within the same second)
// ".1", ".2", ... is appended, so no file is ever overwritten and the names still sort in
// creation order.
//
// Writes go through a buffered file: a record reaches the file by Flush or Close. The first
// error sticks: every later call returns it. Not thread-safe. The destructor closes the
// file and drops any error; call Close to see it.
class EventsWriter {
 public:
  explicit EventsWriter(std::string file_prefix, EventsWriterOptions options = {});
  ~EventsWriter();
  EventsWriter(const EventsWriter&) = delete;
  EventsWriter& operator=(const EventsWriter&) = delete;

  // Init creates the directory of the prefix if missing, creates the file, writes the
  // version record (wall_time in whole seconds, as TensorFlow's C++ writer) and flushes it.
  // FailedPrecondition when called twice or after Close.
  absl::Status Init();

  // WriteEvent appends `event` as one record. REQUIRES: Init succeeded.
  absl::Status WriteEvent(const tensorflow::Event& event);
  // WriteSerializedEvent appends an already serialized Event.
  absl::Status WriteSerializedEvent(absl::string_view event);

  // Flush hands every record written so far to the operating system.
  absl::Status Flush();

  // Close flushes and closes the file; later calls return FailedPrecondition.
  absl::Status Close();

  // filename is the file's path once Init has chosen it, "" before.
  const std::string& filename() const { return filename_; }

 private:
  absl::Status CheckWritable() const;
  // Fail records `status` as the sticky error when it is one, and returns it.
  absl::Status Fail(absl::Status status);

  const std::string file_prefix_;
  const EventsWriterOptions options_;
  io::FileSystem* const fs_;
  std::string filename_;
  std::unique_ptr<io::WritableFile> file_;
  std::unique_ptr<io::RecordWriter> records_;
  absl::Status status_;
  bool closed_ = false;
};

// EventFileName returns "<file_prefix>.out.tfevents.<%010d seconds>.<hostname><suffix>".
std::string EventFileName(absl::string_view file_prefix, double seconds,
                          absl::string_view hostname, absl::string_view suffix);

// WallTimeNow returns the system clock in seconds since the Unix epoch.
double WallTimeNow();

// LocalHostname returns this machine's name, or "localhost" when it has none.
std::string LocalHostname();

}  // namespace summary
}  // namespace rill

#endif  // RILL_TRAIN_SUMMARY_EVENTS_WRITER_H_
