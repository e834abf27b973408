// OpKernel, OpKernelConstruction and OpKernelContext: argument bookkeeping, output
// allocation and buffer forwarding.
#include "core/framework/op_kernel.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "core/framework/allocator.h"
#include "core/framework/device.h"
#include "core/framework/errors.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

absl::Status ArgRange(const NameRangeMap& names, absl::string_view kind,
                      absl::string_view arg_name, const tensorflow::OpDef& op_def, int* start,
                      int* stop) {
  auto it = names.find(arg_name);
  if (it == names.end()) {
    return errors::NotFound("op '", op_def.name(), "' has no ", kind, " named '", arg_name,
                            "'");
  }
  *start = it->second.first;
  *stop = it->second.second;
  return absl::OkStatus();
}

// AllocateTensor allocates `dtype`/`shape` from `allocator`; ResourceExhausted on failure.
absl::Status AllocateTensor(Allocator* allocator, DataType dtype, const TensorShape& shape,
                            Tensor* out) {
  Tensor tensor(allocator, dtype, shape);
  if (!tensor.IsInitialized()) {
    return errors::ResourceExhausted("could not allocate a ", DataTypeString(dtype),
                                     " tensor of shape ", shape.DebugString(), " with ",
                                     allocator->Name());
  }
  *out = std::move(tensor);
  return absl::OkStatus();
}

}  // namespace

std::string NodeErrorContext(absl::string_view node_name, absl::string_view op) {
  return absl::StrCat(" [[", FormatNodeForError(node_name), " (", op, ")]]");
}

// ---------------------------------------------------------------------------------------
// OpKernel.

OpKernel::OpKernel(OpKernelConstruction* ctx)
    : def_(ctx->def()),
      op_def_(&ctx->op_def()),
      input_types_(ctx->params_.input_types),
      output_types_(ctx->params_.output_types),
      input_memory_types_(ctx->params_.input_memory_types),
      output_memory_types_(ctx->params_.output_memory_types),
      input_name_map_(ctx->params_.input_name_map),
      output_name_map_(ctx->params_.output_name_map) {}

OpKernel::~OpKernel() = default;

absl::Status OpKernel::Initialize(OpKernelConstruction* ctx) { return absl::OkStatus(); }

absl::Status OpKernel::InputRange(absl::string_view arg_name, int* start, int* stop) const {
  return ArgRange(input_name_map_, "input", arg_name, *op_def_, start, stop);
}

absl::Status OpKernel::OutputRange(absl::string_view arg_name, int* start, int* stop) const {
  return ArgRange(output_name_map_, "output", arg_name, *op_def_, start, stop);
}

absl::Status OpKernel::AddNodeContext(const absl::Status& status) const {
  return errors::AppendToMessage(status, NodeErrorContext(name(), type_string()));
}

// ---------------------------------------------------------------------------------------
// OpKernelConstruction.

bool OpKernelConstruction::HasAttr(absl::string_view attr_name) const {
  return HasNodeAttr(*params_.node_def, attr_name);
}

absl::Status OpKernelConstruction::allocate_temp(DataType dtype, const TensorShape& shape,
                                                 Tensor* out) {
  return AddNodeContext(AllocateTensor(params_.device->GetAllocator(), dtype, shape, out));
}

absl::Status OpKernelConstruction::AddNodeContext(const absl::Status& status) const {
  return errors::AppendToMessage(
      status, NodeErrorContext(params_.node_def->name(), params_.node_def->op()));
}

// ---------------------------------------------------------------------------------------
// OpKernelContext.

OpKernelContext::OpKernelContext(const Params& params)
    : params_(params),
      resource_manager_(params.resource_manager != nullptr
                            ? params.resource_manager
                            : params.device->resource_manager()),
      owned_outputs_(params.outputs == nullptr ? params.op_kernel->num_outputs() : 0),
      outputs_(params.outputs != nullptr ? params.outputs : owned_outputs_.data()),
      output_set_(params.op_kernel->num_outputs(), false) {}

