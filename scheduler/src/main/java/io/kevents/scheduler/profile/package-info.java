/** What differs between Kubernetes versions: filter order, reason texts, the FailedScheduling message format, preemption text, truncation and queueing. */
package io.kevents.scheduler.profile;
