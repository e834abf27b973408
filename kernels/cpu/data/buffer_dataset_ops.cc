// CPU kernels of the datasets that hold elements back: ShuffleDataset (TensorFlow's
// shuffle buffer and seed rules, so a seeded pipeline gives TensorFlow's order),
// PrefetchDataset (a background thread filling a bounded buffer) and CacheDataset (in
// memory, kept in the iterator resource across passes).
#include <cstdint>
#include <deque>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "absl/base/thread_annotations.h"
#include "absl/strings/str_cat.h"
#include "absl/synchronization/mutex.h"
#include "core/framework/device_type.h"
#include "core/framework/errors.h"
#include "core/framework/kernel_registry.h"
#include "core/framework/op_kernel.h"
#include "core/framework/status_macros.h"
#include "core/random/philox_random.h"
#include "core/random/random_distributions.h"
#include "kernels/cpu/data/dataset.h"

namespace rill {
namespace data {
namespace {

// --- ShuffleDataset ---

// SeedGenerator is TensorFlow's RandomSeedGenerator: each new iterator of a reshuffling
// dataset takes the next two 32-bit words of Philox(seed, seed2) as its own seeds. It lives
// in the IteratorContext, so re-initializing an iterator (or repeating) reshuffles.
class SeedGenerator {
 public:
  SeedGenerator(int64_t seed, int64_t seed2) : parent_(seed, seed2), generator_(&parent_) {}
  SeedGenerator(const SeedGenerator&) = delete;
  SeedGenerator& operator=(const SeedGenerator&) = delete;

  std::pair<int64_t, int64_t> Next() {
    absl::MutexLock lock(&mu_);
    const int64_t seed = generator_();
    const int64_t seed2 = generator_();
    return {seed, seed2};
  }

 private:
  absl::Mutex mu_;
  random::PhiloxRandom parent_ ABSL_GUARDED_BY(mu_);
  random::SingleSampleAdapter<random::PhiloxRandom> generator_ ABSL_GUARDED_BY(mu_);
};

class ShuffleDataset : public DatasetBase {
 public:
  ShuffleDataset(std::string node_name, DatasetPtr input, int64_t buffer_size, int64_t seed,
                 int64_t seed2, bool reshuffle_each_iteration)
      : DatasetBase("ShuffleDataset", std::move(node_name), input->output_dtypes(),
                    input->output_shapes()),
        input_(std::move(input)),
        buffer_size_(buffer_size),
        seed_(seed),
        seed2_(seed2),
        reshuffle_each_iteration_(reshuffle_each_iteration) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    const std::string own_prefix = IteratorPrefix(prefix);
    std::pair<int64_t, int64_t> seeds = {seed_, seed2_};
    if (reshuffle_each_iteration_) {
      const int64_t seed = seed_;
      const int64_t seed2 = seed2_;
      seeds = ctx->LookupOrCreate<SeedGenerator>(
                     absl::StrCat(own_prefix, "::ShuffleDataset::RandomSeedGenerator"),
                     [seed, seed2] { return std::make_shared<SeedGenerator>(seed, seed2); })
                  ->Next();
    }
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input, input_->MakeIterator(ctx, own_prefix));
    return std::make_unique<Iterator>(
        std::static_pointer_cast<const ShuffleDataset>(shared_from_this()), std::move(input),
        seeds.first, seeds.second);
  }

 private:
  // Iterator fills a buffer of buffer_size elements, then emits a uniformly chosen one and
  // refills its place, as TensorFlow's: buffer indices are taken modulo buffer_size over a
  // window [start_, end_), the chosen element is swapped with the window's first.
  class Iterator : public IteratorBase {
   public:
    Iterator(std::shared_ptr<const ShuffleDataset> dataset, std::unique_ptr<IteratorBase> input,
             int64_t seed, int64_t seed2)
        : dataset_(std::move(dataset)),
          input_(std::move(input)),
          parent_generator_(seed, seed2),
          generator_(&parent_generator_) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      const int64_t capacity = dataset_->buffer_size_;
      while (input_ != nullptr && end_ - start_ < capacity) {
        Element element;
        bool end_of_input = false;
        RETURN_IF_ERROR(input_->GetNext(&element, &end_of_input));
        if (end_of_input) {
          input_.reset();
          break;
        }
        const int64_t slot = end_ % capacity;
        if (slot == static_cast<int64_t>(buffer_.size())) {
          buffer_.push_back(std::move(element));
        } else {
          buffer_[slot] = std::move(element);
        }
        ++end_;
      }
      *end_of_sequence = end_ == start_;
      if (*end_of_sequence) return absl::OkStatus();
      const int64_t offset = static_cast<int64_t>(generator_()) % (end_ - start_);
      const int64_t index = (start_ + offset) % capacity;
      *out = std::move(buffer_[index]);
      std::swap(buffer_[index], buffer_[start_ % capacity]);
      ++start_;
      return absl::OkStatus();
    }

