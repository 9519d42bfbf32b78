#include <iostream>
int main() { std::cout << "symshape: under construction\n"; return 0; }
