#include "builtin_example.hpp"

#include <exception>

#include "common.hpp"
#include "main_job.hpp"
#include "main_job_print.hpp"

namespace symshape::cli {

int run_builtin_example(CommandIO& io, bool json) {
  MainJobReport report;
  try {
    report = run_main_job();
  } catch (const std::exception& e) {
    // Only a broken build gets here (the graphs are compiled in).
    io.err << "symshape: the built-in example failed: " << e.what() << '\n';
    return kExitUsage;
  }
  if (json) {
    print_main_job_json(report, io.out);
  } else {
    print_main_job_text(report, io.out);
  }
  return kExitSuccess;
}

}  // namespace symshape::cli
