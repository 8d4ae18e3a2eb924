// SPDX-License-Identifier: MIT
#include "sim/random.hpp"

#include <Random123/philox.h>

namespace jssim::sim {

stream::stream(std::uint64_t seed, std::uint64_t run, purpose what, std::uint64_t index,
               std::uint64_t sub)
    : key_{seed, run}, counter_{static_cast<std::uint64_t>(what), index, sub, 0} {}

void stream::refill() {
  r123::Philox4x64 generator;
  const r123::Philox4x64::key_type key = {{key_[0], key_[1]}};
  const r123::Philox4x64::ctr_type counter = {{counter_[0], counter_[1], counter_[2], counter_[3]}};
  const r123::Philox4x64::ctr_type out = generator(counter, key);
  for (std::size_t i = 0; i < buffer_.size(); ++i) buffer_[i] = out.v[i];
  ++counter_[3];
  used_ = 0;
}

}  // namespace jssim::sim
