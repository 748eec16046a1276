/** Benchmark harnesses. */
package io.kevents.bench;
