// CPU kernels of ParseExample and ParseSingleExample: tf.train.Example protos to dense
// tensors (FixedLenFeature: fixed shape, default or required) and SparseTensor triples
// (VarLenFeature), with TensorFlow's error messages naming the example and the key.
#include <algorithm>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/protos/example.pb.h"
#include "core/protos/feature.pb.h"

namespace rill {
namespace {

using tensorflow::Feature;

// KindName is the dtype a feature's list holds, as TensorFlow's messages name it.
absl::string_view KindName(const Feature& feature) {
  switch (feature.kind_case()) {
    case Feature::kBytesList:
      return "string";
    case Feature::kFloatList:
      return "float";
    case Feature::kInt64List:
      return "int64";
    default:
      return "none";
  }
}

bool KindMatches(const Feature& feature, DataType dtype) {
  switch (feature.kind_case()) {
    case Feature::kBytesList:
      return dtype == DT_STRING;
    case Feature::kFloatList:
      return dtype == DT_FLOAT;
    case Feature::kInt64List:
      return dtype == DT_INT64;
    default:
      return true;  // An empty Feature is an empty list of any type.
  }
}

int64_t NumValues(const Feature& feature) {
  switch (feature.kind_case()) {
    case Feature::kBytesList:
      return feature.bytes_list().value_size();
    case Feature::kFloatList:
      return feature.float_list().value_size();
    case Feature::kInt64List:
      return feature.int64_list().value_size();
    default:
      return 0;
  }
}

// CopyValues copies the feature's values into `out` from flat index `offset`.
// REQUIRES: KindMatches(feature, out->dtype()) and room for them.
void CopyValues(const Feature& feature, int64_t offset, Tensor* out) {
  switch (feature.kind_case()) {
    case Feature::kBytesList:
      std::copy(feature.bytes_list().value().begin(), feature.bytes_list().value().end(),
                out->flat<std::string>().data() + offset);
      break;
    case Feature::kFloatList:
      std::copy(feature.float_list().value().begin(), feature.float_list().value().end(),
                out->flat<float>().data() + offset);
      break;
    case Feature::kInt64List:
      std::copy(feature.int64_list().value().begin(), feature.int64_list().value().end(),
                out->flat<int64_t>().data() + offset);
      break;
    default:
      break;
  }
}

// CopyTensor copies all of `from` into `out` from flat index `offset` (same dtype).
void CopyTensor(const Tensor& from, int64_t offset, Tensor* out) {
  const int64_t n = from.NumElements();
  switch (from.dtype()) {
    case DT_STRING:
      std::copy_n(from.flat<std::string>().data(), n, out->flat<std::string>().data() + offset);
      break;
    case DT_FLOAT:
      std::copy_n(from.flat<float>().data(), n, out->flat<float>().data() + offset);
      break;
    default:
      std::copy_n(from.flat<int64_t>().data(), n, out->flat<int64_t>().data() + offset);
      break;
  }
}

// ExampleParser holds the features to parse and fills the op's outputs.
class ExampleParser {
 public:
  struct Dense {
    std::string key;
    DataType dtype;
    TensorShape shape;
  };
  struct Sparse {
    std::string key;
    DataType dtype;
  };

