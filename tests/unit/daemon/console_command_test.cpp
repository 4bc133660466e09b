// The banner's console command: a path that runs as pasted.
#include <catch2/catch.hpp>

#include "app/daemon/console_command.hpp"

using namespace hot;

TEST_CASE("the console is named beside the daemon, relative when shorter") {
  CHECK(console_path_from("/srv/hot-articles/build/bin/hot-articles",
                          "/srv/hot-articles")
        == "build/bin/hot-articles-console");
  CHECK(console_path_from("/srv/hot-articles/build/bin/hot-articles",
                          "/srv/hot-articles/build/bin")
        == "./hot-articles-console");
  CHECK(console_path_from("/srv/hot-articles/build/bin/hot-articles",
                          "/srv/hot-articles/build/bin/")
        == "./hot-articles-console");
  CHECK(console_path_from("/opt/hot/bin/hot-articles", "/home/someone/a/b/c")
        == "/opt/hot/bin/hot-articles-console");
  CHECK(console_path_from("/opt/hot/bin/hot-articles", "/opt/hot")
        == "bin/hot-articles-console");
}
