/* a tiny program whose only purpose is debug information for the symbolizer's fuzz seeds */
static inline int twice(int x) { return x * 2; }
int counter;
int step(int v) { counter += twice(v); return counter; }
void panic_here(void) { *(volatile int *) 0 = step(counter); }
int app_main(void) { return step(3) > 10; }
