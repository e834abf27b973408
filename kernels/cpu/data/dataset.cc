// The tf.data runtime's shared pieces: naming datasets in errors, variant tensors holding
// datasets, element checks and row copies, and the dataset op kernel bases.
#include "kernels/cpu/data/dataset.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#include "core/framework/variant.h"
#include "kernels/cpu/data/batch_builder.h"

namespace rill {
namespace data {
namespace {

// ShapeWithoutDim0 is `shape` without its first dimension. REQUIRES: shape.dims() >= 1.
TensorShape ShapeWithoutDim0(const TensorShape& shape) {
  TensorShape row = shape;
  row.RemoveDim(0);
  return row;
}

absl::Status UnsupportedDtype(DataType dtype) {
  return errors::InvalidArgument("Datasets cannot copy elements of dtype ", DataTypeString(dtype));
}

}  // namespace

absl::Status IteratorBase::GetNextBatch(BatchBuilder* batch) {
  while (!batch->full()) {
    Element element;
    bool end_of_sequence = false;
    RETURN_IF_ERROR(GetNext(&element, &end_of_sequence));
    if (end_of_sequence) break;
    batch->Add(std::move(element));
  }
  return absl::OkStatus();
}

std::string DatasetBase::DebugString() const { return absl::StrCat(op_, " '", node_name_, "'"); }

absl::Status DatasetBase::ElementError(int64_t index, const absl::Status& status) const {
  if (status.ok()) return status;
  return absl::Status(status.code(), absl::StrCat(DebugString(), " failed on element ", index, ": ",
                                                  status.message()));
}

std::string DatasetBase::IteratorPrefix(const std::string& prefix) const {
  absl::string_view type = op_;
  absl::ConsumeSuffix(&type, "Dataset");
  absl::ConsumeSuffix(&type, "V2");
  absl::ConsumeSuffix(&type, "Dataset");
  return absl::StrCat(prefix, "::", type);
}

std::string DatasetVariant::DebugString() const {
  return dataset == nullptr ? "<no dataset>" : dataset->DebugString();
}

Tensor MakeDatasetTensor(DatasetPtr dataset) {
  Tensor tensor(DT_VARIANT, TensorShape());
  tensor.scalar<Variant>()() = DatasetVariant{std::move(dataset)};
  return tensor;
}

absl::StatusOr<DatasetPtr> GetDatasetFromVariantTensor(const Tensor& tensor,
                                                       absl::string_view what) {
  if (tensor.dtype() != DT_VARIANT || tensor.dims() != 0) {
    return errors::InvalidArgument(what, " must be a scalar variant holding a dataset, got ",
                                   DataTypeString(tensor.dtype()), " of shape ",
                                   tensor.shape().DebugString());
  }
  const DatasetVariant* held = tensor.scalar<Variant>()().get<DatasetVariant>();
  if (held == nullptr || held->dataset == nullptr) {
    return errors::InvalidArgument(what, " must hold a dataset, but holds ",
                                   tensor.scalar<Variant>()().DebugString());
  }
  return held->dataset;
}

absl::Status CheckElement(const Element& element, const DataTypeVector& dtypes,
                          const std::vector<PartialTensorShape>& shapes, absl::string_view what) {
  if (element.size() != dtypes.size()) {
    return errors::InvalidArgument(what, " has ", element.size(), " components, expected ",
                                   dtypes.size());
  }
  for (size_t i = 0; i < element.size(); ++i) {
    if (element[i].dtype() != dtypes[i]) {
      return errors::InvalidArgument(what, " component ", i, " has dtype ",
                                     DataTypeString(element[i].dtype()), ", expected ",
                                     DataTypeString(dtypes[i]));
    }
    if (i < shapes.size() && !shapes[i].IsCompatibleWith(element[i].shape())) {
      return errors::InvalidArgument(what, " component ", i, " has shape ",
                                     element[i].shape().DebugString(),
                                     ", which is not compatible with ", shapes[i].DebugString());
    }
  }
  return absl::OkStatus();
}

absl::Status CheckSameStructure(const DatasetBase& dataset, const DataTypeVector& dtypes,
                                const std::vector<PartialTensorShape>& shapes,
                                absl::string_view what) {
  if (dataset.output_dtypes() != dtypes) {
    return errors::InvalidArgument(what, " ", dataset.DebugString(), " has dtypes (",
                                   DataTypeVectorString(dataset.output_dtypes()), "), expected (",
                                   DataTypeVectorString(dtypes), ")");
  }
  for (size_t i = 0; i < shapes.size() && i < dataset.output_shapes().size(); ++i) {
    if (!shapes[i].IsCompatibleWith(dataset.output_shapes()[i])) {
      return errors::InvalidArgument(what, " ", dataset.DebugString(), " component ", i,
                                     " has shape ", dataset.output_shapes()[i].DebugString(),
                                     ", which is not compatible with ", shapes[i].DebugString());
    }
  }
  return absl::OkStatus();
}

absl::Status CopyElement(Tensor from, int64_t index, Tensor* to) {
  if (to->dims() < 1 || index < 0 || index >= to->dim_size(0) ||
      ShapeWithoutDim0(to->shape()) != from.shape() || from.dtype() != to->dtype()) {
    return errors::Internal("CopyElement: cannot copy a ", DataTypeString(from.dtype()), " ",
                            from.shape().DebugString(), " into row ", index, " of a ",
                            DataTypeString(to->dtype()), " ", to->shape().DebugString());
  }
  const int64_t n = from.NumElements();
  if (DataTypeCanUseMemcpy(from.dtype())) {
    const size_t bytes = static_cast<size_t>(n) * DataTypeSize(from.dtype());
    if (bytes > 0) {
      std::memcpy(static_cast<char*>(to->data()) + bytes * index, from.data(), bytes);
    }
    return absl::OkStatus();
  }
  if (from.dtype() == DT_STRING) {
    std::string* source = static_cast<std::string*>(from.data());
    std::string* target = static_cast<std::string*>(to->data()) + n * index;
    if (from.RefCountIsOne()) {
      for (int64_t i = 0; i < n; ++i) target[i] = std::move(source[i]);
    } else {
      for (int64_t i = 0; i < n; ++i) target[i] = source[i];
    }
    return absl::OkStatus();
  }
  return UnsupportedDtype(from.dtype());
}

absl::StatusOr<Tensor> CopySlice(const Tensor& from, int64_t index) {
  if (from.dims() < 1 || index < 0 || index >= from.dim_size(0)) {
    return errors::Internal("CopySlice: no row ", index, " in a tensor of shape ",
                            from.shape().DebugString());
  }
  Tensor row(from.dtype(), ShapeWithoutDim0(from.shape()));
  const int64_t n = row.NumElements();
  if (DataTypeCanUseMemcpy(from.dtype())) {
    const size_t bytes = static_cast<size_t>(n) * DataTypeSize(from.dtype());
    if (bytes > 0) {
      std::memcpy(row.data(), static_cast<const char*>(from.data()) + bytes * index, bytes);
    }
    return row;
  }
  if (from.dtype() == DT_STRING) {
    const std::string* source = static_cast<const std::string*>(from.data()) + n * index;
    std::string* target = static_cast<std::string*>(row.data());
    for (int64_t i = 0; i < n; ++i) target[i] = source[i];
    return row;
  }
  return UnsupportedDtype(from.dtype());
}

absl::Status DatasetOpKernel::Compute(OpKernelContext* ctx) {
  ASSIGN_OR_RETURN(DatasetPtr dataset, MakeDataset(ctx));
  return ctx->set_output(0, MakeDatasetTensor(std::move(dataset)));
}

absl::Status DatasetOpKernel::ReadOutputStructure(OpKernelConstruction* ctx,
                                                  absl::string_view types_attr) {
  RETURN_IF_ERROR(ctx->GetAttr(types_attr, &output_dtypes_));
  RETURN_IF_ERROR(ctx->GetAttr("output_shapes", &output_shapes_));
  if (output_dtypes_.size() != output_shapes_.size()) {
    return ctx->AddNodeContext(errors::InvalidArgument(types_attr, " has ", output_dtypes_.size(),
                                                       " dtypes but output_shapes has ",
                                                       output_shapes_.size(), " shapes"));
  }
  return absl::OkStatus();
}

absl::StatusOr<DatasetPtr> UnaryDatasetOpKernel::MakeDataset(OpKernelContext* ctx) {
  ASSIGN_OR_RETURN(DatasetPtr input, GetDatasetFromVariantTensor(ctx->input(0), "input_dataset"));
  return MakeDataset(ctx, std::move(input));
}

}  // namespace data
}  // namespace rill