   private:
    const std::shared_ptr<const ShuffleDataset> dataset_;
    std::unique_ptr<IteratorBase> input_;
    // buffer_ grows to buffer_size as it first fills (indices below it are written in
    // order), so a huge buffer_size costs only the elements the input really has.
    std::vector<Element> buffer_;
    int64_t start_ = 0;
    int64_t end_ = 0;
    random::PhiloxRandom parent_generator_;
    random::SingleSampleAdapter<random::PhiloxRandom> generator_;
  };

  const DatasetPtr input_;
  const int64_t buffer_size_;
  const int64_t seed_;
  const int64_t seed2_;
  const bool reshuffle_each_iteration_;
};

class ShuffleDatasetOp : public UnaryDatasetOpKernel {
 public:
  using UnaryDatasetOpKernel::UnaryDatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override {
    RETURN_IF_ERROR(ReadOutputStructure(ctx));
    return ctx->GetAttr("reshuffle_each_iteration", &reshuffle_each_iteration_);
  }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    int64_t buffer_size, seed, seed2;
    RETURN_IF_ERROR(ReadScalarInput(ctx, "buffer_size", &buffer_size));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "seed", &seed));
    RETURN_IF_ERROR(ReadScalarInput(ctx, "seed2", &seed2));
    if (buffer_size <= 0) {
      return errors::InvalidArgument("buffer_size must be greater than zero, got ", buffer_size);
    }
    // By TensorFlow's convention, seeds (0, 0) ask for nondeterministic shuffling.
    if (seed == 0 && seed2 == 0) {
      std::random_device device;
      seed = (static_cast<int64_t>(device()) << 32) | device();
      seed2 = (static_cast<int64_t>(device()) << 32) | device();
    }
    return std::make_shared<ShuffleDataset>(name(), std::move(input), buffer_size, seed, seed2,
                                            reshuffle_each_iteration_);
  }

 private:
  bool reshuffle_each_iteration_ = true;
};

// --- PrefetchDataset ---

class PrefetchDataset : public DatasetBase {
 public:
  PrefetchDataset(std::string node_name, DatasetPtr input, int64_t buffer_size)
      : DatasetBase("PrefetchDataset", std::move(node_name), input->output_dtypes(),
                    input->output_shapes()),
        input_(std::move(input)),
        buffer_size_(buffer_size) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input,
                     input_->MakeIterator(ctx, IteratorPrefix(prefix)));
    return std::make_unique<Iterator>(buffer_size_, std::move(input));
  }

 private:
  // Iterator starts its thread at the first GetNext; the thread reads the input into the
  // buffer (errors included, in order) while it has room, until the input ends or the
  // iterator is destroyed, which waits for the element being read.
  class Iterator : public IteratorBase {
   public:
    Iterator(int64_t buffer_size, std::unique_ptr<IteratorBase> input)
        : buffer_size_(buffer_size), input_(std::move(input)) {}

    ~Iterator() override {
      {
        absl::MutexLock lock(&mu_);
        cancelled_ = true;
      }
      if (thread_.joinable()) thread_.join();
    }

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      if (!thread_.joinable()) thread_ = std::thread([this] { Prefetch(); });
      absl::MutexLock lock(&mu_);
      mu_.Await(absl::Condition(
          +[](Iterator* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
            return !self->buffer_.empty() || self->input_done_;
          },
          this));
      *end_of_sequence = buffer_.empty();
      if (*end_of_sequence) return absl::OkStatus();
      Buffered next = std::move(buffer_.front());
      buffer_.pop_front();
      RETURN_IF_ERROR(next.status);
      *out = std::move(next.element);
      return absl::OkStatus();
    }

   private:
    struct Buffered {
      absl::Status status;
      Element element;
    };

    // Prefetch fills the buffer; once it is full the thread sleeps until the consumer has
    // taken half of it, so that it is woken once per half buffer rather than per element
    // (each wake is a system call on the consumer's side).
    void Prefetch() {
      while (true) {
        {
          absl::MutexLock lock(&mu_);
          if (static_cast<int64_t>(buffer_.size()) >= buffer_size_) {
            mu_.Await(absl::Condition(
                +[](Iterator* self) ABSL_EXCLUSIVE_LOCKS_REQUIRED(self->mu_) {
                  return self->cancelled_ ||
                         static_cast<int64_t>(self->buffer_.size()) <= self->buffer_size_ / 2;
                },
                this));
          }
          if (cancelled_) return;
        }
        Buffered next;
        bool end_of_input = false;
        next.status = input_->GetNext(&next.element, &end_of_input);
        absl::MutexLock lock(&mu_);
        if (next.status.ok() && end_of_input) {
          input_done_ = true;
          return;
        }
        buffer_.push_back(std::move(next));
      }
    }

    const int64_t buffer_size_;
    const std::unique_ptr<IteratorBase> input_;  // Read by the thread only.
    absl::Mutex mu_;
    std::deque<Buffered> buffer_ ABSL_GUARDED_BY(mu_);
    bool input_done_ ABSL_GUARDED_BY(mu_) = false;
    bool cancelled_ ABSL_GUARDED_BY(mu_) = false;
    std::thread thread_;
  };

  const DatasetPtr input_;
  const int64_t buffer_size_;
};

