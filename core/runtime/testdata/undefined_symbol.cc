// A plugin that needs a function no program defines, as a plugin built against a core the
// program does not export would: load_library_test checks that the error explains this.
extern "C" int RillFunctionNoProgramDefines();

extern "C" int RillCallsTheMissingFunction() { return RillFunctionNoProgramDefines(); }
