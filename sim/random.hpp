// SPDX-License-Identifier: MIT
// Random numbers keyed by what they are for (MODEL.md section 8): a stream is
// named by (seed, run, purpose, index), never by the order of the requests, so
// that every strategy of run i sees the same world.
#pragma once

#include <array>
#include <cstdint>  // std::uint64_t
#include <limits>

namespace jssim::sim {

/// What a stream's numbers are for. The values are part of the results'
/// definition: changing one changes every seeded result.
enum class purpose : std::uint64_t {
  arrivals = 1,  ///< offer arrival times of one job type; index = job type
  offer = 2,     ///< the attributes of one offer; index = job type, sub = offer number
  rehire = 3,    ///< the attributes of a rehire offer; index = job type, sub = offer << 16 | generation
  future = 4,    ///< what the client of an open history contract does; index = contract
  prior = 5,     ///< the run's draw from the exact posterior of the hidden ratings; index 0
  inference = 6, ///< one rejection-sampling draw of the hidden ratings; index = attempt
};

/// A stream of 64-bit random numbers, a Boost.Random-compatible uniform
/// random bit generator. Counter-based (Philox4x64-10 of Random123): creating
/// one costs a few nanoseconds and no state is shared, so streams can be made
/// wherever they are needed, on any thread, in any order.
///
///     stream s(seed, run, purpose::offer, job, k);
///     double u = s.uniform01();
class stream {
 public:
  using result_type = std::uint64_t;

  stream(std::uint64_t seed, std::uint64_t run, purpose what, std::uint64_t index,
         std::uint64_t sub = 0);

  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }

  /// The next 64 random bits.
  result_type operator()() {
    if (used_ == buffer_.size()) refill();
    return buffer_[used_++];
  }

  /// A uniform double in [0, 1) with 53 random bits.
  double uniform01() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }

 private:
  void refill();

  std::array<std::uint64_t, 2> key_{};
  std::array<std::uint64_t, 4> counter_{};
  std::array<std::uint64_t, 4> buffer_{};
  std::size_t used_ = 4;
};

}  // namespace jssim::sim
