/** Writes to the API server: bindings through pods/binding and the PodScheduled condition, asynchronously and bounded. */
package io.kevents.scheduler.binder;
