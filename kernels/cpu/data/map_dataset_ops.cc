// CPU kernels of the datasets that run a function per element: MapDataset,
// ParallelMapDataset (calls on the iterator's own threads, results in input order),
// FilterDataset, FlatMapDataset and InterleaveDataset. A function's error is reported with
// the dataset's name and the element's index; the next GetNext goes on with the next
// element.
#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/cpu_device.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/framework/thread_pool.h"
#include "kernels/cpu/data/captured_function.h"
#include "kernels/cpu/data/dataset.h"

namespace rill {
namespace data {
namespace {

// FunctionDatasetOp is a dataset op transforming input 0 with the function of a func attr,
// called on each element's components followed by the op's other_arguments.
class FunctionDatasetOp : public UnaryDatasetOpKernel {
 public:
  using UnaryDatasetOpKernel::UnaryDatasetOpKernel;

 protected:
  // InitializeFunction reads the output structure and instantiates the function `attr`
  // names, which must return `ret_types` (the output dtypes when empty).
  absl::Status InitializeFunction(OpKernelConstruction* ctx, absl::string_view attr,
                                  DataTypeVector ret_types = {}) {
    RETURN_IF_ERROR(ReadOutputStructure(ctx));
    ASSIGN_OR_RETURN(runner_, InstantiateFunctionAttr(ctx, attr));
    if (ret_types.empty()) ret_types = output_dtypes_;
    if (runner_->ret_types() != ret_types) {
      return ctx->AddNodeContext(errors::InvalidArgument(
          "Function '", runner_->name(), "' returns (", DataTypeVectorString(runner_->ret_types()),
          "), but `", attr, "` must return (", DataTypeVectorString(ret_types), ")"));
    }
    return absl::OkStatus();
  }

  // Capture binds the function to the op's other_arguments, checking the call's types.
  absl::StatusOr<CapturedFunction> Capture(OpKernelContext* ctx, const DatasetBase& input) {
    int start, stop;
    RETURN_IF_ERROR(InputRange("other_arguments", &start, &stop));
    CapturedFunction function{runner_, {}};
    DataTypeVector arg_types = input.output_dtypes();
    for (int i = start; i < stop; ++i) {
      function.captured_inputs.push_back(ctx->input(i));
      arg_types.push_back(ctx->input(i).dtype());
    }
    if (arg_types != runner_->arg_types()) {
      return errors::InvalidArgument(
          "Function '", runner_->name(), "' takes (", DataTypeVectorString(runner_->arg_types()),
          "), but is called with (", DataTypeVectorString(arg_types), "): the elements of ",
          input.DebugString(), " and ", stop - start, " captured inputs");
    }
    return function;
  }

  std::shared_ptr<const FunctionRunner> runner_;
};

// --- MapDataset ---

class MapDataset : public DatasetBase {
 public:
  MapDataset(std::string node_name, DatasetPtr input, CapturedFunction function,
             DataTypeVector dtypes, std::vector<PartialTensorShape> shapes)
      : DatasetBase("MapDataset", std::move(node_name), std::move(dtypes), std::move(shapes)),
        input_(std::move(input)),
        function_(std::move(function)) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input,
                     input_->MakeIterator(ctx, IteratorPrefix(prefix)));
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const MapDataset>(shared_from_this()), std::move(input));
  }

 private:
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const MapDataset> dataset, std::unique_ptr<IteratorBase> input)
        : dataset_(std::move(dataset)), input_(std::move(input)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      Element args;
      RETURN_IF_ERROR(input_->GetNext(&args, end_of_sequence));
      if (*end_of_sequence) return absl::OkStatus();
      const int64_t index = next_index_++;
      return dataset_->ElementError(index, dataset_->function_.Run(args, out));
    }

   private:
    const std::shared_ptr<const MapDataset> dataset_;
    const std::unique_ptr<IteratorBase> input_;
    int64_t next_index_ = 0;
  };

  const DatasetPtr input_;
  const CapturedFunction function_;
};

class MapDatasetOp : public FunctionDatasetOp {
 public:
  using FunctionDatasetOp::FunctionDatasetOp;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return InitializeFunction(ctx, "f");
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    ASSIGN_OR_RETURN(CapturedFunction function, Capture(ctx, *input));
    return std::make_shared<MapDataset>(name(), std::move(input), std::move(function),
                                        output_dtypes_, output_shapes_);
  }
};

// --- ParallelMapDataset ---

