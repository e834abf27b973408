// The Rt* test ops and their CPU kernels (see runtime_test_ops.h), registered at static
// initialization, and the NodeDef helpers that build them.
#include "core/runtime/runtime_test_ops.h"

#include <string>

#include "absl/container/flat_hash_map.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/node_def_builder.h"
#include "core/framework/op_kernel.h"
#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"
#include "core/graph/tensor_id.h"

namespace rill {
namespace runtime_test {
namespace {

constexpr absl::Duration kWaitLimit = absl::Seconds(10);

absl::Mutex counts_mu(absl::kConstInit);
absl::flat_hash_map<std::string, int64_t>& Counts() ABSL_EXCLUSIVE_LOCKS_REQUIRED(counts_mu) {
  static auto* counts = new absl::flat_hash_map<std::string, int64_t>();
  return *counts;
}

// Barrier lets `parties` threads meet: each Arrive returns once all have arrived.
struct Barrier {
  absl::Mutex mu;
  int arrived ABSL_GUARDED_BY(mu) = 0;
  int64_t generation ABSL_GUARDED_BY(mu) = 0;
};

absl::Mutex barriers_mu(absl::kConstInit);
Barrier& GetBarrier(const std::string& name) {
  static auto* barriers = new absl::flat_hash_map<std::string, std::unique_ptr<Barrier>>();
  absl::MutexLock lock(&barriers_mu);
  std::unique_ptr<Barrier>& barrier = (*barriers)[name];
  if (barrier == nullptr) barrier = std::make_unique<Barrier>();
  return *barrier;
}

// ---------------------------------------------------------------------------------------
// Op definitions.

REGISTER_OP("RtConst")
    .Output("output: dtype")
    .Attr("value: tensor")
    .Attr("dtype: type")
    .SetShapeFn([](InferenceContext* c) {
      tensorflow::TensorProto value;
      RETURN_IF_ERROR(c->GetAttr("value", &value));
      ShapeHandle shape;
      RETURN_IF_ERROR(c->MakeShapeFromShapeProto(value.tensor_shape(), &shape));
      c->set_output(0, shape);
      return absl::OkStatus();
    });

REGISTER_OP("RtAdd")
    .Input("x: float")
    .Input("y: float")
    .Output("z: float")
    .SetShapeFn([](InferenceContext* c) {
      ShapeHandle shape;
      RETURN_IF_ERROR(c->Merge(c->input(0), c->input(1), &shape));
      c->set_output(0, shape);
      return absl::OkStatus();
    });

REGISTER_OP("RtCounter")
    .Input("x: float")
    .Output("y: float")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) {
      c->set_output(0, c->input(0));
      return absl::OkStatus();
    });

REGISTER_OP("RtBarrier")
    .Output("output: float")
    .Attr("barrier: string")
    .Attr("parties: int >= 1")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) {
      c->set_output(0, c->Scalar());
      return absl::OkStatus();
    });

REGISTER_OP("RtFail")
    .Input("x: float")
    .Output("y: float")
    .Attr("message: string")
    .Attr("add_context: bool = false")
    .SetShapeFn([](InferenceContext* c) {
      c->set_output(0, c->input(0));
      return absl::OkStatus();
    });

REGISTER_OP("RtPlaceholder")
    .Output("output: dtype")
    .Attr("dtype: type")
    .Attr("shape: shape")
    .SetShapeFn([](InferenceContext* c) {
      PartialTensorShape shape;
      RETURN_IF_ERROR(c->GetAttr("shape", &shape));
      c->set_output(0, c->MakeShapeFromPartialTensorShape(shape));
      return absl::OkStatus();
    });

REGISTER_OP("RtWaitForCancel")
    .Output("output: float")
    .SetIsStateful()
    .SetShapeFn([](InferenceContext* c) {
      c->set_output(0, c->Scalar());
      return absl::OkStatus();
    });

// ---------------------------------------------------------------------------------------
// Kernels.

class RtConstOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("value", &value_));
    if (value_.dtype() != ctx->output_type(0)) {
      return ctx->AddNodeContext(errors::InvalidArgument(
          "value is ", DataTypeString(value_.dtype()), ", dtype is ",
          DataTypeString(ctx->output_type(0))));
    }
    return absl::OkStatus();
  }
  absl::Status Compute(OpKernelContext* ctx) override { return ctx->set_output(0, value_); }
  bool IsExpensive() const override { return false; }

 private:
  Tensor value_;
};

class RtAddOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Compute(OpKernelContext* ctx) override {
    const Tensor& x = ctx->input(0);
    const Tensor& y = ctx->input(1);
    if (x.shape() != y.shape()) {
      return errors::InvalidArgument("RtAdd needs equal shapes, got ", x.shape().DebugString(),
                                     " and ", y.shape().DebugString());
    }
    Tensor* z;
    RETURN_IF_ERROR(ctx->forward_input_or_allocate_output({0, 1}, 0, x.shape(), &z));
    z->flat<float>() = x.flat<float>() + y.flat<float>();
    return absl::OkStatus();
  }
};

class RtCounterOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Compute(OpKernelContext* ctx) override {
    {
      absl::MutexLock lock(&counts_mu);
      ++Counts()[name()];
    }
    return ctx->set_output(0, ctx->input(0));
  }
  bool IsExpensive() const override { return false; }
};

class RtBarrierOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Initialize(OpKernelConstruction* ctx) override {
    std::string barrier_name;
    RETURN_IF_ERROR(ctx->GetAttr("barrier", &barrier_name));
    RETURN_IF_ERROR(ctx->GetAttr("parties", &parties_));
    barrier_ = &GetBarrier(barrier_name);
    return absl::OkStatus();
  }
  absl::Status Compute(OpKernelContext* ctx) override {
    {
      absl::MutexLock lock(&barrier_->mu);
      const int64_t generation = barrier_->generation;
      if (++barrier_->arrived == parties_) {
        barrier_->arrived = 0;
        ++barrier_->generation;
      } else {
        auto next_generation = [this, generation]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(
                                   barrier_->mu) { return barrier_->generation != generation; };
        if (!barrier_->mu.AwaitWithTimeout(absl::Condition(&next_generation), kWaitLimit)) {
          --barrier_->arrived;
          return errors::DeadlineExceeded("barrier waited ", absl::FormatDuration(kWaitLimit),
                                          " for ", parties_,
                                          " parties: they did not run in parallel");
        }
      }
    }
    Tensor* output;
    RETURN_IF_ERROR(ctx->allocate_output(0, TensorShape(), &output));
    output->scalar<float>()() = 1.0f;
    return absl::OkStatus();
  }

 private:
  int64_t parties_ = 0;
  Barrier* barrier_ = nullptr;
};

class RtFailOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ctx->GetAttr("message", &message_));
    return ctx->GetAttr("add_context", &add_context_);
  }
  absl::Status Compute(OpKernelContext* ctx) override {
    absl::Status status = errors::InvalidArgument(message_);
    return add_context_ ? ctx->AddNodeContext(status) : status;
  }

 private:
  std::string message_;
  bool add_context_ = false;
};

class RtPlaceholderOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return ctx->GetAttr("shape", &shape_);
  }
  absl::Status Compute(OpKernelContext* ctx) override {
    return errors::InvalidArgument("You must feed a value for placeholder tensor '", name(),
                                   "' with dtype ", DataTypeString(output_type(0)),
                                   " and shape ", shape_.DebugString());
  }
  bool IsExpensive() const override { return false; }

 private:
  PartialTensorShape shape_;
};

