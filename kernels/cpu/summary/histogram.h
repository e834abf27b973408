// Histogram: TensorFlow's default-bucket histogram of doubles (FORMATS.md section 2.4), what
// HistogramSummary records, so that Rill's histograms bin exactly like TensorFlow's.
// Header-only so that the summary kernels' plugin compiles it in.
#ifndef RILL_KERNELS_CPU_SUMMARY_HISTOGRAM_H_
#define RILL_KERNELS_CPU_SUMMARY_HISTOGRAM_H_

#include <algorithm>
#include <cfloat>
#include <cstddef>
#include <vector>

#include "core/protos/summary.pb.h"

namespace rill {
namespace histogram {

// DefaultBucketLimits returns TensorFlow's 1551 right edges:
// [-DBL_MAX, -p_773, ..., -p_0, 0, p_0, ..., p_773, DBL_MAX] where p_0 = 1e-12 and each
// p_(k+1) = p_k * 1.1 in double arithmetic (repeated multiplication, not pow, so the limits
// are bit-identical to TensorFlow's) while p_k < 1e20.
inline const std::vector<double>& DefaultBucketLimits() {
  static const std::vector<double>* const limits = [] {
    std::vector<double> positive;
    for (double v = 1.0e-12; v < 1.0e20; v *= 1.1) positive.push_back(v);
    positive.push_back(DBL_MAX);
    auto* all = new std::vector<double>;
    all->reserve(2 * positive.size() + 1);
    for (auto it = positive.rbegin(); it != positive.rend(); ++it) all->push_back(-*it);
    all->push_back(0.0);
    all->insert(all->end(), positive.begin(), positive.end());
    return all;
  }();
  return *limits;
}

// Histogram counts values into the default buckets and keeps their exact min, max, count,
// sum and sum of squares. Bucket i counts the values in [limit[i - 1], limit[i]): a value
// goes to the first limit strictly greater than it (0 goes to [0, 1e-12)); DBL_MAX, which
// no limit exceeds, goes to the last bucket. Not thread-safe.
class Histogram {
 public:
  Histogram() : limits_(DefaultBucketLimits()), counts_(limits_.size(), 0.0) {}

  // Add records `value`. REQUIRES: `value` is finite (callers reject NaN and infinities).
  void Add(double value) {
    const size_t bucket = std::min<size_t>(
        std::upper_bound(limits_.begin(), limits_.end(), value) - limits_.begin(),
        limits_.size() - 1);
    counts_[bucket] += 1.0;
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
    num_ += 1.0;
    sum_ += value;
    sum_squares_ += value * value;
  }

  // EncodeToProto fills `proto` (cleared first) as TensorFlow does. With
  // `preserve_zero_buckets` false (what HistogramSummary uses) every maximal run of empty
  // buckets becomes one entry (the run's last limit, 0), so an empty histogram is
  // {min DBL_MAX, max -DBL_MAX, num 0, bucket_limit [DBL_MAX], bucket [0]}.
  void EncodeToProto(tensorflow::HistogramProto* proto, bool preserve_zero_buckets) const {
    proto->Clear();
    proto->set_min(min_);
    proto->set_max(max_);
    proto->set_num(num_);
    proto->set_sum(sum_);
    proto->set_sum_squares(sum_squares_);
    for (size_t i = 0; i < counts_.size();) {
      double limit = limits_[i];
      const double count = counts_[i];
      ++i;
      if (!preserve_zero_buckets && count <= 0.0) {
        while (i < counts_.size() && counts_[i] <= 0.0) limit = limits_[i++];
      }
      proto->add_bucket_limit(limit);
      proto->add_bucket(count);
    }
  }

 private:
  const std::vector<double>& limits_;
  std::vector<double> counts_;
  double min_ = DBL_MAX;
  double max_ = -DBL_MAX;
  double num_ = 0.0;
  double sum_ = 0.0;
  double sum_squares_ = 0.0;
};

}  // namespace histogram
}  // namespace rill

#endif  // RILL_KERNELS_CPU_SUMMARY_HISTOGRAM_H_
