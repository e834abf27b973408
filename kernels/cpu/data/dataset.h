// The tf.data runtime: DatasetBase (an immutable recipe for a sequence of elements, held in
// a DT_VARIANT tensor), IteratorBase (one pass over it), IteratorContext (state that
// outlives one pass) and the helpers every dataset kernel shares.
#ifndef RILL_KERNELS_CPU_DATA_DATASET_H_
#define RILL_KERNELS_CPU_DATA_DATASET_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/container/flat_hash_map.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/errors.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"

namespace rill {
namespace data {

// An element is one tensor per component.
using Element = std::vector<Tensor>;

class BatchBuilder;  // batch_builder.h

// IteratorContext is what the iterators made for one iterator resource share across its
// initializations: state keyed by the iterator's position in the pipeline, such as a
// shuffle's seed generator or a cache's contents. Thread-safe.
class IteratorContext {
 public:
  IteratorContext() = default;
  IteratorContext(const IteratorContext&) = delete;
  IteratorContext& operator=(const IteratorContext&) = delete;

  // LookupOrCreate returns the state stored under `key`, making it with `create` the first
  // time. REQUIRES: every call with one key asks for the same T.
  template <typename T>
  std::shared_ptr<T> LookupOrCreate(const std::string& key,
                                    const std::function<std::shared_ptr<T>()>& create) {
    absl::MutexLock lock(&mu_);
    std::shared_ptr<void>& state = states_[key];
    if (state == nullptr) state = create();
    return std::static_pointer_cast<T>(state);
  }

 private:
  absl::Mutex mu_;
  absl::flat_hash_map<std::string, std::shared_ptr<void>> states_ ABSL_GUARDED_BY(mu_);
};

// IteratorBase is one pass over a dataset. GetNext is called by one thread at a time (the
// owner serializes calls); an iterator may run threads of its own, which its destructor
// stops.
class IteratorBase {
 public:
  virtual ~IteratorBase() = default;

  // GetNext sets `*out` to the next element and `*end_of_sequence` to false, or
  // `*end_of_sequence` to true when the pass is over (and on every later call). An error
  // concerns one element: a later call continues with the next one.
  virtual absl::Status GetNext(Element* out, bool* end_of_sequence) = 0;

  // GetNextBatch adds the next elements to `*batch` until it is full, or the pass ends. An
  // error concerns one element, as GetNext's do, and the batch is dropped with the elements
  // it holds, as TensorFlow's batch drops them. The default calls GetNext per element;
  // readers override it to read into the batch's tensors directly.
  virtual absl::Status GetNextBatch(BatchBuilder* batch);
};

// DatasetBase is the immutable description of a sequence of elements, with the dtype and
// (partial) shape of each component, made by the dataset op node `node_name`. Shared
// (std::shared_ptr) by the variant tensors holding it and by its iterators and consumers;
// thread-safe.
class DatasetBase : public std::enable_shared_from_this<DatasetBase> {
 public:
  DatasetBase(std::string op, std::string node_name, DataTypeVector dtypes,
              std::vector<PartialTensorShape> shapes)
      : op_(std::move(op)),
        node_name_(std::move(node_name)),
        dtypes_(std::move(dtypes)),
        shapes_(std::move(shapes)) {}
  virtual ~DatasetBase() = default;
  DatasetBase(const DatasetBase&) = delete;
  DatasetBase& operator=(const DatasetBase&) = delete;

  // MakeIterator starts a pass. `prefix` is the iterator's position in the pipeline
  // ("Iterator::Map::Shuffle"), the key of state it keeps in `ctx`.
  virtual absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const = 0;

  // op is the dataset op ("MapDataset"); node_name the node that made this dataset.
  const std::string& op() const { return op_; }
  const std::string& node_name() const { return node_name_; }
  const DataTypeVector& output_dtypes() const { return dtypes_; }
  const std::vector<PartialTensorShape>& output_shapes() const { return shapes_; }

  // DebugString is how errors name the dataset: "MapDataset 'map'".
  std::string DebugString() const;

  // ElementError is `status` about element `index` of this dataset's output:
  // "MapDataset 'map' failed on element 3: <message>", same code.
  absl::Status ElementError(int64_t index, const absl::Status& status) const;

