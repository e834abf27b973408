// Tests of the default-bucket histogram against limits and encodings computed independently
// in Python (FORMATS.md section 2.4).
#include "kernels/cpu/summary/histogram.h"

#include <cfloat>
#include <utility>
#include <vector>

#include "core/protos/summary.pb.h"
#include "gtest/gtest.h"

namespace rill {
namespace histogram {
namespace {

// Expected numbers from this script, run once with python3:
//   import bisect, sys
//   DBL_MAX = sys.float_info.max
//   pos = []; v = 1.0e-12
//   while v < 1.0e20: pos.append(v); v *= 1.1
//   print(len(pos), repr(pos[1]), repr(pos[100]), repr(pos[-1]))
//   pos.append(DBL_MAX)
//   limits = [-x for x in reversed(pos)] + [0.0] + pos
//   def encode(values):
//       counts = [0.0] * len(limits)
//       for x in values: counts[min(bisect.bisect_right(limits, x), len(limits) - 1)] += 1
//       out, i = [], 0
//       while i < len(counts):
//           lim, c = limits[i], counts[i]; i += 1
//           if c <= 0:
//               while i < len(counts) and counts[i] <= 0: lim = limits[i]; i += 1
//           out.append((lim, c))
//       return out
//   vals = [-1.0, 0.0, 0.5, 0.5, 3.0]
//   for lim, c in encode(vals): print(repr(lim), c)
//   print(sum(vals), sum(x * x for x in vals))
// which printed 774 1.1000000000000002e-12 1.3780612339822385e-08 9.920775621859783e+19
// and the (limit, count) pairs below.

TEST(HistogramTest, DefaultBucketLimitsAreTensorFlows) {
  const std::vector<double>& limits = DefaultBucketLimits();
  ASSERT_EQ(limits.size(), 1551u);
  EXPECT_EQ(limits[0], -DBL_MAX);
  EXPECT_EQ(limits[1], -9.920775621859783e+19);
  EXPECT_EQ(limits[774], -1e-12);
  EXPECT_EQ(limits[775], 0.0);
  EXPECT_EQ(limits[776], 1e-12);
  EXPECT_EQ(limits[777], 1.1000000000000002e-12);
  EXPECT_EQ(limits[876], 1.3780612339822385e-08);
  EXPECT_EQ(limits[1549], 9.920775621859783e+19);
  EXPECT_EQ(limits[1550], DBL_MAX);
}

TEST(HistogramTest, EncodesNonEmptyBucketsAndCollapsesEmptyRuns) {
  Histogram histogram;
  for (double value : {-1.0, 0.0, 0.5, 0.5, 3.0}) histogram.Add(value);
  tensorflow::HistogramProto proto;
  histogram.EncodeToProto(&proto, /*preserve_zero_buckets=*/false);
  EXPECT_EQ(proto.min(), -1.0);
  EXPECT_EQ(proto.max(), 3.0);
  EXPECT_EQ(proto.num(), 5.0);
  EXPECT_EQ(proto.sum(), 3.0);
  EXPECT_EQ(proto.sum_squares(), 10.5);
  const std::vector<std::pair<double, double>> expected = {
      {-1.0089710279437536, 0.0}, {-0.917246389039776, 1.0}, {0.0, 0.0},
      {1e-12, 1.0},               {0.47069243095356195, 0.0}, {0.5177616740489182, 2.0},
      {2.8787120958073054, 0.0},  {3.1665833053880363, 1.0}, {DBL_MAX, 0.0}};
  ASSERT_EQ(proto.bucket_limit_size(), static_cast<int>(expected.size()));
  ASSERT_EQ(proto.bucket_size(), static_cast<int>(expected.size()));
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(proto.bucket_limit(i), expected[i].first) << i;
    EXPECT_EQ(proto.bucket(i), expected[i].second) << i;
  }
}

TEST(HistogramTest, EmptyHistogram) {
  tensorflow::HistogramProto proto;
  Histogram().EncodeToProto(&proto, /*preserve_zero_buckets=*/false);
  EXPECT_EQ(proto.min(), DBL_MAX);
  EXPECT_EQ(proto.max(), -DBL_MAX);
  EXPECT_EQ(proto.num(), 0.0);
  ASSERT_EQ(proto.bucket_limit_size(), 1);
  EXPECT_EQ(proto.bucket_limit(0), DBL_MAX);
  EXPECT_EQ(proto.bucket(0), 0.0);
}

TEST(HistogramTest, PreservingZeroBucketsKeepsEveryBucket) {
  Histogram histogram;
  histogram.Add(0.0);
  tensorflow::HistogramProto proto;
  histogram.EncodeToProto(&proto, /*preserve_zero_buckets=*/true);
  ASSERT_EQ(proto.bucket_size(), 1551);
  EXPECT_EQ(proto.bucket(776), 1.0);
  EXPECT_EQ(proto.bucket_limit(776), 1e-12);
}

TEST(HistogramTest, ExtremeValuesLandInTheOuterBuckets) {
  Histogram histogram;
  histogram.Add(-DBL_MAX);
  histogram.Add(DBL_MAX);
  tensorflow::HistogramProto proto;
  histogram.EncodeToProto(&proto, /*preserve_zero_buckets=*/true);
  EXPECT_EQ(proto.bucket(1), 1.0);     // [-DBL_MAX, -p_773)
  EXPECT_EQ(proto.bucket(1550), 1.0);  // DBL_MAX itself: the last bucket
  EXPECT_EQ(proto.min(), -DBL_MAX);
  EXPECT_EQ(proto.max(), DBL_MAX);
}

}  // namespace
}  // namespace histogram
}  // namespace rill