class ParallelMapDataset : public DatasetBase {
 public:
  ParallelMapDataset(std::string node_name, DatasetPtr input, CapturedFunction function,
                     int num_parallel_calls, DataTypeVector dtypes,
                     std::vector<PartialTensorShape> shapes)
      : DatasetBase("ParallelMapDataset", std::move(node_name), std::move(dtypes),
                    std::move(shapes)),
        input_(std::move(input)),
        function_(std::move(function)),
        num_parallel_calls_(num_parallel_calls) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input,
                     input_->MakeIterator(ctx, IteratorPrefix(prefix)));
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const ParallelMapDataset>(shared_from_this()), std::move(input));
  }

 private:
  // Call is one invocation of the function, in flight or done.
  struct Call {
    absl::Mutex mu;
    bool done ABSL_GUARDED_BY(mu) = false;
    absl::Status status ABSL_GUARDED_BY(mu);
    Element result ABSL_GUARDED_BY(mu);
  };

  // Iterator keeps up to num_parallel_calls calls in flight on its own pool: each GetNext
  // first starts calls for the next input elements, then waits for the oldest call.
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const ParallelMapDataset> dataset, std::unique_ptr<IteratorBase> input)
        : dataset_(std::move(dataset)),
          input_(std::move(input)),
          pool_(std::make_unique<ThreadPool>("rill_data_map", dataset_->num_parallel_calls_)) {}

    ~Iterator() override { pool_.reset(); }  // Waits for the calls in flight.

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      while (!input_done_ && static_cast<int>(calls_.size()) < dataset_->num_parallel_calls_) {
        StartCall();
      }
      if (calls_.empty()) {
        *end_of_sequence = true;
        return absl::OkStatus();
      }
      std::shared_ptr<Call> call = std::move(calls_.front());
      calls_.pop_front();
      absl::MutexLock lock(&call->mu);
      call->mu.Await(absl::Condition(&call->done));
      *end_of_sequence = false;
      RETURN_IF_ERROR(call->status);
      *out = std::move(call->result);
      return absl::OkStatus();
    }

   private:
    // StartCall reads the next input element and schedules the function on it; an input
    // error becomes a finished call, so that it is reported in order.
    void StartCall() {
      Element args;
      bool end_of_input = false;
      auto call = std::make_shared<Call>();
      const absl::Status read = input_->GetNext(&args, &end_of_input);
      if (!read.ok()) {
        absl::MutexLock lock(&call->mu);
        call->status = read;
        call->done = true;
      } else if (end_of_input) {
        input_done_ = true;
        return;
      } else {
        const int64_t index = next_index_++;
        pool_->Schedule([dataset = dataset_, call, index, args = std::move(args)] {
          Element result;
          const absl::Status status =
              dataset->ElementError(index, dataset->function_.Run(args, &result));
          absl::MutexLock lock(&call->mu);
          call->status = status;
          call->result = std::move(result);
          call->done = true;
        });
      }
      calls_.push_back(std::move(call));
    }

    const std::shared_ptr<const ParallelMapDataset> dataset_;
    const std::unique_ptr<IteratorBase> input_;
    std::deque<std::shared_ptr<Call>> calls_;
    bool input_done_ = false;
    int64_t next_index_ = 0;
    std::unique_ptr<ThreadPool> pool_;
  };

  const DatasetPtr input_;
  const CapturedFunction function_;
  const int num_parallel_calls_;
};

class ParallelMapDatasetOp : public FunctionDatasetOp {
 public:
  using FunctionDatasetOp::FunctionDatasetOp;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return InitializeFunction(ctx, "f");
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    ASSIGN_OR_RETURN(CapturedFunction function, Capture(ctx, *input));
    int32_t num_parallel_calls;
    RETURN_IF_ERROR(ReadScalarInput(ctx, "num_parallel_calls", &num_parallel_calls));
    if (num_parallel_calls == -1) num_parallel_calls = NumSchedulableCpus();
    if (num_parallel_calls <= 0) {
      return errors::InvalidArgument("num_parallel_calls must be greater than zero, got ",
                                     num_parallel_calls);
    }
    return std::make_shared<ParallelMapDataset>(name(), std::move(input), std::move(function),
                                                num_parallel_calls, output_dtypes_, output_shapes_);
  }
};

// --- FilterDataset ---

class FilterDataset : public DatasetBase {
 public:
  FilterDataset(std::string node_name, DatasetPtr input, CapturedFunction predicate)
      : DatasetBase("FilterDataset", std::move(node_name), input->output_dtypes(),
                    input->output_shapes()),
        input_(std::move(input)),
        predicate_(std::move(predicate)) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input,
                     input_->MakeIterator(ctx, IteratorPrefix(prefix)));
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const FilterDataset>(shared_from_this()), std::move(input));
  }

 private:
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const FilterDataset> dataset, std::unique_ptr<IteratorBase> input)
        : dataset_(std::move(dataset)), input_(std::move(input)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      while (true) {
        RETURN_IF_ERROR(input_->GetNext(out, end_of_sequence));
        if (*end_of_sequence) return absl::OkStatus();
        const int64_t index = next_index_++;
        std::vector<Tensor> result;
        RETURN_IF_ERROR(dataset_->ElementError(index, dataset_->predicate_.Run(*out, &result)));
        if (result[0].dims() != 0) {
          return dataset_->ElementError(
              index, errors::InvalidArgument(
                         "Filter predicate `predicate` must return a scalar bool, got shape ",
                         result[0].shape().DebugString()));
        }
        if (result[0].scalar<bool>()()) return absl::OkStatus();
      }
    }

   private:
    const std::shared_ptr<const FilterDataset> dataset_;
    const std::unique_ptr<IteratorBase> input_;
    int64_t next_index_ = 0;
  };

  const DatasetPtr input_;
  const CapturedFunction predicate_;
};

