// Process-wide Abseil Mutex settings: Abseil's release-build behaviour for optimized Rill
// builds, whatever mode the system's Abseil library was compiled in.
#include "absl/synchronization/mutex.h"

namespace rill {
namespace {

// Abseil tracks the order in which every Mutex is taken, to report potential deadlocks,
// when it is compiled without NDEBUG, as Debian's shared Abseil is: each Lock then looks
// the mutex up in a global graph (about a third of an uncontended Lock's cost, and a
// global lock of its own). Abseil's default is detection in debug builds only; optimized
// Rill builds (NDEBUG) apply that default here, before main, and debug builds keep it.
[[maybe_unused]] const bool kDeadlockDetectionConfigured = [] {
#ifdef NDEBUG
  absl::SetMutexDeadlockDetectionMode(absl::OnDeadlockCycle::kIgnore);
#endif
  return true;
}();

}  // namespace
}  // namespace rill
