// A config file that exists for one test's duration.
#pragma once

#include <catch2/catch.hpp>

#include <stdlib.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <string>

namespace hot::test {

struct temp_ini {
  std::string path;

  explicit temp_ini(const std::string& text) {
    char name[] = "/tmp/hot-config-XXXXXX";
    int fd = ::mkstemp(name);
    REQUIRE(fd >= 0);
    ::close(fd);
    path = name;
    std::ofstream{path} << text;
  }

  ~temp_ini() {
    std::remove(path.c_str());
  }

  temp_ini(const temp_ini&) = delete;
  temp_ini& operator=(const temp_ini&) = delete;
};

} // namespace hot::test
