// Picks a slot with probability proportional to its weight, in O(log n).
#pragma once

#include <cstddef>
#include <vector>

namespace hot::gen {

/// A Fenwick tree over a fixed number of slots holding non-negative
/// weights: setting a weight and finding the slot under a point of the
/// cumulative distribution both take O(log n).
class weighted_sampler {
public:
  explicit weighted_sampler(size_t slots);

  size_t size() const {
    return weights_.size();
  }

  void set(size_t slot, double weight);

  double weight(size_t slot) const {
    return weights_[slot];
  }

  double total() const;

  /// The slot whose share of [0, total()) contains `point`. Rounding can
  /// land on a zero-weight neighbour; callers check what they got.
  size_t find(double point) const;

  /// Multiplies every weight by `factor` and rebuilds the tree, which also
  /// sheds the rounding drift of many updates.
  void scale(double factor);

private:
  void rebuild();

  std::vector<double> weights_;
  std::vector<double> tree_; // 1-based Fenwick sums
  size_t top_step_ = 1;
};

} // namespace hot::gen