class FilterDatasetOp : public FunctionDatasetOp {
 public:
  using FunctionDatasetOp::FunctionDatasetOp;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return InitializeFunction(ctx, "predicate", {DT_BOOL});
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    ASSIGN_OR_RETURN(CapturedFunction predicate, Capture(ctx, *input));
    return std::make_shared<FilterDataset>(name(), std::move(input), std::move(predicate));
  }
};

// --- FlatMapDataset and InterleaveDataset ---

// IteratorOfElement makes the iterator over the dataset that `function` returns for
// element `index`, checking that its elements have the outer dataset's structure.
absl::StatusOr<std::unique_ptr<IteratorBase>> IteratorOfElement(
    const DatasetBase& outer, const CapturedFunction& function, const Element& element,
    int64_t index, const std::shared_ptr<IteratorContext>& ctx, const std::string& prefix) {
  std::vector<Tensor> result;
  RETURN_IF_ERROR(outer.ElementError(index, function.Run(element, &result)));
  absl::StatusOr<DatasetPtr> dataset =
      GetDatasetFromVariantTensor(result[0], "The function's result");
  RETURN_IF_ERROR(outer.ElementError(index, dataset.status()));
  RETURN_IF_ERROR(outer.ElementError(
      index, CheckSameStructure(**dataset, outer.output_dtypes(), outer.output_shapes(),
                                "The function returned dataset")));
  return (*dataset)->MakeIterator(ctx, absl::StrCat(prefix, "[", index, "]"));
}

class FlatMapDataset : public DatasetBase {
 public:
  FlatMapDataset(std::string node_name, DatasetPtr input, CapturedFunction function,
                 DataTypeVector dtypes, std::vector<PartialTensorShape> shapes)
      : DatasetBase("FlatMapDataset", std::move(node_name), std::move(dtypes), std::move(shapes)),
        input_(std::move(input)),
        function_(std::move(function)) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    const std::string own_prefix = IteratorPrefix(prefix);
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input, input_->MakeIterator(ctx, own_prefix));
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const FlatMapDataset>(shared_from_this()), std::move(input),
        std::move(ctx), own_prefix);
  }

 private:
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const FlatMapDataset> dataset, std::unique_ptr<IteratorBase> input,
             std::shared_ptr<IteratorContext> ctx, std::string prefix)
        : dataset_(std::move(dataset)),
          input_(std::move(input)),
          ctx_(std::move(ctx)),
          prefix_(std::move(prefix)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      while (true) {
        if (current_ != nullptr) {
          bool end_of_element = false;
          RETURN_IF_ERROR(current_->GetNext(out, &end_of_element));
          if (!end_of_element) {
            *end_of_sequence = false;
            return absl::OkStatus();
          }
          current_.reset();
        }
        Element element;
        RETURN_IF_ERROR(input_->GetNext(&element, end_of_sequence));
        if (*end_of_sequence) return absl::OkStatus();
        ASSIGN_OR_RETURN(current_, IteratorOfElement(*dataset_, dataset_->function_, element,
                                                     next_index_++, ctx_, prefix_));
      }
    }

   private:
    const std::shared_ptr<const FlatMapDataset> dataset_;
    const std::unique_ptr<IteratorBase> input_;
    const std::shared_ptr<IteratorContext> ctx_;
    const std::string prefix_;
    std::unique_ptr<IteratorBase> current_;
    int64_t next_index_ = 0;
  };

  const DatasetPtr input_;
  const CapturedFunction function_;
};

class FlatMapDatasetOp : public FunctionDatasetOp {
 public:
  using FunctionDatasetOp::FunctionDatasetOp;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return InitializeFunction(ctx, "f", {DT_VARIANT});
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    ASSIGN_OR_RETURN(CapturedFunction function, Capture(ctx, *input));
    return std::make_shared<FlatMapDataset>(name(), std::move(input), std::move(function),
                                            output_dtypes_, output_shapes_);
  }
};

