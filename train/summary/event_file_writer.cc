// EventFileWriter: the event queue, its writing thread, and the flush/close handshakes.
#include "train/summary/event_file_writer.h"

#include <utility>

#include "absl/memory/memory.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"
#include "core/io/path.h"

namespace rill {
namespace summary {

absl::StatusOr<std::unique_ptr<EventFileWriter>> EventFileWriter::Create(
    const std::string& logdir, const EventFileWriterOptions& options) {
  if (options.max_queue < 1) {
    return errors::InvalidArgument("max_queue must be at least 1, got ", options.max_queue);
  }
  if (!(options.flush_secs > 0)) {
    return errors::InvalidArgument("flush_secs must be positive, got ", options.flush_secs);
  }
  auto writer = absl::WrapUnique(new EventFileWriter(logdir, options));
  {
    absl::MutexLock lock(&writer->mu_);
    RETURN_IF_ERROR(writer->Open());
  }
  return writer;
}

EventFileWriter::EventFileWriter(std::string logdir, EventFileWriterOptions options)
    : logdir_(std::move(logdir)), options_(std::move(options)) {}

EventFileWriter::~EventFileWriter() { Close().IgnoreError(); }

absl::Status EventFileWriter::Open() {
  auto file = std::make_unique<EventsWriter>(io::JoinPath(logdir_, "events"), options_.file);
  RETURN_IF_ERROR(file->Init());
  file_ = std::move(file);
  filename_ = file_->filename();
  status_ = absl::OkStatus();
  pending_.clear();
  stopping_ = false;
  closed_ = false;
  next_flush_ = absl::Now() + absl::Seconds(options_.flush_secs);
  thread_ = std::thread(&EventFileWriter::Run, this);
  return absl::OkStatus();
}

bool EventFileWriter::HasWork() const {
  return stopping_ || pending_.size() >= static_cast<size_t>(options_.max_queue) ||
         flush_requested_ > flush_done_;
}

bool EventFileWriter::HasRoom() const {
  return closed_ || !writing_ || pending_.size() < static_cast<size_t>(options_.max_queue);
}

void EventFileWriter::Run() {
  for (;;) {
    std::vector<std::string> batch;
    uint64_t ticket;
    bool flush_wanted;
    bool stop;
    {
      absl::MutexLock lock(&mu_);
      mu_.AwaitWithDeadline(absl::Condition(this, &EventFileWriter::HasWork), next_flush_);
      batch.swap(pending_);
      ticket = flush_requested_;
      flush_wanted = flush_requested_ > flush_done_;
      stop = stopping_;
      writing_ = true;
    }
    // Woken by the deadline with nothing queued: nothing to write or flush.
    if (!batch.empty() || flush_wanted) WriteBatch(batch);
    absl::MutexLock lock(&mu_);
    writing_ = false;
    flush_done_ = ticket;
    next_flush_ = absl::Now() + absl::Seconds(options_.flush_secs);
    if (stop) return;
  }
}

void EventFileWriter::WriteBatch(const std::vector<std::string>& batch) {
  absl::Status status;
  for (const std::string& event : batch) {
    status = file_->WriteSerializedEvent(event);
    if (!status.ok()) break;
  }
  if (status.ok()) status = file_->Flush();
  if (!status.ok()) {
    absl::MutexLock lock(&mu_);
    if (status_.ok()) status_ = status;
  }
}

absl::Status EventFileWriter::AddEvent(const tensorflow::Event& event) {
  std::string serialized;
  if (!event.SerializeToString(&serialized)) {
    return errors::InvalidArgument("could not serialize an Event of ", event.ByteSizeLong(),
                                   " bytes for the event file in ", logdir_);
  }
  absl::MutexLock lock(&mu_);
  mu_.Await(absl::Condition(this, &EventFileWriter::HasRoom));
  if (closed_) {
    return errors::FailedPrecondition("the event file writer for ", logdir_,
                                      " is closed (Reopen starts a new file)");
  }
  RETURN_IF_ERROR(status_);
  pending_.push_back(std::move(serialized));
  return absl::OkStatus();
}

absl::Status EventFileWriter::Flush() {
  absl::MutexLock lock(&mu_);
  if (closed_) return status_;
  struct Done {
    const EventFileWriter* writer;
    uint64_t ticket;
    static bool Reached(Done* done) ABSL_NO_THREAD_SAFETY_ANALYSIS {
      return done->writer->flush_done_ >= done->ticket;
    }
  } done{this, ++flush_requested_};
  mu_.Await(absl::Condition(&Done::Reached, &done));
  return status_;
}

absl::Status EventFileWriter::Close() {
  absl::MutexLock lifecycle(&lifecycle_mu_);
  {
    absl::MutexLock lock(&mu_);
    if (closed_) return status_;
    closed_ = true;
    stopping_ = true;
  }
  thread_.join();
  const absl::Status closed = file_->Close();
  absl::MutexLock lock(&mu_);
  if (status_.ok()) status_ = closed;
  return status_;
}

absl::Status EventFileWriter::Reopen() {
  absl::MutexLock lifecycle(&lifecycle_mu_);
  absl::MutexLock lock(&mu_);
  if (!closed_) return absl::OkStatus();
  return Open();
}

std::string EventFileWriter::filename() const {
  absl::MutexLock lock(&mu_);
  return filename_;
}

}  // namespace summary
}  // namespace rill
