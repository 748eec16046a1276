package io.kevents.storage.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A real multi-member etcd cluster on loopback ports, for tests that stop a member and keep writing. Every member
 * has its own data directory under one temporary directory, deleted by {@link #close()}.
 */
public final class EtcdCluster implements AutoCloseable {

    private final Path root;
    private final List<EtcdProcess> members;
    private final List<String> initialCluster;

    private EtcdCluster(Path root, List<EtcdProcess> members, List<String> initialCluster) {
        this.root = root;
        this.members = members;
        this.initialCluster = initialCluster;
    }

    /** Starts {@code size} members together and waits until each serves. */
    public static EtcdCluster start(int size) {
        Path root = EtcdProcess.tempDir("kevents-etcd-cluster-");
        int[] ports = EtcdProcess.freePorts(size * 2);
        List<EtcdProcess> members = new ArrayList<>();
        List<String> initial = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            EtcdProcess m = new EtcdProcess("m" + i, root.resolve("m" + i), ports[2 * i], ports[2 * i + 1], List.of(),
                    false);
            members.add(m);
            initial.add(m.name() + "=" + m.peerUrl());
        }
        EtcdCluster cluster = new EtcdCluster(root, members, List.copyOf(initial));
        try {
            for (EtcdProcess m : members) {
                m.launch(initial, "new");
            }
            // Members wait for each other to elect a leader, so wait for all in parallel.
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (EtcdProcess m : members) {
                ready.add(CompletableFuture.runAsync(() -> {
                    try {
                        m.awaitReady();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).join();
            return cluster;
        } catch (RuntimeException | IOException e) {
            cluster.close();
            throw new IllegalStateException("etcd cluster did not start", e);
        }
    }

    /** Every member's client URL. */
    public List<URI> clientUrls() {
        return members.stream().map(EtcdProcess::clientUrl).toList();
    }

    /** Member {@code i}. */
    public EtcdProcess member(int i) {
        return members.get(i);
    }

    /** Stops member {@code i}, keeping its data. */
    public void stopMember(int i) {
        members.get(i).stop();
    }

    /** Starts a stopped member {@code i} again and waits until it serves. */
    public void restartMember(int i) {
        try {
            members.get(i).restart(initialCluster);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (EtcdProcess m : members) {
            m.stop();
        }
        EtcdProcess.deleteTree(root);
    }
}
