// Early-return helpers for absl::Status / absl::StatusOr (Debian's Abseil 20220623 has none),
// and RILL_CHECK_OK for places where an error is a programming bug (tests, examples).
#ifndef RILL_CORE_FRAMEWORK_STATUS_MACROS_H_
#define RILL_CORE_FRAMEWORK_STATUS_MACROS_H_

#include <cstdio>
#include <cstdlib>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

#define RILL_STATUS_MACROS_CONCAT_INNER(x, y) x##y
#define RILL_STATUS_MACROS_CONCAT(x, y) RILL_STATUS_MACROS_CONCAT_INNER(x, y)

// RETURN_IF_ERROR(expr) returns the status of `expr` from the enclosing function when it
// is not OK. `expr` may be an absl::Status or an absl::StatusOr<T>.
#define RETURN_IF_ERROR(expr)                                               \
  do {                                                                      \
    const absl::Status rill_status_ = ::rill::internal::AsStatus((expr));   \
    if (!rill_status_.ok()) return rill_status_;                            \
  } while (0)

// ASSIGN_OR_RETURN(lhs, expr) evaluates the absl::StatusOr `expr`; on error returns its
// status, otherwise moves the value into `lhs` (which may be a declaration: `auto x`).
#define ASSIGN_OR_RETURN(lhs, expr)                                            \
  RILL_ASSIGN_OR_RETURN_IMPL(                                                  \
      RILL_STATUS_MACROS_CONCAT(rill_statusor_, __LINE__), lhs, expr)

#define RILL_ASSIGN_OR_RETURN_IMPL(statusor, lhs, expr) \
  auto statusor = (expr);                               \
  if (!statusor.ok()) return statusor.status();         \
  lhs = std::move(statusor).value()

// RILL_CHECK_OK(expr) aborts with the status message when `expr` is not OK.
#define RILL_CHECK_OK(expr)                                                   \
  do {                                                                        \
    const absl::Status rill_status_ = ::rill::internal::AsStatus((expr));     \
    if (!rill_status_.ok()) {                                                 \
      std::fprintf(stderr, "%s:%d: %s failed: %s\n", __FILE__, __LINE__,      \
                   #expr, rill_status_.ToString().c_str());                   \
      std::abort();                                                           \
    }                                                                         \
  } while (0)

namespace rill {
namespace internal {

inline const absl::Status& AsStatus(const absl::Status& status) { return status; }

template <typename T>
const absl::Status& AsStatus(const absl::StatusOr<T>& status_or) {
  return status_or.status();
}

}  // namespace internal
}  // namespace rill

#endif  // RILL_CORE_FRAMEWORK_STATUS_MACROS_H_
