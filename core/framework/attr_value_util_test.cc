// Tests for AttrValue helpers: setting from C++ values, type checks, default parsing,
// validation against AttrDefs, summaries and equality.
#include "core/framework/attr_value_util.h"

#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "core/framework/tensor_testutil.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

using tensorflow::AttrValue;

template <typename T>
AttrValue Make(const T& value) {
  AttrValue attr;
  SetAttrValue(value, &attr);
  return attr;
}

TEST(AttrValueUtilTest, SetScalars) {
  EXPECT_EQ(Make(int64_t{-3}).i(), -3);
  EXPECT_EQ(Make(7).i(), 7);
  EXPECT_EQ(Make(0.5f).f(), 0.5f);
  EXPECT_EQ(Make(0.25).f(), 0.25f);
  EXPECT_TRUE(Make(true).b());
  EXPECT_EQ(Make("SAME").s(), "SAME");
  EXPECT_EQ(Make(std::string("VALID")).s(), "VALID");
  EXPECT_EQ(Make(absl::string_view("x")).s(), "x");
  EXPECT_EQ(Make(DT_INT64).type(), DT_INT64);

  const AttrValue shape = Make(TensorShape({2, 3}));
  ASSERT_EQ(shape.shape().dim_size(), 2);
  EXPECT_EQ(shape.shape().dim(1).size(), 3);
  const AttrValue partial = Make(PartialTensorShape({-1, 4}));
  EXPECT_EQ(partial.shape().dim(0).size(), -1);
  EXPECT_TRUE(Make(PartialTensorShape()).shape().unknown_rank());

  const AttrValue tensor = Make(test::AsTensor<int32_t>({1, 2}, TensorShape({2})));
  EXPECT_EQ(tensor.tensor().dtype(), DT_INT32);
  EXPECT_EQ(tensor.tensor().tensor_shape().dim(0).size(), 2);
}

TEST(AttrValueUtilTest, SetLists) {
  EXPECT_EQ(Make(std::vector<int64_t>{1, 2}).list().i_size(), 2);
  EXPECT_EQ(Make(std::vector<int32_t>{4, 5, 6}).list().i(2), 6);
  EXPECT_EQ(Make(std::vector<float>{1.5f}).list().f(0), 1.5f);
  EXPECT_EQ(Make(std::vector<bool>{true, false}).list().b(1), false);
  EXPECT_EQ(Make(std::vector<std::string>{"a", "b"}).list().s(1), "b");
  EXPECT_EQ(Make(DataTypeVector{DT_FLOAT, DT_INT32}).list().type(1), DT_INT32);
  EXPECT_EQ(Make(std::vector<TensorShape>{TensorShape({1}), TensorShape({})})
                .list().shape(1).dim_size(),
            0);
  EXPECT_EQ(Make(std::vector<PartialTensorShape>{PartialTensorShape()}).list().shape_size(),
            1);
  // An empty list still sets `list`, so it differs from an unset value.
  const AttrValue empty = Make(std::vector<int64_t>{});
  EXPECT_EQ(empty.value_case(), AttrValue::kList);
}

TEST(AttrValueUtilTest, AttrValueHasType) {
  EXPECT_TRUE(AttrValueHasType(Make(3), "int").ok());
  EXPECT_TRUE(AttrValueHasType(Make(std::vector<int64_t>{1}), "list(int)").ok());
  EXPECT_TRUE(AttrValueHasType(Make(std::vector<int64_t>{}), "list(type)").ok());
  const absl::Status mismatch = AttrValueHasType(Make(3), "list(int)");
  EXPECT_EQ(mismatch.message(), "AttrValue had value with type 'int' when 'list(int)' expected");
  EXPECT_FALSE(AttrValueHasType(Make(std::vector<int64_t>{1}), "int").ok());
  EXPECT_FALSE(AttrValueHasType(AttrValue(), "int").ok());
  AttrValue invalid_type;
  invalid_type.set_type(DT_INVALID);
  EXPECT_FALSE(AttrValueHasType(invalid_type, "type").ok());
  AttrValue mixed;
  mixed.mutable_list()->add_i(1);
  mixed.mutable_list()->add_f(1);
  EXPECT_FALSE(AttrValueHasType(mixed, "list(int)").ok());
}

TEST(AttrValueUtilTest, ParseAttrValue) {
  AttrValue value;
  ASSERT_TRUE(ParseAttrValue("int", " -12 ", &value).ok());
  EXPECT_EQ(value.i(), -12);
  ASSERT_TRUE(ParseAttrValue("float", "1e-3", &value).ok());
  EXPECT_FLOAT_EQ(value.f(), 0.001f);
  ASSERT_TRUE(ParseAttrValue("string", "\"a\\tb\"", &value).ok());
  EXPECT_EQ(value.s(), "a\tb");
  ASSERT_TRUE(ParseAttrValue("type", "float", &value).ok());
  EXPECT_EQ(value.type(), DT_FLOAT);
  ASSERT_TRUE(ParseAttrValue("shape", "?", &value).ok());
  EXPECT_TRUE(value.shape().unknown_rank());
  ASSERT_TRUE(ParseAttrValue("list(bool)", "[true, false]", &value).ok());
  EXPECT_EQ(value.list().b_size(), 2);
  ASSERT_TRUE(ParseAttrValue("func", "MyFunc", &value).ok());
  EXPECT_EQ(value.func().name(), "MyFunc");

  const absl::Status bad = ParseAttrValue("bool", "yes", &value);
  EXPECT_EQ(bad.message(), "Could not parse 'yes' as a value of type 'bool'");
  EXPECT_FALSE(ParseAttrValue("list(int)", "1, 2", &value).ok());
  EXPECT_FALSE(ParseAttrValue("shape", "[-2]", &value).ok());
  EXPECT_FALSE(ParseAttrValue("type", "DT_NOPE", &value).ok());
  EXPECT_FALSE(ParseAttrValue("tensor", "{ nonsense: 1 }", &value).ok());
}

