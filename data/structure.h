// The structure of a dataset's elements: the dtypes and (partial) shapes of their
// components, printed as TensorFlow's Python prints output_types and output_shapes.
#ifndef RILL_DATA_STRUCTURE_H_
#define RILL_DATA_STRUCTURE_H_

#include <ostream>
#include <vector>

#include "core/framework/tensor_shape.h"
#include "core/framework/types.h"

namespace rill {
namespace data {

// DataTypes are the dtypes of an element's components. They print as
// "(float32, float32)", or "float32" for a single component.
struct DataTypes {
  DataTypeVector dtypes;
};
std::ostream& operator<<(std::ostream& os, const DataTypes& types);

// Shapes are the shapes of an element's components. They print as "([], [?])", or "[2]"
// for a single component: "?" is an unknown dimension, "<unknown>" an unknown rank.
struct Shapes {
  std::vector<PartialTensorShape> shapes;
};
std::ostream& operator<<(std::ostream& os, const Shapes& shapes);

}  // namespace data
}  // namespace rill

#endif  // RILL_DATA_STRUCTURE_H_
