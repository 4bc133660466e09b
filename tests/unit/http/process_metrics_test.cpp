// The process metrics read from /proc.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <ctime>

#include "app/http/process_metrics.hpp"

using namespace hot;

TEST_CASE("the process figures are this process's", "[unit][metrics]") {
  auto before = read_process_figures();
  REQUIRE(before);
  CHECK(before->resident_bytes > 1024 * 1024);
  CHECK(before->virtual_bytes >= before->resident_bytes);
  CHECK(before->max_fds > 0);
  auto now = static_cast<double>(std::time(nullptr));
  CHECK(before->start_time_seconds <= now + 1);
  CHECK(before->start_time_seconds > now - 24 * 3600);
  // One more open file is one more descriptor.
  int fd = ::open("/proc/self/stat", O_RDONLY);
  REQUIRE(fd >= 0);
  auto after = read_process_figures();
  ::close(fd);
  REQUIRE(after);
  CHECK(after->open_fds == before->open_fds + 1);
  auto text = render_process_metrics(*after);
  CHECK(text.find("# TYPE process_cpu_seconds_total counter\n")
        != std::string::npos);
  CHECK(text.find("\nprocess_open_fds ") != std::string::npos);
}