class PrefetchDatasetOp : public UnaryDatasetOpKernel {
 public:
  using UnaryDatasetOpKernel::UnaryDatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override { return ReadOutputStructure(ctx); }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    int64_t buffer_size;
    RETURN_IF_ERROR(ReadScalarInput(ctx, "buffer_size", &buffer_size));
    if (buffer_size == -1) buffer_size = 1;  // AUTOTUNE: Rill does not tune; one ahead.
    if (buffer_size < 0) {
      return errors::InvalidArgument("buffer_size must be >= 0 or -1 (AUTOTUNE), got ",
                                     buffer_size);
    }
    if (buffer_size == 0) return input;
    return std::make_shared<PrefetchDataset>(name(), std::move(input), buffer_size);
  }
};

// --- CacheDataset ---

// MemoryCache holds the elements of one complete pass, once a pass completes.
struct MemoryCache {
  absl::Mutex mu;
  std::shared_ptr<const std::vector<Element>> elements ABSL_GUARDED_BY(mu);
};

class CacheDataset : public DatasetBase {
 public:
  CacheDataset(std::string node_name, DatasetPtr input)
      : DatasetBase("CacheDataset", std::move(node_name), input->output_dtypes(),
                    input->output_shapes()),
        input_(std::move(input)) {}

  absl::StatusOr<std::unique_ptr<IteratorBase>> MakeIterator(
      std::shared_ptr<IteratorContext> ctx, const std::string& prefix) const override {
    const std::string own_prefix = IteratorPrefix(prefix);
    std::shared_ptr<MemoryCache> cache = ctx->LookupOrCreate<MemoryCache>(
        absl::StrCat(own_prefix, "::", node_name(), "::MemoryCache"),
        [] { return std::make_shared<MemoryCache>(); });
    std::shared_ptr<const std::vector<Element>> elements;
    {
      absl::MutexLock lock(&cache->mu);
      elements = cache->elements;
    }
    if (elements != nullptr) return std::make_unique<ReaderIterator>(std::move(elements));
    ASSIGN_OR_RETURN(std::unique_ptr<IteratorBase> input, input_->MakeIterator(ctx, own_prefix));
    return std::make_unique<WriterIterator>(std::move(cache), std::move(input));
  }

 private:
  // WriterIterator passes the input through, keeping a copy; a pass that reaches the end
  // fills the cache, a partial pass leaves it empty.
  class WriterIterator : public IteratorBase {
   public:
    WriterIterator(std::shared_ptr<MemoryCache> cache, std::unique_ptr<IteratorBase> input)
        : cache_(std::move(cache)), input_(std::move(input)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      RETURN_IF_ERROR(input_->GetNext(out, end_of_sequence));
      if (!*end_of_sequence) {
        written_.push_back(*out);
        return absl::OkStatus();
      }
      if (!completed_) {
        completed_ = true;
        absl::MutexLock lock(&cache_->mu);
        if (cache_->elements == nullptr) {
          cache_->elements = std::make_shared<const std::vector<Element>>(std::move(written_));
        }
      }
      return absl::OkStatus();
    }

   private:
    const std::shared_ptr<MemoryCache> cache_;
    const std::unique_ptr<IteratorBase> input_;
    std::vector<Element> written_;
    bool completed_ = false;
  };

  class ReaderIterator : public IteratorBase {
   public:
    explicit ReaderIterator(std::shared_ptr<const std::vector<Element>> elements)
        : elements_(std::move(elements)) {}

    absl::Status GetNext(Element* out, bool* end_of_sequence) override {
      *end_of_sequence = next_ >= elements_->size();
      if (!*end_of_sequence) *out = (*elements_)[next_++];
      return absl::OkStatus();
    }

   private:
    const std::shared_ptr<const std::vector<Element>> elements_;
    size_t next_ = 0;
  };

  const DatasetPtr input_;
};

class CacheDatasetOp : public UnaryDatasetOpKernel {
 public:
  using UnaryDatasetOpKernel::UnaryDatasetOpKernel;

  absl::Status Initialize(OpKernelConstruction* ctx) override { return ReadOutputStructure(ctx); }

 protected:
  absl::StatusOr<DatasetPtr> MakeDataset(OpKernelContext* ctx, DatasetPtr input) override {
    std::string filename;
    RETURN_IF_ERROR(ReadScalarInput(ctx, "filename", &filename));
    if (!filename.empty()) {
      return errors::Unimplemented(
          "CacheDataset caches in memory only (filename \"\"); got "
          "filename \"",
          filename, "\"");
    }
    return std::make_shared<CacheDataset>(name(), std::move(input));
  }
};

REGISTER_KERNEL_BUILDER(Name("ShuffleDataset").Device(DEVICE_CPU), ShuffleDatasetOp);
REGISTER_KERNEL_BUILDER(Name("PrefetchDataset").Device(DEVICE_CPU), PrefetchDatasetOp);
REGISTER_KERNEL_BUILDER(Name("CacheDataset").Device(DEVICE_CPU), CacheDatasetOp);

}  // namespace
}  // namespace data
}  // namespace rill
