// Op definitions of the candidate samplers (UniformCandidateSampler,
// LogUniformCandidateSampler, FixedUnigramCandidateSampler) and ComputeAccidentalHits, with
// TensorFlow's names, attrs and shape functions; none has a gradient. Kernels live in
// kernels/cpu/nn; the client functions that set their seeds in candidate_sampling.h.
#include <cstdint>

#include "core/framework/op_registry.h"
#include "core/framework/shape_inference.h"
#include "core/framework/status_macros.h"

namespace rill {
namespace {

// CandidateSamplerShape: true_classes is a [batch_size, num_true] matrix; the candidates and
// their expected counts are [num_sampled] vectors, the true classes' counts are
// [batch_size, num_true].
absl::Status CandidateSamplerShape(InferenceContext* c) {
  int64_t num_sampled;
  int64_t num_true;
  RETURN_IF_ERROR(c->GetAttr("num_sampled", &num_sampled));
  RETURN_IF_ERROR(c->GetAttr("num_true", &num_true));
  ShapeHandle true_classes;
  RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &true_classes));
  const ShapeHandle sampled = c->Vector(num_sampled);
  c->set_output(0, sampled);
  c->set_output(1, c->Matrix(c->Dim(true_classes, 0), num_true));
  c->set_output(2, sampled);
  return absl::OkStatus();
}

// AccidentalHitsShape: true_classes [batch_size, num_true], sampled_candidates a vector; the
// three outputs are vectors of the (run-time) number of hits.
absl::Status AccidentalHitsShape(InferenceContext* c) {
  int64_t num_true;
  RETURN_IF_ERROR(c->GetAttr("num_true", &num_true));
  ShapeHandle true_classes;
  RETURN_IF_ERROR(c->WithRank(c->input(0), 2, &true_classes));
  DimensionHandle unused;
  RETURN_IF_ERROR(c->WithValue(c->Dim(true_classes, 1), num_true, &unused));
  ShapeHandle sampled_candidates;
  RETURN_IF_ERROR(c->WithRank(c->input(1), 1, &sampled_candidates));
  const ShapeHandle hits = c->Vector(c->UnknownDim());
  c->set_output(0, hits);
  c->set_output(1, hits);
  c->set_output(2, hits);
  return absl::OkStatus();
}

// The arguments every sampler shares, documented once.
constexpr char kSamplerArgs[] = R"doc(
true_classes: A batch_size * num_true matrix, in which each row contains the
  IDs of the num_true target_classes in the corresponding original label.
sampled_candidates: A vector of length num_sampled, in which each element is
  the ID of a sampled candidate.
true_expected_count: A batch_size * num_true matrix, representing
  the number of times each candidate is expected to occur in a batch
  of sampled candidates. If unique=true, then this is a probability.
sampled_expected_count: A vector of length num_sampled, for each sampled
  candidate representing the number of times the candidate is expected
  to occur in a batch of sampled candidates.  If unique=true, then this is a
  probability.
num_true: Number of true labels per context.
num_sampled: Number of candidates to randomly sample.
unique: If unique is true, we sample with rejection, so that all sampled
  candidates in a batch are unique. This requires some approximation to
  estimate the post-rejection sampling probabilities.
range_max: The sampler will sample integers from the interval [0, range_max).
seed: If either seed or seed2 are set to be non-zero, the random number
  generator is seeded by the given seed.  Otherwise, it is seeded by a
  random seed.
seed2: An second seed to avoid seed collision.
)doc";

// CandidateSamplerOp is the spec the samplers share; each adds its own attrs and doc.
OpDefBuilder CandidateSamplerOp(const char* name) {
  OpDefBuilder builder(name);
  builder.NoGradient()
      .Input("true_classes: int64")
      .Output("sampled_candidates: int64")
      .Output("true_expected_count: float")
      .Output("sampled_expected_count: float")
      .Attr("num_true: int >= 1")
      .Attr("num_sampled: int >= 1")
      .Attr("unique: bool")
      .Attr("range_max: int >= 1")
      .SetShapeFn(CandidateSamplerShape)
      .SetIsStateful();
  return builder;
}

}  // namespace

