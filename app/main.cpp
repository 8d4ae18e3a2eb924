// SPDX-License-Identifier: MIT
#include <cstdio>
int main() { return 0; }
