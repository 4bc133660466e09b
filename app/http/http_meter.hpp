// Requests the API server answered: counts by route and status, and a
// latency histogram per route, for /metrics.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

#include "app/http/api_route.hpp"

namespace hot {

/// Lock-free: HTTP workers record, /metrics renders. Labels stay bounded:
/// routes are the matcher's (unknown paths are one `other`), statuses a
/// fixed set plus `other`.
class http_meter {
public:
  void record(api_route route, int status, std::chrono::nanoseconds took);

  /// `hot_articles_http_requests_total{route,status}` and
  /// `hot_articles_http_request_duration_seconds{route}` in Prometheus'
  /// text format.
  std::string render() const;

  /// Upper bounds of the latency buckets, in seconds; +Inf follows.
  static constexpr std::array<double, 13> bucket_bounds{
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};

private:
  static constexpr size_t route_count
    = static_cast<size_t>(api_route::not_found) + 1;
  static constexpr std::array<int, 12> statuses{200, 400, 401, 404, 405, 408,
                                                413, 414, 431, 500, 503, 0};

  struct route_figures {
    std::array<std::atomic<uint64_t>, statuses.size()> by_status{};
    std::array<std::atomic<uint64_t>, bucket_bounds.size() + 1> buckets{};
    std::atomic<uint64_t> nanoseconds{0};
  };

  std::array<route_figures, route_count> routes_{};
};

} // namespace hot
