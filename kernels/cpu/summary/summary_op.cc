// CPU kernels of ScalarSummary, HistogramSummary and MergeSummary: each builds a
// tensorflow.Summary and outputs it serialized as a scalar string, as TensorFlow's do.
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/tensor.h"
#include "core/framework/types.h"
#include "core/protos/summary.pb.h"
#include "kernels/cpu/summary/histogram.h"

namespace rill {
namespace {

// SetSummaryOutput serializes `summary` into a new scalar string output 0.
absl::Status SetSummaryOutput(OpKernelContext* ctx, const tensorflow::Summary& summary) {
  Tensor* out;
  RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape({}), &out));
  if (!summary.SerializeToString(&out->scalar<std::string>()())) {
    return errors::Internal("could not serialize the Summary (", summary.ByteSizeLong(),
                            " bytes)");
  }
  return absl::OkStatus();
}

template <typename T>
class ScalarSummaryOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& tags = ctx->input(0);
    const Tensor& values = ctx->input(1);
    if (!tags.IsSameSize(values)) {
      std::string single_tag;
      if (tags.NumElements() == 1) {
        single_tag = absl::StrCat(" (tag '", tags.flat<std::string>()(0), "')");
      }
      return errors::InvalidArgument("tags and values are not the same shape: ",
                                     tags.shape().DebugString(),
                                     " != ", values.shape().DebugString(), single_tag);
    }
    const auto tag = tags.flat<std::string>();
    const auto value = values.flat<T>();
    tensorflow::Summary summary;
    for (int64_t i = 0; i < tag.size(); ++i) {
      tensorflow::Summary::Value* v = summary.add_value();
      v->set_tag(tag(i));
      v->set_simple_value(static_cast<float>(value(i)));
    }
    return SetSummaryOutput(ctx, summary);
  }
};

template <typename T>
class HistogramSummaryOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& tag = ctx->input(0);
    const Tensor& values = ctx->input(1);
    if (tag.dims() != 0) {
      return errors::InvalidArgument("tags must be scalar, got shape ", tag.shape().DebugString());
    }
    const std::string& tag_name = tag.scalar<std::string>()();
    const auto flat = values.flat<T>();
    histogram::Histogram histo;
    for (int64_t i = 0; i < flat.size(); ++i) {
      const double value = static_cast<double>(flat(i));
      if (std::isnan(value)) {
        return errors::InvalidArgument("Nan in summary histogram for: ", name(), " (tag '",
                                       tag_name, "', values[", i, "])");
      }
      if (std::isinf(value)) {
        return errors::InvalidArgument("Infinity in summary histogram for: ", name(),
                                       " (tag '", tag_name, "', values[", i, "] = ", value, ")");
      }
      histo.Add(value);
    }
    tensorflow::Summary summary;
    tensorflow::Summary::Value* v = summary.add_value();
    v->set_tag(tag_name);
    histo.EncodeToProto(v->mutable_histo(), /*preserve_zero_buckets=*/false);
    return SetSummaryOutput(ctx, summary);
  }
};

class MergeSummaryOp : public OpKernel {
 public:
  using OpKernel::OpKernel;

  absl::Status Compute(OpKernelContext* ctx) override {
    tensorflow::Summary merged;
    absl::flat_hash_set<std::string> tags;
    for (int input = 0; input < ctx->num_inputs(); ++input) {
      const auto serialized = ctx->input(input).flat<std::string>();
      for (int64_t i = 0; i < serialized.size(); ++i) {
        tensorflow::Summary summary;
        if (!summary.ParseFromString(serialized(i))) {
          return errors::InvalidArgument("Could not parse one of the summary inputs: inputs[",
                                         input, "] element ", i, " (", serialized(i).size(),
                                         " bytes) is not a serialized Summary");
        }
        for (tensorflow::Summary::Value& value : *summary.mutable_value()) {
          // Values with an empty tag (their plugin names them in metadata) never clash.
          if (!value.tag().empty() && !tags.insert(value.tag()).second) {
            return errors::InvalidArgument("Duplicate tag ", value.tag(),
                                           " found in summary inputs");
          }
          *merged.add_value() = std::move(value);
        }
      }
    }
    return SetSummaryOutput(ctx, merged);
  }
};

#define REGISTER_SUMMARY_KERNELS(T)                                                          \
  REGISTER_KERNEL_BUILDER(Name("ScalarSummary").Device(DEVICE_CPU).TypeConstraint<T>("T"),   \
                          ScalarSummaryOp<T>);                                               \
  REGISTER_KERNEL_BUILDER(Name("HistogramSummary").Device(DEVICE_CPU).TypeConstraint<T>("T"), \
                          HistogramSummaryOp<T>);

RILL_CALL_REAL_NUMBER_TYPES(REGISTER_SUMMARY_KERNELS)

#undef REGISTER_SUMMARY_KERNELS

REGISTER_KERNEL_BUILDER(Name("MergeSummary").Device(DEVICE_CPU), MergeSummaryOp);

}  // namespace
}  // namespace rill
