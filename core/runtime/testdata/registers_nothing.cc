// A plugin that registers no op and no kernel, for load_library_test's error case: it only
// exports an ordinary function.
extern "C" int RillRegistersNothingAnswer() { return 42; }
