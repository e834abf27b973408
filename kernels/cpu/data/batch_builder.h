// BatchBuilder: the elements of one batch, stacked into one tensor per component as they are
// read by IteratorBase::GetNextBatch; RecycledBatches: string tensors of earlier batches.
#ifndef RILL_KERNELS_CPU_DATA_BATCH_BUILDER_H_
#define RILL_KERNELS_CPU_DATA_BATCH_BUILDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "kernels/cpu/data/dataset.h"

namespace rill {
namespace data {

// RecycledBatches keeps the string tensors of the last few full batches, so that a later
// batch reuses one once its consumers have dropped it: its strings keep their memory, and a
// reader refills them without allocating a string per element. It holds the last kKept
// batches returned, so at most that many outlive their consumers; a reused batch frees its
// strings of more than kLargestKeptString bytes. Not thread-safe (its iterator owns it).
class RecycledBatches {
 public:
  static constexpr size_t kKept = 2;
  static constexpr size_t kLargestKeptString = 64 << 10;

  // Keep remembers the DT_STRING components of `batch`, forgetting the oldest beyond kKept.
  void Keep(const Element& batch);

  // Take moves a kept DT_STRING tensor of `shape` that nothing else holds to `*out`; false
  // when there is none.
  bool Take(const TensorShape& shape, Tensor* out);

 private:
  std::vector<Tensor> kept_;  // oldest first
};

// BatchBuilder holds up to `capacity` rows. The first row fixes each component's dtype and
// shape; rows are copied (strings moved) into tensors that grow to the capacity, so a batch
// never holds its elements twice. A row whose shapes differ from the first's is still
// counted, so that the batch consumes as many elements as TensorFlow's does, and Finish
// reports it as TensorFlow does: the lowest component with a mismatch, at its first row.
class BatchBuilder {
 public:
  // REQUIRES: capacity > 0. A full batch's string tensors may come from `recycled`.
  explicit BatchBuilder(int64_t capacity, RecycledBatches* recycled = nullptr)
      : capacity_(capacity), recycled_(recycled) {}
  BatchBuilder(const BatchBuilder&) = delete;
  BatchBuilder& operator=(const BatchBuilder&) = delete;

  int64_t capacity() const { return capacity_; }
  int64_t size() const { return size_; }
  bool full() const { return size_ == capacity_; }

  // Add appends `element` as the next row, consuming it. REQUIRES: !full().
  void Add(Element element);

  // NextString is where the next row goes in a batch of one scalar string component (the
  // first row decides): a reader fills it in place, then AddString counts it as a row. An
  // uncounted string is overwritten by the next NextString or dropped. nullptr when no
  // memory is left. REQUIRES: !full(), and every row added so far is such a string.
  std::string* NextString() {
    if (size_ == rows_ && !GrowForString()) return nullptr;
    return static_cast<std::string*>(stacked_[0].data()) + size_;
  }
  void AddString() { ++size_; }

  // Finish returns the stacked components, each of dim 0 size(), in `*out`; or the first
  // mismatch (InvalidArgument), with MismatchRow() the row it names. REQUIRES: size() > 0.
  absl::Status Finish(Element* out);
  int64_t MismatchRow() const { return mismatch_row_; }

 private:
  // Start fixes the dtypes and shapes of the rows, those of the first.
  void Start(DataTypeVector dtypes, std::vector<TensorShape> shapes);
  // Resize replaces the stacked tensors by ones of `rows` rows that the rows added move to
  // (recycled ones for a first allocation of the whole capacity); false when the memory is
  // not available. Grow resizes to make room for row size_: twice
  // as many rows (at most the capacity; kFirstRows to begin with).
  bool Resize(int64_t rows);
  bool Grow();
  absl::Status OutOfMemory() const;
  // GrowForString is Grow for NextString, starting a batch of scalar strings.
  bool GrowForString();

  const int64_t capacity_;
  RecycledBatches* const recycled_;
  int64_t size_ = 0;
  int64_t rows_ = 0;  // allocated rows of each tensor in stacked_
  DataTypeVector dtypes_;
  Element stacked_;  // one tensor per component, dim 0 rows_
  std::vector<TensorShape> row_shapes_;
  // The first row of each component whose shape differs from row_shapes_ (-1: none yet).
  std::vector<int64_t> mismatches_;
  std::vector<TensorShape> mismatch_shapes_;
  int64_t mismatch_row_ = -1;
  absl::Status error_;  // a copy that failed, or memory that ran out
};

}  // namespace data
}  // namespace rill

#endif  // RILL_KERNELS_CPU_DATA_BATCH_BUILDER_H_
