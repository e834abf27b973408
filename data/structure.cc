// Printing element structures the way TensorFlow's Python prints them.
#include "data/structure.h"

#include <string>

namespace rill {
namespace data {
namespace {

// PythonDtypeName is TensorFlow Python's name of `dtype`: float32 rather than float.
std::string PythonDtypeName(DataType dtype) {
  switch (dtype) {
    case DT_HALF:
      return "float16";
    case DT_FLOAT:
      return "float32";
    case DT_DOUBLE:
      return "float64";
    default:
      return DataTypeString(dtype);
  }
}

// PrintTuple prints one item alone, several as "(a, b)".
template <typename Items, typename Print>
std::ostream& PrintTuple(std::ostream& os, const Items& items, Print print) {
  if (items.size() == 1) return os << print(items[0]);
  os << "(";
  for (size_t i = 0; i < items.size(); ++i) os << (i > 0 ? ", " : "") << print(items[i]);
  return os << ")";
}

}  // namespace

std::ostream& operator<<(std::ostream& os, const DataTypes& types) {
  return PrintTuple(os, types.dtypes, PythonDtypeName);
}

std::ostream& operator<<(std::ostream& os, const Shapes& shapes) {
  return PrintTuple(os, shapes.shapes,
                    [](const PartialTensorShape& shape) { return shape.DebugString(); });
}

}  // namespace data
}  // namespace rill
