// Canonical error constructors (TensorFlow's codes as absl::Status) and predicates.
// Every message is built with absl::StrCat, so callers pass the pieces: errors::NotFound("file ", path).
#ifndef RILL_CORE_FRAMEWORK_ERRORS_H_
#define RILL_CORE_FRAMEWORK_ERRORS_H_

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace rill {
namespace errors {

#define RILL_DECLARE_ERROR(Name, Code)                                  \
  template <typename... Args>                                           \
  absl::Status Name(Args&&... args) {                                   \
    return absl::Status(absl::StatusCode::Code,                         \
                        absl::StrCat(std::forward<Args>(args)...));     \
  }                                                                     \
  inline bool Is##Name(const absl::Status& status) {                    \
    return status.code() == absl::StatusCode::Code;                     \
  }

RILL_DECLARE_ERROR(Cancelled, kCancelled)
RILL_DECLARE_ERROR(Unknown, kUnknown)
RILL_DECLARE_ERROR(InvalidArgument, kInvalidArgument)
RILL_DECLARE_ERROR(DeadlineExceeded, kDeadlineExceeded)
RILL_DECLARE_ERROR(NotFound, kNotFound)
RILL_DECLARE_ERROR(AlreadyExists, kAlreadyExists)
RILL_DECLARE_ERROR(PermissionDenied, kPermissionDenied)
RILL_DECLARE_ERROR(ResourceExhausted, kResourceExhausted)
RILL_DECLARE_ERROR(FailedPrecondition, kFailedPrecondition)
RILL_DECLARE_ERROR(Aborted, kAborted)
RILL_DECLARE_ERROR(OutOfRange, kOutOfRange)
RILL_DECLARE_ERROR(Unimplemented, kUnimplemented)
RILL_DECLARE_ERROR(Internal, kInternal)
RILL_DECLARE_ERROR(Unavailable, kUnavailable)
RILL_DECLARE_ERROR(DataLoss, kDataLoss)
RILL_DECLARE_ERROR(Unauthenticated, kUnauthenticated)

#undef RILL_DECLARE_ERROR

// AppendToMessage returns `status` with `context` appended to its message (same code);
// OK stays OK. Used to add "[[node x (Op)]]"-style context as an error travels up.
template <typename... Args>
absl::Status AppendToMessage(const absl::Status& status, Args&&... context) {
  if (status.ok()) return status;
  return absl::Status(status.code(),
                      absl::StrCat(status.message(), std::forward<Args>(context)...));
}

}  // namespace errors
}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_ERRORS_H_
