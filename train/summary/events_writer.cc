// EventsWriter: file naming, the version record, and TFRecord-framed events through
// core/io's RecordWriter.
#include "train/summary/events_writer.h"

#include <unistd.h>

#include <chrono>
#include <climits>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/local_file_system.h"
#include "core/io/path.h"

namespace rill {
namespace summary {

std::string EventFileName(absl::string_view file_prefix, double seconds,
                          absl::string_view hostname, absl::string_view suffix) {
  return absl::StrFormat("%s.out.tfevents.%010d.%s%s", file_prefix,
                         static_cast<int64_t>(std::floor(seconds)), hostname, suffix);
}

double WallTimeNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string LocalHostname() {
  char name[HOST_NAME_MAX + 1] = {};
  if (gethostname(name, sizeof(name) - 1) != 0 || name[0] == '\0') return "localhost";
  return name;
}

EventsWriter::EventsWriter(std::string file_prefix, EventsWriterOptions options)
    : file_prefix_(std::move(file_prefix)),
      options_(std::move(options)),
      fs_(options_.file_system != nullptr ? options_.file_system
                                          : io::LocalFileSystem::Default()) {}

EventsWriter::~EventsWriter() {
  if (file_ != nullptr && !closed_) Close().IgnoreError();
}

absl::Status EventsWriter::Fail(absl::Status status) {
  if (status_.ok()) status_ = status;
  return status;
}

absl::Status EventsWriter::CheckWritable() const {
  if (closed_) return errors::FailedPrecondition("event file ", filename_, " is closed");
  if (records_ == nullptr) {
    return errors::FailedPrecondition("event file with prefix ", file_prefix_,
                                      " was not initialized");
  }
  return status_;
}

absl::Status EventsWriter::Init() {
  if (closed_ || records_ != nullptr) {
    return errors::FailedPrecondition("event file ", filename_, " was already initialized");
  }
  RETURN_IF_ERROR(status_);
  const std::string dir(io::Dirname(file_prefix_));
  if (!dir.empty()) {
    const absl::Status created = fs_->RecursivelyCreateDir(dir);
    if (!created.ok()) {
      return Fail(errors::AppendToMessage(created, " (creating the log directory for ",
                                          file_prefix_, ".out.tfevents.*)"));
    }
  }
  const double now = options_.now ? options_.now() : WallTimeNow();
  const std::string hostname = options_.hostname.empty() ? LocalHostname() : options_.hostname;
  const std::string base = EventFileName(file_prefix_, now, hostname, options_.file_suffix);
  filename_ = base;
  for (int n = 1; fs_->FileExists(filename_).ok(); ++n) filename_ = absl::StrCat(base, ".", n);

  absl::StatusOr<std::unique_ptr<io::WritableFile>> file = fs_->NewWritableFile(filename_);
  if (!file.ok()) return Fail(file.status());
  file_ = std::move(file).value();
  records_ = std::make_unique<io::RecordWriter>(file_.get());

  tensorflow::Event version;
  version.set_wall_time(std::floor(now));
  version.set_file_version(kEventFileVersion);
  RETURN_IF_ERROR(WriteEvent(version));
  return Flush();
}

absl::Status EventsWriter::WriteEvent(const tensorflow::Event& event) {
  RETURN_IF_ERROR(CheckWritable());
  std::string serialized;
  if (!event.SerializeToString(&serialized)) {
    return errors::InvalidArgument("could not serialize an Event of ", event.ByteSizeLong(),
                                   " bytes for ", filename_);
  }
  return WriteSerializedEvent(serialized);
}

absl::Status EventsWriter::WriteSerializedEvent(absl::string_view event) {
  RETURN_IF_ERROR(CheckWritable());
  const absl::Status written = records_->WriteRecord(event);
  if (!written.ok()) {
    return Fail(errors::AppendToMessage(written, " (writing an event to ", filename_, ")"));
  }
  return absl::OkStatus();
}

absl::Status EventsWriter::Flush() {
  RETURN_IF_ERROR(CheckWritable());
  const absl::Status flushed = records_->Flush();
  if (!flushed.ok()) {
    return Fail(errors::AppendToMessage(flushed, " (flushing ", filename_, ")"));
  }
  return absl::OkStatus();
}

absl::Status EventsWriter::Close() {
  if (closed_) return errors::FailedPrecondition("event file ", filename_, " is closed");
  closed_ = true;
  if (records_ == nullptr) return status_;
  absl::Status status = records_->Close();
  records_.reset();
  const absl::Status file_closed = file_->Close();
  if (status.ok()) status = file_closed;
  if (!status.ok()) {
    return Fail(errors::AppendToMessage(status, " (closing ", filename_, ")"));
  }
  return status_;
}

}  // namespace summary
}  // namespace rill