  // Initialize reads the types and shapes the attrs declare (keys come later).
  absl::Status Initialize(OpKernelConstruction* ctx, absl::string_view num_sparse_attr) {
    int64_t num_sparse;
    DataTypeVector sparse_types;
    DataTypeVector dense_types;
    std::vector<PartialTensorShape> dense_shapes;
    RETURN_IF_ERROR(ctx->GetAttr(num_sparse_attr, &num_sparse));
    RETURN_IF_ERROR(ctx->GetAttr("sparse_types", &sparse_types));
    RETURN_IF_ERROR(ctx->GetAttr("Tdense", &dense_types));
    RETURN_IF_ERROR(ctx->GetAttr("dense_shapes", &dense_shapes));
    if (static_cast<int64_t>(sparse_types.size()) != num_sparse ||
        dense_shapes.size() != dense_types.size()) {
      return ctx->AddNodeContext(errors::InvalidArgument(
          num_sparse_attr, " = ", num_sparse, " with ", sparse_types.size(), " sparse_types, and ",
          dense_types.size(), " Tdense with ", dense_shapes.size(), " dense_shapes"));
    }
    for (DataType dtype : sparse_types) sparse_.push_back({"", dtype});
    for (size_t j = 0; j < dense_types.size(); ++j) {
      absl::StatusOr<TensorShape> shape = dense_shapes[j].AsTensorShape();
      if (!shape.ok()) {
        return ctx->AddNodeContext(errors::Unimplemented(
            "dense_shapes[", j, "] = ", dense_shapes[j].DebugString(),
            " is not fully defined; Rill parses FixedLenFeatures of known shapes only"));
      }
      dense_.push_back({"", dense_types[j], *shape});
    }
    return absl::OkStatus();
  }

  std::vector<Sparse>& sparse() { return sparse_; }
  std::vector<Dense>& dense() { return dense_; }

  // Parse parses `serialized` (with `names` for messages, maybe empty) and sets the
  // outputs; `batched` says whether the examples form a batch (ParseExample) or one
  // example (ParseSingleExample). `defaults[j]` is dense feature j's default.
  absl::Status Parse(OpKernelContext* ctx, const std::vector<std::string>& serialized,
                     const std::vector<std::string>& names, const std::vector<Tensor>& defaults,
                     bool batched) const {
    const int64_t batch = static_cast<int64_t>(serialized.size());
    std::vector<tensorflow::Example> examples(batch);
    for (int64_t b = 0; b < batch; ++b) {
      if (!examples[b].ParseFromString(serialized[b])) {
        return errors::InvalidArgument("Name: ", Name(names, b),
                                       ", Could not parse example input, value: '",
                                       absl::CEscape(serialized[b]), "'");
      }
    }
    const int num_sparse = static_cast<int>(sparse_.size());
    for (int j = 0; j < num_sparse; ++j) {
      RETURN_IF_ERROR(ParseSparse(ctx, j, examples, names, batched));
    }
    for (size_t j = 0; j < dense_.size(); ++j) {
      RETURN_IF_ERROR(ParseDense(ctx, j, examples, names, defaults[j], batched));
    }
    return absl::OkStatus();
  }

 private:
  static std::string Name(const std::vector<std::string>& names, int64_t b) {
    return b < static_cast<int64_t>(names.size()) ? names[b] : "";
  }

  static const Feature* Find(const tensorflow::Example& example, const std::string& key) {
    const auto& features = example.features().feature();
    auto it = features.find(key);
    return it == features.end() ? nullptr : &it->second;
  }