class InterleaveDataset : public DatasetBase {
 public:
  InterleaveDataset(std::string node_name, DatasetPtr input, CapturedFunction function,
                    int64_t cycle_length, int64_t block_length, DataTypeVector dtypes,
                    std::vector<PartialTensorShape> shapes)
      : DatasetBase("InterleaveDataset", std::move(node_name), std::move(dtypes),
                    std::move(shapes)),
        input_(std::move(input)),
        function_(std::move(function)),
        cycle_length_(cycle_length),
        block_length_(block_length) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    const std::string own_prefix = IteratorPrefix(prefix);
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input, input_->MakeIterator(ctx, own_prefix));
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const InterleaveDataset>(shared_from_this()), std::move(input),
        std::move(ctx), own_prefix);
  }

 private:
  // Iterator cycles over cycle_length slots, taking block_length elements from the
  // iterator in each slot before moving on; an exhausted slot is refilled from the next
  // input element when its turn comes (TensorFlow's InterleaveDataset order).
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const InterleaveDataset> dataset, std::unique_ptr<IteratorBase> input,
             std::shared_ptr<IteratorContext> ctx, std::string prefix)
        : dataset_(std::move(dataset)),
          input_(std::move(input)),
          ctx_(std::move(ctx)),
          prefix_(std::move(prefix)),
          slots_(dataset_->cycle_length_) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      while (!end_of_input_ || num_open_ > 0) {
        std::unique_ptr<IteratorBase>& slot = slots_[cycle_index_];
        if (slot != nullptr) {
          bool end_of_element = false;
          RETURN_IF_ERROR(slot->GetNext(out, &end_of_element));
          if (!end_of_element) {
            if (++block_index_ == dataset_->block_length_) NextSlot();
            *end_of_sequence = false;
            return absl::OkStatus();
          }
          slot.reset();
          --num_open_;
          NextSlot();
        } else if (!end_of_input_) {
          Element element;
          RETURN_IF_ERROR(input_->GetNext(&element, &end_of_input_));
          if (!end_of_input_) {
            ASSIGN_OR_RETURN(slot, IteratorOfElement(*dataset_, dataset_->function_, element,
                                                     next_index_++, ctx_, prefix_));
            ++num_open_;
          }
        } else {
          NextSlot();
        }
      }
      *end_of_sequence = true;
      return absl::OkStatus();
    }

   private:
    void NextSlot() {
      block_index_ = 0;
      cycle_index_ = (cycle_index_ + 1) % slots_.size();
    }

    const std::shared_ptr<const InterleaveDataset> dataset_;
    const std::unique_ptr<IteratorBase> input_;
    const std::shared_ptr<IteratorContext> ctx_;
    const std::string prefix_;
    std::vector<std::unique_ptr<IteratorBase>> slots_;
    size_t cycle_index_ = 0;
    int64_t block_index_ = 0;
    int64_t num_open_ = 0;
    bool end_of_input_ = false;
    int64_t next_index_ = 0;
  };

  const DatasetPtr input_;
  const CapturedFunction function_;
  const int64_t cycle_length_;
  const int64_t block_length_;
};

class InterleaveDatasetOp : public FunctionDatasetOp {
 public:
  using FunctionDatasetOp::FunctionDatasetOp;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    return InitializeFunction(ctx, "f", {DT_VARIANT});
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    ASSIGN_OR_RETURN(CapturedFunction function, Capture(ctx, *input));
    int64_t cycle_length, block_length;
    RETURN_IF_ERROR(ReadScalarInput(ctx, "cycle_length", &cycle_length));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "block_length", &block_length));
    if (cycle_length == -1) cycle_length = NumSchedulableCpus();
    if (cycle_length <= 0) {
      return errors::InvalidArgument("cycle_length must be greater than zero, got ", cycle_length);
    }
    if (block_length <= 0) {
      return errors::InvalidArgument("block_length must be greater than zero, got ", block_length);
    }
    return std::make_shared<InterleaveDataset>(name(), std::move(input), std::move(function),
                                               cycle_length, block_length, output_dtypes_,
                                               output_shapes_);
  }
};

REGISTER_KERNEL_BUILDER(Name("MapDataset").Device(DEVICE_CPU), MapDatasetOp);
REGISTER_KERNEL_BUILDER(Name("ParallelMapDataset").Device(DEVICE_CPU), ParallelMapDatasetOp);
REGISTER_KERNEL_BUILDER(Name("FilterDataset").Device(DEVICE_CPU), FilterDatasetOp);
REGISTER_KERNEL_BUILDER(Name("FlatMapDataset").Device(DEVICE_CPU), FlatMapDatasetOp);
REGISTER_KERNEL_BUILDER(Name("InterleaveDataset").Device(DEVICE_CPU), InterleaveDatasetOp);

}  // namespace
}  // namespace data
}  // namespace rill
