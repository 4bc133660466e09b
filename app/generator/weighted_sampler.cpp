// Picks a slot with probability proportional to its weight, in O(log n).
#include "app/generator/weighted_sampler.hpp"

namespace hot::gen {

weighted_sampler::weighted_sampler(size_t slots)
  : weights_(slots, 0.0), tree_(slots + 1, 0.0) {
  while (top_step_ * 2 <= slots)
    top_step_ *= 2;
}

void weighted_sampler::set(size_t slot, double weight) {
  auto delta = weight - weights_[slot];
  weights_[slot] = weight;
  for (auto i = slot + 1; i < tree_.size(); i += i & (~i + 1))
    tree_[i] += delta;
}

double weighted_sampler::total() const {
  double sum = 0;
  for (auto i = weights_.size(); i > 0; i -= i & (~i + 1))
    sum += tree_[i];
  return sum;
}

size_t weighted_sampler::find(double point) const {
  size_t pos = 0;
  for (auto step = top_step_; step > 0; step /= 2) {
    auto next = pos + step;
    if (next < tree_.size() && tree_[next] <= point) {
      pos = next;
      point -= tree_[next];
    }
  }
  // Rounding can carry a point at the very top past the last slot.
  return pos < weights_.size() ? pos : weights_.size() - 1;
}

void weighted_sampler::scale(double factor) {
  for (auto& w : weights_)
    w *= factor;
  rebuild();
}

void weighted_sampler::rebuild() {
  for (size_t i = 1; i < tree_.size(); ++i)
    tree_[i] = weights_[i - 1];
  for (size_t i = 1; i < tree_.size(); ++i) {
    auto parent = i + (i & (~i + 1));
    if (parent < tree_.size())
      tree_[parent] += tree_[i];
  }
}

} // namespace hot::gen
