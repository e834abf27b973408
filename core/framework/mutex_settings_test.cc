// Tests for mutex_settings.cc: optimized builds take Mutexes without Abseil's lock-order
// bookkeeping.
#include "absl/synchronization/mutex.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

// With deadlock detection on, Abseil aborts at the second, inverted acquisition ("Potential
// Mutex deadlock"); without it, taking two mutexes in both orders from one thread is fine.
TEST(MutexSettingsTest, OptimizedBuildsDoNotTrackLockOrder) {
#ifdef NDEBUG
  absl::Mutex a;
  absl::Mutex b;
  {
    absl::MutexLock lock_a(&a);
    absl::MutexLock lock_b(&b);
  }
  {
    absl::MutexLock lock_b(&b);
    absl::MutexLock lock_a(&a);
  }
  SUCCEED();
#else
  GTEST_SKIP() << "debug builds keep Abseil's deadlock detection";
#endif
}

}  // namespace
}  // namespace rill