class RtWaitForCancelOp : public OpKernel {
 public:
  using OpKernel::OpKernel;
  absl::Status Compute(OpKernelContext* ctx) override {
    const absl::Time give_up = absl::Now() + kWaitLimit;
    while (!ctx->is_cancelled()) {
      if (absl::Now() > give_up) {
        return errors::DeadlineExceeded("the step was not cancelled within ",
                                        absl::FormatDuration(kWaitLimit));
      }
      absl::SleepFor(absl::Milliseconds(1));
    }
    return errors::Cancelled("the step was cancelled");
  }
};

REGISTER_KERNEL_BUILDER(Name("RtConst").Device(DEVICE_CPU), RtConstOp);
REGISTER_KERNEL_BUILDER(Name("RtAdd").Device(DEVICE_CPU), RtAddOp);
REGISTER_KERNEL_BUILDER(Name("RtCounter").Device(DEVICE_CPU), RtCounterOp);
REGISTER_KERNEL_BUILDER(Name("RtBarrier").Device(DEVICE_CPU), RtBarrierOp);
REGISTER_KERNEL_BUILDER(Name("RtFail").Device(DEVICE_CPU), RtFailOp);
REGISTER_KERNEL_BUILDER(Name("RtPlaceholder").Device(DEVICE_CPU), RtPlaceholderOp);
REGISTER_KERNEL_BUILDER(Name("RtWaitForCancel").Device(DEVICE_CPU), RtWaitForCancelOp);

// Input adds the tensor `name` ("a:1") of dtype float as the builder's next input.
NodeDefBuilder& Input(NodeDefBuilder& builder, absl::string_view name) {
  absl::StatusOr<TensorId> id = ParseTensorName(name);
  RILL_CHECK_OK(id);
  return builder.Input(id->node, id->index, DT_FLOAT);
}

tensorflow::NodeDef Finish(const NodeDefBuilder& builder) {
  tensorflow::NodeDef node;
  RILL_CHECK_OK(builder.Finalize(&node));
  return node;
}

}  // namespace

int64_t ExecutionCount(absl::string_view node_name) {
  absl::MutexLock lock(&counts_mu);
  auto it = Counts().find(node_name);
  return it == Counts().end() ? 0 : it->second;
}

void ResetExecutionCounts() {
  absl::MutexLock lock(&counts_mu);
  Counts().clear();
}

tensorflow::NodeDef ConstNode(absl::string_view name, const Tensor& value) {
  return Finish(NodeDefBuilder(name, "RtConst").Attr("value", value).Attr("dtype",
                                                                          value.dtype()));
}

tensorflow::NodeDef AddNode(absl::string_view name, absl::string_view x,
                            absl::string_view y) {
  NodeDefBuilder builder(name, "RtAdd");
  Input(builder, x);
  Input(builder, y);
  return Finish(builder);
}

tensorflow::NodeDef CounterNode(absl::string_view name, absl::string_view x) {
  NodeDefBuilder builder(name, "RtCounter");
  Input(builder, x);
  return Finish(builder);
}

tensorflow::NodeDef BarrierNode(absl::string_view name, absl::string_view barrier,
                                int parties) {
  return Finish(NodeDefBuilder(name, "RtBarrier")
                    .Attr("barrier", std::string(barrier))
                    .Attr("parties", static_cast<int64_t>(parties)));
}

tensorflow::NodeDef FailNode(absl::string_view name, absl::string_view x,
                             absl::string_view message, bool add_context) {
  NodeDefBuilder builder(name, "RtFail");
  Input(builder, x);
  builder.Attr("message", std::string(message)).Attr("add_context", add_context);
  return Finish(builder);
}

tensorflow::NodeDef PlaceholderNode(absl::string_view name, DataType dtype,
                                    const PartialTensorShape& shape) {
  return Finish(NodeDefBuilder(name, "RtPlaceholder").Attr("dtype", dtype).Attr("shape", shape));
}

tensorflow::NodeDef WaitForCancelNode(absl::string_view name) {
  return Finish(NodeDefBuilder(name, "RtWaitForCancel"));
}

}  // namespace runtime_test
}  // namespace rill