  absl::Status ParseSparse(OpKernelContext* ctx, int j,
                           const std::vector<tensorflow::Example>& examples,
                           const std::vector<std::string>& names, bool batched) const {
    const Sparse& spec = sparse_[j];
    const int64_t batch = static_cast<int64_t>(examples.size());
    std::vector<const Feature*> features(batch);
    int64_t total = 0;
    int64_t longest = 0;
    for (int64_t b = 0; b < batch; ++b) {
      features[b] = Find(examples[b], spec.key);
      if (features[b] == nullptr) continue;
      if (!KindMatches(*features[b], spec.dtype)) {
        return errors::InvalidArgument(
            "Name: ", Name(names, b), ", Key: ", spec.key, ", Index: ", b,
            ".  Data types don't match. Expected "
            "type: ",
            DataTypeString(spec.dtype), ", Actual type: ", KindName(*features[b]));
      }
      total += NumValues(*features[b]);
      longest = std::max(longest, NumValues(*features[b]));
    }
    const int num_sparse = static_cast<int>(sparse_.size());
    const int rank = batched ? 2 : 1;
    Tensor* indices;
    Tensor* values;
    Tensor* shape;
    RETURN_IF_ERROR(ctx->allocate_output(j, TensorShape({total, rank}), &indices));
    RETURN_IF_ERROR(ctx->allocate_output(num_sparse + j, TensorShape({total}), &values));
    RETURN_IF_ERROR(ctx->allocate_output(2 * num_sparse + j, TensorShape({rank}), &shape));
    auto index = indices->matrix<int64_t>();
    int64_t n = 0;
    for (int64_t b = 0; b < batch; ++b) {
      if (features[b] == nullptr) continue;
      CopyValues(*features[b], n, values);
      for (int64_t i = 0; i < NumValues(*features[b]); ++i, ++n) {
        if (batched) {
          index(n, 0) = b;
          index(n, 1) = i;
        } else {
          index(n, 0) = i;
        }
      }
    }
    auto dims = shape->vec<int64_t>();
    if (batched) {
      dims(0) = batch;
      dims(1) = longest;
    } else {
      dims(0) = longest;
    }
    return absl::OkStatus();
  }

  absl::Status ParseDense(OpKernelContext* ctx, size_t j,
                          const std::vector<tensorflow::Example>& examples,
                          const std::vector<std::string>& names, const Tensor& default_value,
                          bool batched) const {
    const Dense& spec = dense_[j];
    const int64_t batch = static_cast<int64_t>(examples.size());
    const int64_t size = spec.shape.num_elements();
    TensorShape shape = spec.shape;
    if (batched) shape.InsertDim(0, batch);
    Tensor* out;
    RETURN_IF_ERROR(ctx->allocate_output(static_cast<int>(3 * sparse_.size() + j), shape, &out));
    for (int64_t b = 0; b < batch; ++b) {
      const Feature* feature = Find(examples[b], spec.key);
      if (feature == nullptr) {
        if (default_value.NumElements() == 0) {
          return errors::InvalidArgument("Name: ", Name(names, b), ", Feature: ", spec.key,
                                         " (data type: ", DataTypeString(spec.dtype),
                                         ") is required but could not be found.");
        }
        CopyTensor(default_value, b * size, out);
        continue;
      }
      if (!KindMatches(*feature, spec.dtype)) {
        return errors::InvalidArgument(
            "Name: ", Name(names, b), ", Key: ", spec.key, ", Index: ", b,
            ".  Data types don't match. Expected "
            "type: ",
            DataTypeString(spec.dtype), ", Actual type: ", KindName(*feature));
      }
      if (NumValues(*feature) != size) {
        return errors::InvalidArgument("Name: ", Name(names, b), ", Key: ", spec.key,
                                       ", Index: ", b, ".  Number of ", DataTypeString(spec.dtype),
                                       " values != expected.  Values size: ", NumValues(*feature),
                                       " but output shape: ", spec.shape.DebugString());
      }
      CopyValues(*feature, b * size, out);
    }
    return absl::OkStatus();
  }

