package io.kevents.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

    @Test
    void printsTheSeedsSchedulerEventsAsKubectlWould() {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
            exit = Main.commandLine().execute("demo");
        } finally {
            System.setOut(original);
        }
        String output = buffer.toString(StandardCharsets.UTF_8);

        assertThat(exit).isZero();
        assertThat(output).contains("LAST SEEN   TYPE      REASON             OBJECT                              "
                + "MESSAGE");
        assertThat(output).contains("10s         Warning   FailedScheduling   pod/nginx-pod-failed-to-scheduler   "
                + "0/2 nodes are available: 1 node(s) didn't match Pod's node affinity, 1 node(s) had taint "
                + "{node-role.kubernetes.io/master: }, that the pod didn't tolerate.");
        assertThat(output).contains("13s         Normal    Scheduled          pod/nginx-pod-failed-to-scheduler   "
                + "Successfully assigned default/nginx-pod-failed-to-scheduler to k8s-node01");
        assertThat(output).contains("Normal    Pulled             pod/nginx-pod-failed-to-scheduler   "
                + "Container image \"nginx:1.8\" already present on machine");
        assertThat(output).contains("Normal    Created            pod/nginx-pod-failed-to-scheduler   "
                + "Created container nginx");
        assertThat(output).contains("Normal    Started            pod/nginx-pod-failed-to-scheduler   "
                + "Started container nginx");
        assertThat(output).contains("Everything recorded reached the sink.");
    }
}
