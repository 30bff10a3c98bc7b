// Writes the fixture's HTML report to the path given, for the browser test.
#include <cstdio>
#include <fstream>

#include "lockstep/report.h"
#include "tests/report/fixture.h"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: write_fixture_report OUT.html\n");
    return 2;
  }
  std::ofstream out(argv[1], std::ios::binary);
  out << lockstep::render_report_html(lockstep::testing::fixture_report());
  out.close();
  if (!out) {
    std::fprintf(stderr, "write_fixture_report: cannot write %s\n", argv[1]);
    return 2;
  }
  return 0;
}
