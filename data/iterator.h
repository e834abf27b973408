// Iterator: the client's handle on an iterator resource (IteratorV2 or OneShotIterator),
// its initializer and the IteratorGetNext ops that read it.
#ifndef RILL_DATA_ITERATOR_H_
#define RILL_DATA_ITERATOR_H_

#include <utility>
#include <vector>

#include "core/client/ops.h"
#include "core/client/scope.h"
#include "data/structure.h"

namespace rill {
namespace data {

// Iterator hands out a dataset's elements to the steps that run GetNext's Outputs, one
// element per step, in every session separately (the state is a resource of the session).
// Past the last element, such a step fails with OutOfRange, and keeps failing so until
// the initializer runs again:
//
//   Iterator iterator = dataset.MakeInitializableIterator();
//   std::vector<Output> next = iterator.GetNext();
//   for (int epoch = 0; epoch < 100; ++epoch) {
//     RILL_CHECK_OK(session.Run({}, {}, {iterator.initializer()}, nullptr));
//     while (session.Run({next[0], next[1]}, &out).ok()) { ... }   // until OutOfRange
//   }
//
// Made by Dataset::MakeOneShotIterator / MakeInitializableIterator. A value; cheap to copy.
class Iterator {
 public:
  // initializer is the MakeIterator op that (re)starts the iterator; a one-shot iterator
  // has none (a default Operation).
  const Operation& initializer() const { return initializer_; }

  // GetNext adds an IteratorGetNext op (TensorFlow's get_next()) and returns one Output per
  // component of the element.
  std::vector<Output> GetNext() const;

  // handle is the iterator's DT_RESOURCE Output.
  const Output& handle() const { return handle_; }
  const DataTypes& output_types() const { return types_; }
  const Shapes& output_shapes() const { return shapes_; }

 private:
  friend class Dataset;
  Iterator(const Scope& scope, Output handle, Operation initializer, DataTypes types, Shapes shapes)
      : scope_(scope),
        handle_(handle),
        initializer_(initializer),
        types_(std::move(types)),
        shapes_(std::move(shapes)) {}

  Scope scope_;
  Output handle_;
  Operation initializer_;
  DataTypes types_;
  Shapes shapes_;
};

}  // namespace data
}  // namespace rill

#endif  // RILL_DATA_ITERATOR_H_
