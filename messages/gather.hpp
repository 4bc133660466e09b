// Asks many actors the same thing and continues once all have answered.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include <caf/error.hpp>
#include <caf/sec.hpp>

namespace hot {

/// What to do with an actor that fails to answer.
enum class on_failure {
  abort, // the whole gather fails with the first error
  skip,  // the answer is left out
};

/// Sends `args` to every target; calls `done` with the answers (in target
/// order, failed ones left out under `on_failure::skip`), or `failed` with
/// the first error under `on_failure::abort`.
template <class Result, class Self, class Handle, class... Ts>
void gather(Self* self, const std::vector<Handle>& targets, on_failure policy,
            std::function<void(std::vector<Result>)> done,
            std::function<void(caf::error)> failed, const Ts&... args) {
  struct progress {
    std::vector<std::unique_ptr<Result>> answers;
    size_t left = 0;
    bool aborted = false;
  };
  auto shared = std::make_shared<progress>();
  shared->answers.resize(targets.size());
  shared->left = targets.size();
  auto finish = [shared, done] {
    std::vector<Result> results;
    for (auto& answer : shared->answers)
      if (answer)
        results.push_back(std::move(*answer));
    done(std::move(results));
  };
  if (targets.empty()) {
    finish();
    return;
  }
  for (size_t i = 0; i < targets.size(); ++i) {
    self->request(targets[i], caf::infinite, args...)
      .then(
        [shared, finish, i](Result& answer) {
          if (shared->aborted)
            return;
          shared->answers[i] = std::make_unique<Result>(std::move(answer));
          if (--shared->left == 0)
            finish();
        },
        [shared, finish, failed, policy](caf::error& err) {
          if (shared->aborted)
            return;
          if (policy == on_failure::abort) {
            shared->aborted = true;
            failed(std::move(err));
            return;
          }
          if (--shared->left == 0)
            finish();
        });
  }
}

} // namespace hot