TEST(AttrValueUtilTest, ValidateAttrValue) {
  tensorflow::OpDef::AttrDef attr_def;
  attr_def.set_name("T");
  attr_def.set_type("type");
  attr_def.mutable_allowed_values()->mutable_list()->add_type(DT_FLOAT);
  attr_def.mutable_allowed_values()->mutable_list()->add_type(DT_INT32);
  EXPECT_TRUE(ValidateAttrValue(Make(DT_INT32), attr_def).ok());
  EXPECT_EQ(ValidateAttrValue(Make(DT_BOOL), attr_def).message(),
            "Value for attr 'T' of bool is not in the list of allowed values: float, int32");
  EXPECT_EQ(ValidateAttrValue(Make(1), attr_def).message(),
            "AttrValue had value with type 'int' when 'type' expected for attr 'T'");

  tensorflow::OpDef::AttrDef padding;
  padding.set_name("padding");
  padding.set_type("string");
  padding.mutable_allowed_values()->mutable_list()->add_s("SAME");
  padding.mutable_allowed_values()->mutable_list()->add_s("VALID");
  EXPECT_EQ(ValidateAttrValue(Make("FULL"), padding).message(),
            "Value for attr 'padding' of \"FULL\" is not in the list of allowed values: "
            "\"SAME\", \"VALID\"");

  tensorflow::OpDef::AttrDef n;
  n.set_name("N");
  n.set_type("int");
  n.set_has_minimum(true);
  n.set_minimum(2);
  EXPECT_TRUE(ValidateAttrValue(Make(2), n).ok());
  EXPECT_EQ(ValidateAttrValue(Make(1), n).message(),
            "Value for attr 'N' of 1 must be at least minimum 2");

  tensorflow::OpDef::AttrDef list;
  list.set_name("Tlist");
  list.set_type("list(type)");
  list.set_has_minimum(true);
  list.set_minimum(1);
  EXPECT_EQ(ValidateAttrValue(Make(DataTypeVector{}), list).message(),
            "Length for attr 'Tlist' of 0 must be at least minimum 1");
}

TEST(AttrValueUtilTest, Summaries) {
  EXPECT_EQ(SummarizeAttrValue(Make(3)), "3");
  EXPECT_EQ(SummarizeAttrValue(Make(0.5f)), "0.5");
  EXPECT_EQ(SummarizeAttrValue(Make(false)), "false");
  EXPECT_EQ(SummarizeAttrValue(Make("SAME")), "\"SAME\"");
  EXPECT_EQ(SummarizeAttrValue(Make(DT_FLOAT)), "DT_FLOAT");
  EXPECT_EQ(SummarizeAttrValue(Make(PartialTensorShape({-1, 3}))), "[?,3]");
  EXPECT_EQ(SummarizeAttrValue(Make(PartialTensorShape())), "<unknown>");
  EXPECT_EQ(SummarizeAttrValue(Make(std::vector<int64_t>{1, 2})), "[1, 2]");
  EXPECT_EQ(SummarizeAttrValue(Make(DataTypeVector{DT_FLOAT, DT_INT32})),
            "[DT_FLOAT, DT_INT32]");
  EXPECT_EQ(SummarizeAttrValue(Make(std::vector<int64_t>{})), "[]");
  tensorflow::NameAttrList func;
  func.set_name("f");
  SetAttrValue(DT_FLOAT, &(*func.mutable_attr())["T"]);
  SetAttrValue(1, &(*func.mutable_attr())["A"]);
  EXPECT_EQ(SummarizeAttrValue(Make(func)), "f[A=1, T=DT_FLOAT]");
  EXPECT_EQ(SummarizeAttrValue(Make(test::AsTensor<int32_t>({1, 2}, TensorShape({2})))),
            "<Tensor<type: int32 shape: [2] values: [1 2]>>");
}

TEST(AttrValueUtilTest, AreAttrValuesEqual) {
  EXPECT_TRUE(AreAttrValuesEqual(Make(3), Make(int64_t{3})));
  EXPECT_FALSE(AreAttrValuesEqual(Make(3), Make(4)));
  EXPECT_FALSE(AreAttrValuesEqual(Make(3), Make(3.0f)));
  EXPECT_TRUE(AreAttrValuesEqual(Make(std::vector<int64_t>{}), Make(std::vector<int64_t>{})));
  EXPECT_FALSE(AreAttrValuesEqual(Make(std::vector<int64_t>{}), AttrValue()));
}

}  // namespace
}  // namespace rill
