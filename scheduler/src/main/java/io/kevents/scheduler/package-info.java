/**
 * A kube-scheduler over HTTP: {@link io.kevents.scheduler.Scheduler} watches pods and nodes, schedules pending pods,
 * binds them and records FailedScheduling and Scheduled events in the words of the chosen Kubernetes version.
 */
package io.kevents.scheduler;
