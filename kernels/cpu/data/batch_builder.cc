// BatchBuilder: growing the stacked tensors, copying rows in, and the mismatch TensorFlow's
// batch reports; RecycledBatches: reusing string tensors (see batch_builder.h).
#include "kernels/cpu/data/batch_builder.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "core/framework/errors.h"

namespace rill {
namespace data {
namespace {

// Rows a batch starts with: a batch as large as the capacity without holding memory for
// a huge capacity (batch(1 << 30) to read a whole dataset) up front.
constexpr int64_t kFirstRows = 1024;

// MoveRows moves the first `rows` rows of `from` to `to`, of the same dtype and row shape.
void MoveRows(Tensor* from, int64_t rows, Tensor* to) {
  if (rows == 0 || from->dim_size(0) == 0) return;
  const int64_t n = from->NumElements() / from->dim_size(0) * rows;
  if (from->dtype() == DT_STRING) {
    std::string* source = static_cast<std::string*>(from->data());
    std::move(source, source + n, static_cast<std::string*>(to->data()));
    return;
  }
  std::memcpy(to->data(), from->data(), n * DataTypeSize(from->dtype()));
}

}  // namespace

void RecycledBatches::Keep(const Element& batch) {
  for (const Tensor& component : batch) {
    if (component.dtype() != DT_STRING) continue;
    if (kept_.size() == kKept) kept_.erase(kept_.begin());
    kept_.push_back(component);
  }
}

bool RecycledBatches::Take(const TensorShape& shape, Tensor* out) {
  for (auto it = kept_.begin(); it != kept_.end(); ++it) {
    if (it->shape() != shape || !it->RefCountIsOne()) continue;
    *out = std::move(*it);
    kept_.erase(it);
    auto strings = out->flat<std::string>();
    for (int64_t i = 0; i < strings.size(); ++i) {
      if (strings(i).capacity() > kLargestKeptString) std::string().swap(strings(i));
    }
    return true;
  }
  return false;
}

void BatchBuilder::Start(DataTypeVector dtypes, std::vector<TensorShape> shapes) {
  dtypes_ = std::move(dtypes);
  row_shapes_ = std::move(shapes);
  mismatches_.assign(dtypes_.size(), -1);
  mismatch_shapes_.assign(dtypes_.size(), TensorShape());
  stacked_.clear();
  rows_ = 0;
}

bool BatchBuilder::Resize(int64_t rows) {
  Element resized;
  resized.reserve(dtypes_.size());
  for (size_t c = 0; c < dtypes_.size(); ++c) {
    TensorShape shape = row_shapes_[c];
    shape.InsertDim(0, rows);
    const bool recycle =
        recycled_ != nullptr && rows_ == 0 && rows == capacity_ && dtypes_[c] == DT_STRING;
    resized.emplace_back();
    if (!recycle || !recycled_->Take(shape, &resized.back())) {
      resized.back() = Tensor(dtypes_[c], shape);
      if (!resized.back().IsInitialized()) return false;
    }
    if (rows_ > 0) MoveRows(&stacked_[c], size_, &resized.back());
  }
  stacked_ = std::move(resized);
  rows_ = rows;
  return true;
}

bool BatchBuilder::Grow() {
  return Resize(rows_ == 0 ? std::min(capacity_, kFirstRows) : std::min(capacity_, 2 * rows_));
}

bool BatchBuilder::GrowForString() {
  if (rows_ == 0) Start({DT_STRING}, {TensorShape()});
  return Grow();
}

void BatchBuilder::Add(Element element) {
  if (size_ == 0) {
    DataTypeVector dtypes;
    std::vector<TensorShape> shapes;
    for (const Tensor& component : element) {
      dtypes.push_back(component.dtype());
      shapes.push_back(component.shape());
    }
    Start(std::move(dtypes), std::move(shapes));
  }
  if (error_.ok() && element.size() != dtypes_.size()) {
    error_ = errors::Internal("Cannot batch elements of ", dtypes_.size(), " and ", element.size(),
                              " components");
  }
  if (error_.ok() && size_ == rows_ && !Grow()) error_ = OutOfMemory();
  const int64_t row = size_++;
  if (!error_.ok()) return;
  for (size_t c = 0; c < element.size(); ++c) {
    if (element[c].shape() != row_shapes_[c]) {
      if (mismatches_[c] < 0) {
        mismatches_[c] = row;
        mismatch_shapes_[c] = element[c].shape();
      }
      continue;
    }
    absl::Status copied = CopyElement(std::move(element[c]), row, &stacked_[c]);
    if (!copied.ok()) {
      error_ = std::move(copied);
      return;
    }
  }
}

absl::Status BatchBuilder::OutOfMemory() const {
  return errors::ResourceExhausted("Out of memory stacking a batch of ", capacity_, " elements");
}

absl::Status BatchBuilder::Finish(Element* out) {
  if (!error_.ok()) return error_;
  for (size_t c = 0; c < mismatches_.size(); ++c) {
    if (mismatches_[c] < 0) continue;
    mismatch_row_ = mismatches_[c];
    return errors::InvalidArgument("Cannot batch tensors with different shapes in component ", c,
                                   ". First element had shape ", row_shapes_[c].DebugString(),
                                   " and element ", mismatch_row_, " had shape ",
                                   mismatch_shapes_[c].DebugString(), ".");
  }
  // A short batch (the last one) gets tensors of its own size.
  if (size_ < rows_ && !Resize(size_)) return OutOfMemory();
  *out = std::move(stacked_);
  return absl::OkStatus();
}

}  // namespace data
}  // namespace rill