  // IteratorPrefix is the prefix of this dataset's iterators under a parent's `prefix`.
  std::string IteratorPrefix(const std::string& prefix) const;

 private:
  const std::string op_;
  const std::string node_name_;
  const DataTypeVector dtypes_;
  const std::vector<PartialTensorShape> shapes_;
};

using DatasetPtr = std::shared_ptr<const DatasetBase>;

// DatasetVariant is what a dataset op's DT_VARIANT output holds.
struct DatasetVariant {
  DatasetPtr dataset;
  std::string TypeName() const { return "tensorflow::DatasetVariantWrapper"; }
  std::string DebugString() const;
};

// MakeDatasetTensor returns a scalar DT_VARIANT tensor holding `dataset`.
Tensor MakeDatasetTensor(DatasetPtr dataset);

// GetDatasetFromVariantTensor reads the dataset a scalar variant tensor holds;
// InvalidArgument naming `what` for another shape, dtype or held type.
absl::StatusOr<DatasetPtr> GetDatasetFromVariantTensor(const Tensor& tensor,
                                                       absl::string_view what);

// CheckElement verifies that `element` has `dtypes` and shapes compatible with `shapes`;
// InvalidArgument describing the first mismatch, prefixed by `what` ("element 3").
absl::Status CheckElement(const Element& element, const DataTypeVector& dtypes,
                          const std::vector<PartialTensorShape>& shapes, absl::string_view what);

// CheckSameStructure verifies that `dataset` has `dtypes` (and shapes compatible with
// `shapes`); InvalidArgument naming `what` otherwise.
absl::Status CheckSameStructure(const DatasetBase& dataset, const DataTypeVector& dtypes,
                                const std::vector<PartialTensorShape>& shapes,
                                absl::string_view what);

// CopyElement copies `from` into row `index` of `to` (whose dim 0 is the batch), e.g. when
// batching; `from` must have the shape of one row. It consumes `from`: strings are moved
// out of a buffer nothing else shares. CopySlice is the reverse: row `index` of `from` into
// a new, aligned tensor. Both handle every memcpy-able dtype and string; InvalidArgument
// for others.
absl::Status CopyElement(Tensor from, int64_t index, Tensor* to);
absl::StatusOr<Tensor> CopySlice(const Tensor& from, int64_t index);

// ReadScalarInput reads input `name` of `ctx`, a scalar of type T; InvalidArgument naming
// the input otherwise.
template <typename T>
absl::Status ReadScalarInput(OpKernelContext* ctx, absl::string_view name, T* value);

// DatasetOpKernel is the base of every dataset op: MakeDataset builds the dataset from the
// inputs, and Compute wraps it in the variant output. Subclasses read output_types /
// output_shapes (or Toutput_types) with ReadOutputStructure in Initialize.
class DatasetOpKernel : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) final;
  bool IsExpensive() const override { return false; }

 protected:
  virtual absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) = 0;

  // ReadOutputStructure reads the dtypes (attr `types_attr`) and shapes of the elements
  // into output_dtypes_ / output_shapes_, checking that their counts agree.
  absl::Status ReadOutputStructure(OpKernelConstruction* ctx,
                                   absl::string_view types_attr = "output_types");

  DataTypeVector output_dtypes_;
  std::vector<PartialTensorShape> output_shapes_;
};

// UnaryDatasetOpKernel is a dataset op whose input 0 is the dataset it transforms.
class UnaryDatasetOpKernel : public DatasetOpKernel {
 public:
  using DatasetOpKernel::DatasetOpKernel;

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx) final;
  virtual absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) = 0;
};

// Implementation details follow.

template <typename T>
absl::Status ReadScalarInput(OpKernelContext* ctx, absl::string_view name, T* value) {
  const Tensor* tensor;
  RETURN_IF_ERROR(ctx->input(name, &tensor));
  if (tensor->dtype() != DataTypeToEnum<T>::value || tensor->dims() != 0) {
    return errors::InvalidArgument(
        name, " must be a scalar ", DataTypeString(DataTypeToEnum<T>::value), ", got ",
        DataTypeString(tensor->dtype()), " of shape ", tensor->shape().DebugString());
  }
  *value = tensor->scalar<T>()();
  return absl::OkStatus();
}

}  // namespace data
}  // namespace rill

#endif  // RILL_KERNELS_CPU_DATA_DATASET_H_