  std::vector<Sparse> sparse_;
  std::vector<Dense> dense_;
};

// ReadDefaults reads the dense_defaults inputs [start, start + n): each empty (required)
// or of the feature's shape.
absl::Status ReadDefaults(OpKernelContext* ctx, int start,
                          const std::vector<ExampleParser::Dense>& dense,
                          std::vector<Tensor>* defaults) {
  for (size_t j = 0; j < dense.size(); ++j) {
    const Tensor& value = ctx->input(start + static_cast<int>(j));
    if (value.NumElements() != 0 && value.NumElements() != dense[j].shape.num_elements()) {
      return errors::InvalidArgument("dense_defaults[", j, "] for key '", dense[j].key,
                                     "' has shape ", value.shape().DebugString(),
                                     ", which does not match dense_shapes[", j, "] ",
                                     dense[j].shape.DebugString());
    }
    defaults->push_back(value);
  }
  return absl::OkStatus();
}

std::vector<std::string> StringsOf(const Tensor& tensor) {
  const auto flat = tensor.flat<std::string>();
  return std::vector<std::string>(flat.data(), flat.data() + flat.size());
}

class ParseExampleOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return parser_.Initialize(ctx, "Nsparse");
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& serialized = ctx->input(0);
    const Tensor& names = ctx->input(1);
    if (serialized.dims() != 1) {
      return errors::InvalidArgument("Expected serialized to be a vector, got shape: ",
                                     serialized.shape().DebugString());
    }
    if (names.NumElements() > 0 && names.shape() != serialized.shape()) {
      return errors::InvalidArgument("Expected len(names) == len(serialized), but got: ",
                                     names.NumElements(), " vs. ", serialized.NumElements());
    }
    // Keys are the scalar string inputs after `names`: sparse ones, then dense ones.
    ExampleParser parser = parser_;
    int input = 2;
    for (auto& sparse : parser.sparse()) {
      ASSIGN_OR_RETURN(sparse.key, ReadKey(ctx, input++, "sparse_keys"));
    }
    for (auto& dense : parser.dense()) {
      ASSIGN_OR_RETURN(dense.key, ReadKey(ctx, input++, "dense_keys"));
    }
    std::vector<Tensor> defaults;
    RETURN_IF_ERROR(ReadDefaults(ctx, input, parser.dense(), &defaults));
    return parser.Parse(ctx, StringsOf(serialized), StringsOf(names), defaults,
                        /*batched=*/true);
  }

 private:
  static absl::StatusOr<std::string> ReadKey(OpKernelContext* ctx, int index,
                                             absl::string_view what) {
    const Tensor& key = ctx->input(index);
    if (key.dims() != 0) {
      return errors::InvalidArgument(what, " must be scalars, got shape ",
                                     key.shape().DebugString());
    }
    return key.scalar<std::string>()();
  }

  ExampleParser parser_;
};

class ParseSingleExampleOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(parser_.Initialize(ctx, "num_sparse"));
    std::vector<std::string> sparse_keys;
    std::vector<std::string> dense_keys;
    RETURN_IF_ERROR(ctx->GetAttr("sparse_keys", &sparse_keys));
    RETURN_IF_ERROR(ctx->GetAttr("dense_keys", &dense_keys));
    if (sparse_keys.size() != parser_.sparse().size() ||
        dense_keys.size() != parser_.dense().size()) {
      return ctx->AddNodeContext(errors::InvalidArgument(
          "sparse_keys and dense_keys must match sparse_types and Tdense: got ", sparse_keys.size(),
          " and ", dense_keys.size(), " keys for ", parser_.sparse().size(), " and ",
          parser_.dense().size(), " types"));
    }
    for (size_t j = 0; j < sparse_keys.size(); ++j) parser_.sparse()[j].key = sparse_keys[j];
    for (size_t j = 0; j < dense_keys.size(); ++j) parser_.dense()[j].key = dense_keys[j];
    return absl::OkStatus();
  }

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& serialized = ctx->input(0);
    if (serialized.dims() != 0) {
      return errors::InvalidArgument("Expected serialized to be a scalar, got shape: ",
                                     serialized.shape().DebugString());
    }
    std::vector<Tensor> defaults;
    RETURN_IF_ERROR(ReadDefaults(ctx, 1, parser_.dense(), &defaults));
    return parser_.Parse(ctx, {serialized.scalar<std::string>()()}, {}, defaults,
                         /*batched=*/false);
  }

 private:
  ExampleParser parser_;
};

REGISTER_KERNEL_BUILDER(Name("ParseExample").Device(DEVICE_CPU), ParseExampleOp);
REGISTER_KERNEL_BUILDER(Name("ParseSingleExample").Device(DEVICE_CPU), ParseSingleExampleOp);

}  // namespace
}  // namespace rill
