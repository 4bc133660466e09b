// Widths of Korean text depend on LC_CTYPE: every console test runs under
// C.UTF-8, as the console itself does when the environment is not UTF-8.
// Listeners are among the "external interfaces" Catch2 v2 hides by default.
#define CATCH_CONFIG_EXTERNAL_INTERFACES
#include <catch2/catch.hpp>

#include <clocale>

namespace {

struct utf8_locale_listener : Catch::TestEventListenerBase {
  using TestEventListenerBase::TestEventListenerBase;

  void testRunStarting(const Catch::TestRunInfo&) override {
    std::setlocale(LC_CTYPE, "C.UTF-8");
  }
};

} // namespace

CATCH_REGISTER_LISTENER(utf8_locale_listener)
