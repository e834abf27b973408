// Tests for ResourceMgr: create/lookup/type mismatch/delete/cleanup, reference counts,
// LookupOrCreate, handles, TypeIndex and concurrent use.
#include "core/framework/resource_mgr.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "absl/strings/str_cat.h"
#include "core/framework/errors.h"
#include "gtest/gtest.h"

namespace rill {
namespace {

// Counter is a resource that records its own destruction in `*destroyed`.
class Counter : public ResourceBase {
 public:
  Counter(int value, std::atomic<int>* destroyed) : value_(value), destroyed_(destroyed) {}
  ~Counter() override {
    if (destroyed_ != nullptr) ++*destroyed_;
  }
  std::string DebugString() const override { return absl::StrCat("Counter(", value_, ")"); }
  int value() const { return value_; }

 private:
  const int value_;
  std::atomic<int>* const destroyed_;
};

class Label : public ResourceBase {
 public:
  explicit Label(std::string text) : text_(std::move(text)) {}
  std::string DebugString() const override { return text_; }

 private:
  const std::string text_;
};

TEST(ResourceBaseTest, RefCounting) {
  std::atomic<int> destroyed{0};
  Counter* counter = new Counter(1, &destroyed);
  EXPECT_TRUE(counter->RefCountIsOne());
  counter->Ref();
  EXPECT_FALSE(counter->RefCountIsOne());
  EXPECT_FALSE(counter->Unref());
  EXPECT_TRUE(counter->RefCountIsOne());
  EXPECT_EQ(destroyed.load(), 0);
  EXPECT_TRUE(counter->Unref());
  EXPECT_EQ(destroyed.load(), 1);
}

TEST(ResourceBaseTest, ScopedUnrefDropsOneReference) {
  std::atomic<int> destroyed{0};
  Counter* counter = new Counter(1, &destroyed);
  { ScopedUnref unref(counter); }
  EXPECT_EQ(destroyed.load(), 1);
  { ScopedUnref unref(nullptr); }
}

TEST(TypeIndexTest, NamesAndIdentity) {
  EXPECT_EQ(TypeIndex::Make<Counter>().name(), "rill::(anonymous namespace)::Counter");
  EXPECT_EQ(TypeIndex::Make<int>().name(), "int");
  EXPECT_EQ(TypeIndex::Make<Counter>(), TypeIndex::Make<Counter>());
  EXPECT_NE(TypeIndex::Make<Counter>(), TypeIndex::Make<Label>());
  EXPECT_EQ(TypeIndex::Make<Counter>().hash_code(), typeid(Counter).hash_code());
}

TEST(ResourceMgrTest, DefaultContainer) {
  EXPECT_EQ(ResourceMgr().default_container(), "localhost");
  EXPECT_EQ(ResourceMgr("session_7").default_container(), "session_7");
}

TEST(ResourceMgrTest, CreateThenLookupGivesAReference) {
  std::atomic<int> destroyed{0};
  ResourceMgr mgr;
  ASSERT_TRUE(mgr.Create("c", "x", new Counter(42, &destroyed)).ok());
  Counter* found = nullptr;
  ASSERT_TRUE(mgr.Lookup("c", "x", &found).ok());
  ASSERT_NE(found, nullptr);
  EXPECT_EQ(found->value(), 42);
  EXPECT_FALSE(found->RefCountIsOne());  // The manager's and ours.
  found->Unref();
  EXPECT_TRUE(found->RefCountIsOne());
  EXPECT_EQ(destroyed.load(), 0);
}

TEST(ResourceMgrTest, CreateTwiceIsAlreadyExistsAndDropsTheNewResource) {
  std::atomic<int> destroyed{0};
  ResourceMgr mgr;
  ASSERT_TRUE(mgr.Create("c", "x", new Counter(1, &destroyed)).ok());
  absl::Status status = mgr.Create("c", "x", new Counter(2, &destroyed));
  EXPECT_TRUE(errors::IsAlreadyExists(status));
  EXPECT_EQ(status.message(),
            "Resource c/x of type rill::(anonymous namespace)::Counter already exists");
  EXPECT_EQ(destroyed.load(), 1);

  status = mgr.Create("c", "x", new Label("l"));
  EXPECT_TRUE(errors::IsAlreadyExists(status));
  EXPECT_NE(status.message().find("(with type rill::(anonymous namespace)::Counter)"),
            std::string::npos)
      << status;

  Counter* found = nullptr;
  ASSERT_TRUE(mgr.Lookup("c", "x", &found).ok());
  EXPECT_EQ(found->value(), 1);
  found->Unref();
}

TEST(ResourceMgrTest, SameNameInAnotherContainerIsSeparate) {
  ResourceMgr mgr;
  ASSERT_TRUE(mgr.Create("a", "x", new Counter(1, nullptr)).ok());
  ASSERT_TRUE(mgr.Create("b", "x", new Counter(2, nullptr)).ok());
  Counter* in_a = nullptr;
  Counter* in_b = nullptr;
  ASSERT_TRUE(mgr.Lookup("a", "x", &in_a).ok());
  ASSERT_TRUE(mgr.Lookup("b", "x", &in_b).ok());
  EXPECT_EQ(in_a->value(), 1);
  EXPECT_EQ(in_b->value(), 2);
  in_a->Unref();
  in_b->Unref();
}

TEST(ResourceMgrTest, LookupMissingIsNotFoundNamingContainerNameAndType) {
  ResourceMgr mgr;
  Counter* found = nullptr;
  absl::Status status = mgr.Lookup("c", "missing", &found);
  EXPECT_TRUE(errors::IsNotFound(status));
  EXPECT_EQ(status.message(),
            "Resource c/missing of type rill::(anonymous namespace)::Counter does not exist");
  EXPECT_EQ(found, nullptr);

  ASSERT_TRUE(mgr.Create("c", "present", new Counter(1, nullptr)).ok());
  EXPECT_TRUE(errors::IsNotFound(mgr.Lookup("c", "missing", &found)));
  EXPECT_TRUE(errors::IsNotFound(mgr.Lookup("other", "present", &found)));
}

TEST(ResourceMgrTest, LookupWithAnotherTypeIsInvalidArgument) {
  ResourceMgr mgr;
  ASSERT_TRUE(mgr.Create("c", "x", new Counter(1, nullptr)).ok());
  Label* label = nullptr;
  absl::Status status = mgr.Lookup("c", "x", &label);
  EXPECT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_EQ(status.message(),
            "Resource c/x has type rill::(anonymous namespace)::Counter, not the requested "
            "rill::(anonymous namespace)::Label");
  EXPECT_EQ(label, nullptr);
}

TEST(ResourceMgrTest, DeleteDropsTheManagersReference) {
  std::atomic<int> destroyed{0};
  ResourceMgr mgr;
  ASSERT_TRUE(mgr.Create("c", "x", new Counter(1, &destroyed)).ok());
  Counter* held = nullptr;
  ASSERT_TRUE(mgr.Lookup("c", "x", &held).ok());

  EXPECT_TRUE(errors::IsInvalidArgument(mgr.Delete<Label>("c", "x")));
  ASSERT_TRUE(mgr.Delete<Counter>("c", "x").ok());
  EXPECT_EQ(destroyed.load(), 0);  // We still hold a reference.
  EXPECT_TRUE(held->RefCountIsOne());
  Counter* found = nullptr;
  EXPECT_TRUE(errors::IsNotFound(mgr.Lookup("c", "x", &found)));
  EXPECT_TRUE(errors::IsNotFound(mgr.Delete<Counter>("c", "x")));
  held->Unref();
  EXPECT_EQ(destroyed.load(), 1);
}

TEST(ResourceMgrTest, CleanupRemovesOneContainer) {
  std::atomic<int> destroyed{0};
  ResourceMgr mgr;
  ASSERT_TRUE(mgr.Create("a", "x", new Counter(1, &destroyed)).ok());
  ASSERT_TRUE(mgr.Create("a", "y", new Counter(2, &destroyed)).ok());
  ASSERT_TRUE(mgr.Create("b", "x", new Counter(3, &destroyed)).ok());
  ASSERT_TRUE(mgr.Cleanup("a").ok());
  EXPECT_EQ(destroyed.load(), 2);
  Counter* found = nullptr;
  EXPECT_TRUE(errors::IsNotFound(mgr.Lookup("a", "x", &found)));
  ASSERT_TRUE(mgr.Lookup("b", "x", &found).ok());
  EXPECT_EQ(found->value(), 3);
  found->Unref();
  EXPECT_TRUE(mgr.Cleanup("never_created").ok());
}

TEST(ResourceMgrTest, DestructorAndClearDropEveryResource) {
  std::atomic<int> destroyed{0};
  {
    ResourceMgr mgr;
    ASSERT_TRUE(mgr.Create("a", "x", new Counter(1, &destroyed)).ok());
    ASSERT_TRUE(mgr.Create("b", "y", new Counter(2, &destroyed)).ok());
    mgr.Clear();
    EXPECT_EQ(destroyed.load(), 2);
    ASSERT_TRUE(mgr.Create("a", "x", new Counter(3, &destroyed)).ok());
  }
  EXPECT_EQ(destroyed.load(), 3);
}

TEST(ResourceMgrTest, LookupOrCreateCreatesOnceThenFinds) {
  ResourceMgr mgr;
  int creations = 0;
  auto creator = [&creations](Counter** made) {
    ++creations;
    *made = new Counter(7, nullptr);
    return absl::OkStatus();
  };
  Counter* first = nullptr;
  ASSERT_TRUE(mgr.LookupOrCreate<Counter>("c", "x", &first, creator).ok());
  Counter* second = nullptr;
  ASSERT_TRUE(mgr.LookupOrCreate<Counter>("c", "x", &second, creator).ok());
  EXPECT_EQ(creations, 1);
  EXPECT_EQ(first, second);
  EXPECT_EQ(first->value(), 7);
  first->Unref();
  second->Unref();
  EXPECT_TRUE(first->RefCountIsOne());
}

TEST(ResourceMgrTest, LookupOrCreateReportsCreatorErrorsAndTypeMismatch) {
  ResourceMgr mgr;
  Counter* counter = nullptr;
  absl::Status status = mgr.LookupOrCreate<Counter>(
      "c", "x", &counter, [](Counter**) { return errors::ResourceExhausted("no room"); });
  EXPECT_TRUE(errors::IsResourceExhausted(status));
  EXPECT_TRUE(errors::IsNotFound(mgr.Lookup("c", "x", &counter)));

  ASSERT_TRUE(mgr.Create("c", "label", new Label("l")).ok());
  int creations = 0;
  status = mgr.LookupOrCreate<Counter>("c", "label", &counter, [&](Counter** made) {
    ++creations;
    *made = new Counter(1, nullptr);
    return absl::OkStatus();
  });
  EXPECT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_EQ(creations, 0);
}

TEST(ResourceMgrTest, ConcurrentLookupOrCreateMakesOneResource) {
  ResourceMgr mgr;
  std::atomic<int> creations{0};
  std::vector<Counter*> seen(8, nullptr);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      absl::Status status =
          mgr.LookupOrCreate<Counter>("c", "shared", &seen[t], [&](Counter** made) {
            ++creations;
            *made = new Counter(t, nullptr);
            return absl::OkStatus();
          });
      EXPECT_TRUE(status.ok()) << status;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(creations.load(), 1);
  for (Counter* counter : seen) {
    EXPECT_EQ(counter, seen[0]);
    counter->Unref();
  }
  EXPECT_TRUE(seen[0]->RefCountIsOne());
}

TEST(ResourceMgrTest, HandlesCarryTypeAndAddressTheResource) {
  ResourceMgr mgr;
  const ResourceHandle handle = MakeResourceHandle<Counter>(
      "c", "x", "/job:localhost/replica:0/task:0/device:CPU:0");
  EXPECT_EQ(handle.container(), "c");
  EXPECT_EQ(handle.name(), "x");
  EXPECT_EQ(handle.device(), "/job:localhost/replica:0/task:0/device:CPU:0");
  EXPECT_EQ(handle.hash_code(), typeid(Counter).hash_code());
  EXPECT_EQ(handle.maybe_type_name(), "rill::(anonymous namespace)::Counter");

  ASSERT_TRUE(mgr.Create(handle, new Counter(5, nullptr)).ok());
  Counter* found = nullptr;
  ASSERT_TRUE(mgr.Lookup(handle, &found).ok());
  EXPECT_EQ(found->value(), 5);
  found->Unref();

  Label* label = nullptr;
  absl::Status status = mgr.Lookup(handle, &label);
  EXPECT_TRUE(errors::IsInvalidArgument(status));
  EXPECT_EQ(status.message(),
            "Trying to access resource c/x of type rill::(anonymous namespace)::Counter as "
            "type rill::(anonymous namespace)::Label");

  ASSERT_TRUE(mgr.Delete(handle).ok());
  EXPECT_TRUE(errors::IsNotFound(mgr.Lookup(handle, &found)));
}

TEST(ResourceMgrTest, DebugStringListsResourcesSorted) {
  ResourceMgr mgr;
  ASSERT_TRUE(mgr.Create("b", "y", new Label("second")).ok());
  ASSERT_TRUE(mgr.Create("a", "x", new Counter(3, nullptr)).ok());
  EXPECT_EQ(mgr.DebugString(),
            "a | x | rill::(anonymous namespace)::Counter | Counter(3)\n"
            "b | y | rill::(anonymous namespace)::Label | second");
}

}  // namespace
}  // namespace rill