[[maybe_unused]] static const register_op::OpDefBuilderReceiver kRegisterUniformCandidateSampler(
    CandidateSamplerOp("UniformCandidateSampler")
        .Attr("seed: int = 0")
        .Attr("seed2: int = 0")
        .Doc(std::string(R"doc(
Generates labels for candidate sampling with a uniform distribution.

For each batch, this op picks a single set of sampled candidate labels.

The advantages of sampling candidates per-batch are simplicity and the
possibility of efficient dense matrix multiplication. The disadvantage is that
the sampled candidates must be chosen independently of the context and of the
true labels.
)doc") + kSamplerArgs));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver
    kRegisterLogUniformCandidateSampler(
        CandidateSamplerOp("LogUniformCandidateSampler")
            .Attr("seed: int = 0")
            .Attr("seed2: int = 0")
            .Doc(std::string(R"doc(
Generates labels for candidate sampling with a log-uniform distribution.

The base distribution is approximately log-uniform (Zipfian): class k is drawn with
probability (log(k + 2) - log(k + 1)) / log(range_max + 1), as floor(exp(u * log(range_max +
1))) - 1 for u uniform in [0, 1).

For each batch, this op picks a single set of sampled candidate labels.

The advantages of sampling candidates per-batch are simplicity and the
possibility of efficient dense matrix multiplication. The disadvantage is that
the sampled candidates must be chosen independently of the context and of the
true labels.
)doc") + kSamplerArgs));

[[maybe_unused]] static const register_op::OpDefBuilderReceiver
    kRegisterFixedUnigramCandidateSampler(
        CandidateSamplerOp("FixedUnigramCandidateSampler")
            .Attr("vocab_file: string = ''")
            .Attr("distortion: float = 1.0")
            .Attr("num_reserved_ids: int = 0")
            .Attr("num_shards: int >= 1 = 1")
            .Attr("shard: int >= 0 = 0")
            .Attr("unigrams: list(float) = []")
            .Attr("seed: int = 0")
            .Attr("seed2: int = 0")
            .Doc(std::string(R"doc(
Generates labels for candidate sampling with a learned unigram distribution.

A unigram sampler could use a fixed unigram distribution read from a
file or passed in as an in-memory array instead of building up the distribution
from data on the fly. There is also an option to skew the distribution by
applying a distortion power to the weights.

The vocabulary file should be in CSV-like format, with the last field
being the weight associated with the word.

For each batch, this op picks a single set of sampled candidate labels.

The advantages of sampling candidates per-batch are simplicity and the
possibility of efficient dense matrix multiplication. The disadvantage is that
the sampled candidates must be chosen independently of the context and of the
true labels.

vocab_file: Each valid line in this file (which should have a CSV-like format)
  corresponds to a valid word ID. IDs are in sequential order, starting from
  num_reserved_ids. The last entry in each line is expected to be a value
  corresponding to the count or relative probability. Exactly one of vocab_file
  and unigrams needs to be passed to this op.
distortion: The distortion is used to skew the unigram probability distribution.
  Each weight is first raised to the distortion's power before adding to the
  internal unigram distribution. As a result, distortion = 1.0 gives regular
  unigram sampling (as defined by the vocab file), and distortion = 0.0 gives
  a uniform distribution.
num_reserved_ids: Optionally some reserved IDs can be added in the range [0,
  ..., num_reserved_ids) by the users. One use case is that a special unknown
  word token is used as ID 0. These IDs will have a sampling probability of 0.
num_shards: A sampler can be used to sample from a subset of the original range
  in order to speed up the whole computation through parallelism. This parameter
  (together with 'shard') indicates the number of partitions that are being
  used in the overall computation.
shard: A sampler can be used to sample from a subset of the original range
  in order to speed up the whole computation through parallelism. This parameter
  (together with 'num_shards') indicates the particular partition number of a
  sampler op, when partitioning is being used.
unigrams: A list of unigram counts or probabilities, one per ID in sequential
  order. Exactly one of vocab_file and unigrams should be passed to this op.
)doc") + kSamplerArgs));

REGISTER_OP("ComputeAccidentalHits")
    .NoGradient()
    .Input("true_classes: int64")
    .Input("sampled_candidates: int64")
    .Output("indices: int32")
    .Output("ids: int64")
    .Output("weights: float")
    .Attr("num_true: int")
    .Attr("seed: int = 0")
    .Attr("seed2: int = 0")
    .SetShapeFn(AccidentalHitsShape)
    .Doc(R"doc(
Computes the ids of the positions in sampled_candidates that match true_labels.

When doing log-odds NCE, the result of this op should be passed through a
SparseToDense op, then added to the logits of the sampled candidates. This has
the effect of 'removing' the sampled labels that match the true labels by
making the classifier sure that they are sampled labels.

true_classes: The true_classes output of UnpackSparseLabels.
sampled_candidates: The sampled_candidates output of CandidateSampler.
indices: A vector of indices corresponding to rows of true_candidates.
ids: A vector of IDs of positions in sampled_candidates that match a true_label
  for the row with the corresponding index in indices.
weights: A vector of the same length as indices and ids, in which each element
  is -FLOAT_MAX.
num_true: Number of true labels per context.
seed: If either seed or seed2 are set to be non-zero, the random number
  generator is seeded by the given seed.  Otherwise, it is seeded by a
  random seed.
seed2: An second seed to avoid seed collision.
)doc");

}  // namespace rill
