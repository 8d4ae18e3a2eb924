// SPDX-License-Identifier: MIT
#include "sim/random.hpp"

#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <cstdlib>  // std::abs
#include <set>
#include <vector>

using jssim::sim::purpose;
using jssim::sim::stream;

namespace {

std::vector<std::uint64_t> first_numbers(stream s, std::size_t n) {
  std::vector<std::uint64_t> out(n);
  for (auto& x : out) x = s();
  return out;
}

}  // namespace

TEST_CASE("two streams with the same key give the same numbers", "[sim][random]") {
  stream a(7, 3, purpose::offer, 2, 11);
  stream b(7, 3, purpose::offer, 2, 11);
  for (int i = 0; i < 1000; ++i) REQUIRE(a() == b());
  stream c(7, 3, purpose::offer, 2, 11);
  stream d(7, 3, purpose::offer, 2, 11);
  for (int i = 0; i < 1000; ++i) REQUIRE(c.uniform01() == d.uniform01());
}

TEST_CASE("a different seed, run, purpose, index or sub gives a different stream",
          "[sim][random]") {
  constexpr std::size_t n = 8;
  const auto base = first_numbers(stream(1, 5, purpose::offer, 2, 3), n);
  CHECK(first_numbers(stream(2, 5, purpose::offer, 2, 3), n) != base);
  CHECK(first_numbers(stream(1, 6, purpose::offer, 2, 3), n) != base);
  CHECK(first_numbers(stream(1, 5, purpose::rehire, 2, 3), n) != base);
  CHECK(first_numbers(stream(1, 5, purpose::offer, 1, 3), n) != base);
  CHECK(first_numbers(stream(1, 5, purpose::offer, 2, 4), n) != base);
  // sub defaults to 0.
  CHECK(first_numbers(stream(1, 5, purpose::offer, 2), n) ==
        first_numbers(stream(1, 5, purpose::offer, 2, 0), n));

  // No number repeats among the first numbers of many streams: none of them
  // is another's shifted copy.
  std::set<std::uint64_t> seen;
  std::size_t count = 0;
  for (std::uint64_t run = 0; run < 4; ++run) {
    for (auto what : {purpose::arrivals, purpose::offer, purpose::rehire, purpose::future,
                      purpose::prior, purpose::inference}) {
      for (std::uint64_t index = 0; index < 4; ++index) {
        for (std::uint64_t sub = 0; sub < 4; ++sub) {
          for (std::uint64_t x : first_numbers(stream(1, run, what, index, sub), n)) {
            seen.insert(x);
            ++count;
          }
        }
      }
    }
  }
  CHECK(seen.size() == count);
}

TEST_CASE("a stream's numbers do not depend on which streams were made or used before it",
          "[sim][random]") {
  const auto alone = first_numbers(stream(3, 9, purpose::future, 4), 20);

  stream other(3, 9, purpose::future, 5);
  stream another(3, 8, purpose::future, 4);
  for (int i = 0; i < 100; ++i) {
    other();
    another.uniform01();
  }
  stream s(3, 9, purpose::future, 4);
  std::vector<std::uint64_t> interleaved;
  for (int i = 0; i < 20; ++i) {
    interleaved.push_back(s());
    other();  // drawing from another stream between two draws changes nothing
  }
  CHECK(interleaved == alone);
}

TEST_CASE("the numbers of a stream do not repeat when its buffer is refilled",
          "[sim][random]") {
  const auto xs = first_numbers(stream(1, 0, purpose::arrivals, 0), 64);
  CHECK(std::set<std::uint64_t>(xs.begin(), xs.end()).size() == xs.size());
}

TEST_CASE("uniform01 lies between 0 included and 1 excluded and is roughly uniform", "[sim][random]") {
  static_assert(stream::min() == 0);
  static_assert(stream::max() == UINT64_MAX);
  stream s(1, 0, purpose::arrivals, 0);
  constexpr int n = 100'000;
  double sum = 0;
  std::array<int, 10> bins{};
  for (int i = 0; i < n; ++i) {
    const double u = s.uniform01();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    ++bins[static_cast<std::size_t>(u * 10)];
  }
  CHECK(sum / n == Approx(0.5).margin(0.01));
  // Each tenth holds 10 000 +- 5 %: about 5 standard deviations.
  for (int b : bins) CHECK(std::abs(b - n / 10) < n / 200);
}
