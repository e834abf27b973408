// Analogy evaluation with one matrix product per block of questions (Eigen), and cosine
// nearest neighbours.
#include "examples/word2vec/analogy.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include "Eigen/Core"
#include "core/framework/errors.h"

namespace rill {
namespace word2vec {
namespace {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// UnitRows returns the first `rows` rows of `embeddings`, each scaled to unit length.
Matrix UnitRows(const Tensor& embeddings, int64_t rows) {
  const int64_t dim = embeddings.dim_size(1);
  Eigen::Map<const Matrix> all(embeddings.flat<float>().data(), embeddings.dim_size(0), dim);
  Matrix unit = all.topRows(rows);
  for (int64_t r = 0; r < rows; ++r) {
    const float norm = unit.row(r).norm();
    if (norm > 0) unit.row(r) /= norm;
  }
  return unit;
}

std::string Lowercase(std::string word) {
  for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return word;
}

// CandidateEnd is one past the id of the last of the `candidates` most frequent words (UNK,
// id 0, is not one of them).
int64_t CandidateEnd(const Vocabulary& vocabulary, int64_t candidates) {
  return candidates >= vocabulary.size() - 1 ? vocabulary.size() : candidates + 1;
}

struct Question {
  int64_t ids[4];
  size_t section;
};

}  // namespace

int64_t AnalogyWords(const Vocabulary& vocabulary, int64_t min_count, int64_t threshold) {
  int64_t words = 0;
  while (words < threshold && words + 1 < vocabulary.size() &&
         vocabulary.count(words + 1) >= min_count) {
    ++words;
  }
  return words;
}

absl::StatusOr<AnalogyResult> EvaluateAnalogies(const Tensor& embeddings,
                                                const Vocabulary& vocabulary,
                                                const std::string& questions_path,
                                                int64_t candidates) {
  std::ifstream file(questions_path);
  if (!file) return errors::NotFound("Cannot open the analogy questions ", questions_path);
  const int64_t words = CandidateEnd(vocabulary, candidates);
  AnalogyResult result;
  std::vector<Question> questions;
  std::string line;
  int64_t line_number = 0;
  while (std::getline(file, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line[0] == ':') {
      result.sections.push_back({line.substr(line.find_first_not_of(": ")), 0, 0});
      continue;
    }
    std::istringstream fields(line);
    std::string word[4];
    std::string extra;
    if (!(fields >> word[0] >> word[1] >> word[2] >> word[3]) || (fields >> extra) ||
        result.sections.empty()) {
      return errors::InvalidArgument(questions_path, ":", line_number,
                                     ": expected four words after a \": section\" line, got \"",
                                     line, "\"");
    }
    ++result.total;
    Question question{{0, 0, 0, 0}, result.sections.size() - 1};
    bool seen = true;
    for (int k = 0; k < 4; ++k) {
      question.ids[k] = vocabulary.Id(Lowercase(word[k]));
      seen &= question.ids[k] > 0 && question.ids[k] < words;
    }
    if (seen) questions.push_back(question);
  }
  if (words < 2 || questions.empty()) return result;

  const Matrix unit = UnitRows(embeddings, words);
  constexpr int64_t kBlock = 256;
  for (size_t start = 0; start < questions.size(); start += kBlock) {
    const int64_t count = std::min<int64_t>(kBlock, questions.size() - start);
    Matrix queries(count, unit.cols());
    for (int64_t q = 0; q < count; ++q) {
      const Question& question = questions[start + q];
      queries.row(q) = unit.row(question.ids[1]) - unit.row(question.ids[0]) +
                       unit.row(question.ids[2]);
    }
    const Matrix scores = queries * unit.transpose();
    for (int64_t q = 0; q < count; ++q) {
      const Question& question = questions[start + q];
      int64_t best = -1;
      float best_score = -std::numeric_limits<float>::infinity();
      for (int64_t c = 1; c < words; ++c) {
        if (c == question.ids[0] || c == question.ids[1] || c == question.ids[2]) continue;
        if (scores(q, c) > best_score) {
          best_score = scores(q, c);
          best = c;
        }
      }
      AnalogyResult::Section& section = result.sections[question.section];
      ++section.seen;
      ++result.seen;
      if (best == question.ids[3]) {
        ++section.correct;
        ++result.correct;
      }
    }
  }
  return result;
}

std::vector<std::string> NearestNeighbours(const Tensor& embeddings, const Vocabulary& vocabulary,
                                           const std::string& word, int k, int64_t candidates) {
  const int64_t id = vocabulary.Id(word);
  if (id == 0) return {};
  const Matrix unit = UnitRows(embeddings, vocabulary.size());
  const Eigen::VectorXf scores = unit * unit.row(id).transpose();
  const int64_t words = CandidateEnd(vocabulary, candidates);
  std::vector<int64_t> order;
  for (int64_t c = 1; c < words; ++c) {
    if (c != id) order.push_back(c);
  }
  const int64_t take = std::min<int64_t>(k, order.size());
  std::partial_sort(order.begin(), order.begin() + take, order.end(),
                    [&](int64_t a, int64_t b) { return scores(a) > scores(b); });
  std::vector<std::string> neighbours;
  for (int64_t i = 0; i < take; ++i) neighbours.push_back(vocabulary.word(order[i]));
  return neighbours;
}

}  // namespace word2vec
}  // namespace rill
