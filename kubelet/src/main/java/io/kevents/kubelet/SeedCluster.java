package io.kevents.kubelet;

import io.kevents.kubelet.image.ImageCatalogue;
import io.kevents.kubelet.node.NodeSpec;
import io.kevents.kubelet.node.NodeTaint;
import io.kevents.kubelet.profile.VersionProfile;
import io.kevents.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The seed article's cluster (Kubernetes v1.20.1): {@code k8s-master01}, the tainted control plane labelled
 * {@code disktype=ssd} (so the v1.20 scheduler's first failing filter reproduces the seed's FailedScheduling text),
 * and {@code k8s-node01} at 172.20.70.215; images {@code nginx:1.8} and {@code alpine} present, {@code nginxa:1.8}
 * nonexistent.
 */
public final class SeedCluster {

    /** The control-plane node. */
    public static final String MASTER = "k8s-master01";
    /** The worker node. */
    public static final String WORKER = "k8s-node01";

    private SeedCluster() {
    }

    /** {@code k8s-master01}: roles control-plane and master, taint {@code node-role.kubernetes.io/master:NoSchedule}. */
    public static NodeSpec master() {
        return NodeSpec.worker(MASTER, "172.20.70.214", "10.100.32.128/26")
                .withRoles("control-plane", "master")
                .withLabel("disktype", "ssd")
                .withTaint(NodeTaint.master());
    }

    /** {@code k8s-node01}. */
    public static NodeSpec worker() {
        return NodeSpec.worker(WORKER, "172.20.70.215", "10.100.85.192/26");
    }

    /**
     * The seed's two nodes plus {@code extraWorkers} more ({@code k8s-node02}, {@code k8s-node03}, ...), for
     * {@code ./kevents up --profile seed --nodes N}.
     */
    public static List<NodeSpec> nodes(int extraWorkers) {
        List<NodeSpec> nodes = new ArrayList<>(List.of(master(), worker()));
        for (int i = 0; i < extraWorkers; i++) {
            nodes.add(NodeSpec.generated(String.format("k8s-node%02d", i + 2), i));
        }
        return nodes;
    }

    /** The seed's texts (v1.20) and images on {@code clock}, everything else default. */
    public static HollowNodesConfig config(Clock clock) {
        return HollowNodesConfig.defaults(clock).withProfile(VersionProfile.V1_20).withImages(ImageCatalogue.seed());
    }
}