const Eigen::ThreadPoolDevice& OpKernelContext::eigen_cpu_device() const {
  return *params_.device->eigen_cpu_device();
}

bool OpKernelContext::is_cancelled() const {
  return params_.cancelled != nullptr && params_.cancelled->load(std::memory_order_acquire);
}

void OpKernelContext::RunClosure(std::function<void()> fn) const {
  if (params_.runner != nullptr) {
    (*params_.runner)(std::move(fn));
  } else {
    fn();
  }
}

absl::Status OpKernelContext::input(absl::string_view name, const Tensor** tensor) const {
  int start, stop;
  RETURN_IF_ERROR(params_.op_kernel->InputRange(name, &start, &stop));
  if (stop != start + 1) {
    return errors::InvalidArgument("input '", name, "' of op '", op_kernel().type_string(),
                                   "' is a list of ", stop - start,
                                   " tensors, not a single tensor");
  }
  *tensor = params_.inputs[start];
  return absl::OkStatus();
}

absl::Status OpKernelContext::OutputIndexError(int i) const {
  return errors::Internal("output index ", i, " is not in [0, ", num_outputs(), ")");
}

Allocator* OpKernelContext::OutputAllocator(int i) const {
  return params_.op_kernel->output_memory_types()[i] == HOST_MEMORY
             ? CpuAllocator()
             : params_.device->GetAllocator();
}

absl::Status OpKernelContext::allocate_output(int i, const TensorShape& shape, Tensor** out) {
  RETURN_IF_ERROR(CheckOutputIndex(i));
  RETURN_IF_ERROR(
      AllocateTensor(OutputAllocator(i), expected_output_dtype(i), shape, &outputs_[i]));
  output_set_[i] = true;
  *out = &outputs_[i];
  return absl::OkStatus();
}

absl::Status OpKernelContext::set_output(int i, Tensor tensor) {
  RETURN_IF_ERROR(CheckOutputIndex(i));
  if (tensor.dtype() != expected_output_dtype(i)) {
    return errors::Internal("output ", i, " of op '", op_kernel().type_string(),
                            "' must be ", DataTypeString(expected_output_dtype(i)),
                            ", but the kernel set a ", DataTypeString(tensor.dtype()),
                            " tensor");
  }
  outputs_[i] = std::move(tensor);
  output_set_[i] = true;
  return absl::OkStatus();
}

absl::Status OpKernelContext::forward_input_or_allocate_output(
    absl::Span<const int> candidate_input_indices, int i, const TensorShape& shape,
    Tensor** out, int* forwarded_input) {
  RETURN_IF_ERROR(CheckOutputIndex(i));
  if (forwarded_input != nullptr) *forwarded_input = -1;
  for (int input_index : candidate_input_indices) {
    if (input_index < 0 || input_index >= num_inputs()) {
      return errors::Internal("input index ", input_index, " is not in [0, ", num_inputs(),
                              ")");
    }
    if (input_index >= static_cast<int>(params_.forwardable_inputs.size()) ||
        !params_.forwardable_inputs[input_index]) {
      continue;
    }
    const Tensor& candidate = input(input_index);
    if (candidate.dtype() != expected_output_dtype(i) || !candidate.RefCountIsOne() ||
        op_kernel().input_memory_types()[input_index] !=
            op_kernel().output_memory_types()[i] ||
        !outputs_[i].CopyFrom(candidate, shape)) {
      continue;
    }
    output_set_[i] = true;
    *out = &outputs_[i];
    if (forwarded_input != nullptr) *forwarded_input = input_index;
    return absl::OkStatus();
  }
  return allocate_output(i, shape, out);
}

absl::Status OpKernelContext::allocate_temp(DataType dtype, const TensorShape& shape,
                                            Tensor* out) {
  return AllocateTensor(params_.device->GetAllocator(), dtype, shape, out);
}

Tensor OpKernelContext::release_output(int i) {
  output_set_[i] = false;
  return std::move(outputs_[i]);
}

}  // namespace rill
