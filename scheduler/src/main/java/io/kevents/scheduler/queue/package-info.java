/** The scheduling queue: active pods by priority, back-off, unschedulable pods retried on cluster events and periodic flushes. */
package io.kevents.scheduler.queue;
