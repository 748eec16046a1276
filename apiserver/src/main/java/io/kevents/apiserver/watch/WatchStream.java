package io.kevents.apiserver.watch;

import io.kevents.apiserver.http.ApiException;
import io.kevents.apiserver.json.Json;
import io.kevents.apiserver.registry.ListPage;
import io.kevents.apiserver.registry.ListRequest;
import io.kevents.apiserver.registry.ResourceStore;
import io.kevents.apiserver.registry.ResourceType;
import io.kevents.apiserver.selection.FieldSelector;
import io.kevents.apiserver.table.Tables;
import io.kevents.storage.StorageException;
import io.kevents.storage.Watch;
import io.kevents.storage.WatchEvent;
import io.kevents.storage.WatchListener;
import io.kevents.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One client watch, as kube-apiserver serves it: synthetic ADDED events for every current object when the request
 * has no resourceVersion or "0", then every change after the start revision as ADDED / MODIFIED / DELETED
 * (objects entering or leaving the selection appear as ADDED or DELETED), BOOKMARKs when asked for, an ERROR with
 * a 410 Status when the start revision is compacted, and an end after the timeout, after which clients watch again
 * from the last resourceVersion they saw.
 */
public final class WatchStream implements WatchListener {

    private static final Logger LOG = LoggerFactory.getLogger(WatchStream.class);

    private final ResourceType type;
    private final ResourceStore store;
    private final String namespace;
    private final ListRequest request;
    private final FieldSelector fields;
    private final WatchSink sink;
    private final boolean table;
    private final String includeObject;
    private final boolean bookmarks;
    private final Clock clock;
    private final ChangeCache changes;
    /** Keys the client currently sees (matching the selectors), to turn selection changes into ADDED/DELETED. */
    private final Set<String> visible = new HashSet<>();
    private boolean columnsSent;
    private Watch storageWatch;
    private Clock.Timer timeout;
    private volatile boolean ended;

    public WatchStream(ResourceType type, ResourceStore store, ChangeCache changes, String namespace,
                       ListRequest request, WatchSink sink, boolean table, String includeObject, boolean bookmarks,
                       Clock clock) {
        this.changes = changes;
        this.type = type;
        this.store = store;
        this.namespace = namespace;
        this.request = request;
        this.fields = store.convertFields(type, request.fields());
        this.sink = sink;
        this.table = table;
        this.includeObject = includeObject;
        this.bookmarks = bookmarks;
        this.clock = clock;
    }

    /** Sends the initial state if needed and starts following changes; ends itself after {@code timeout}. */
    public synchronized void start(Duration timeoutAfter) {
        String rv = request.resourceVersion();
        long startRevision;
        if (rv == null || rv.isEmpty() || rv.equals("0")) {
            ListPage initial = store.list(type, namespace, new ListRequest(request.labels(), request.fields(), 0,
                    null, null, null));
            for (ObjectNode object : initial.items()) {
                if (selects()) {
                    visible.add(keyOf(object));
                }
                if (!send("ADDED", object)) {
                    return;
                }
            }
            startRevision = initial.resourceVersion();
        } else {
            startRevision = ResourceStore.parseResourceVersion(rv);
            if (selects()) {
                // Learn what the client saw at its revision, so that selection changes after it become ADDED or
                // DELETED and plain updates MODIFIED, as on a real server.
                ListPage seen = store.list(type, namespace, new ListRequest(request.labels(), request.fields(), 0,
                        null, rv, "Exact"));
                seen.items().forEach(object -> visible.add(keyOf(object)));
            }
        }
        storageWatch = store.storage().watch(type.prefix(namespace), startRevision, this);
        timeout = clock.schedule(timeoutAfter, this::stop);
    }

    /** Ends the watch (timeout, client gone, server shutting down). */
    public void stop() {
        Watch watch;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            watch = storageWatch;
            if (timeout != null) {
                timeout.cancel();
            }
        }
        if (watch != null) {
            watch.close();
        }
        sink.end();
    }

    @Override
    public synchronized void onEvents(List<WatchEvent> events) {
        List<EncodedWatchEvent> batch = new ArrayList<>(events.size());
        for (WatchEvent event : events) {
            if (ended) {
                return;
            }
            ChangeCache.Change change = changes.get(event.kv());
            String eventType = selects() ? selectedEventType(event, change) : everythingEventType(event);
            if (eventType == null) {
                continue;
            }
            if (!table) {
                batch.add(change.event(eventType));
            } else if (!send(eventType, change.served())) {
                return;
            }
        }
        if (!batch.isEmpty() && !ended && !sink.sendAll(batch)) {
            closeSlowOrGoneClient();
        }
    }

    /** Without a selector every object is visible: no selection changes to track. */
    private static String everythingEventType(WatchEvent event) {
        if (event.type() == WatchEvent.Type.DELETE) {
            return "DELETED";
        }
        return event.created() ? "ADDED" : "MODIFIED";
    }

    /**
     * With a selector, objects entering the selection are ADDED and objects leaving it DELETED; {@code null} for a
     * change the client does not see.
     */
    private String selectedEventType(WatchEvent event, ChangeCache.Change change) {
        String key = event.kv().key();
        boolean matches = store.matches(change.stored(), request, fields);
        boolean wasVisible = visible.contains(key);
        if (event.type() == WatchEvent.Type.DELETE) {
            if (!wasVisible && !matches) {
                return null;
            }
            visible.remove(key);
            return "DELETED";
        }
        if (matches) {
            visible.add(key);
            return event.created() || !wasVisible ? "ADDED" : "MODIFIED";
        }
        if (wasVisible) {
            visible.remove(key);
            return "DELETED";
        }
        return null;
    }

    @Override
    public synchronized void onProgress(long revision) {
        if (!bookmarks || ended) {
            return;
        }
        ObjectNode bookmark = Json.object();
        bookmark.put("kind", type.kind());
        bookmark.put("apiVersion", type.apiVersion());
        bookmark.putObject("metadata").put("resourceVersion", Long.toString(revision));
        send("BOOKMARK", bookmark);
    }

    @Override
    public void onClosed(StorageException cause) {
        if (cause instanceof StorageException.Compacted) {
            synchronized (this) {
                sink.send(errorEvent(ApiException.expired("The resourceVersion for the provided watch is too old.")));
            }
        } else if (cause != null) {
            LOG.warn("Watch of {} ended by the store: {}", type.resource(), cause.getMessage());
        }
        stop();
    }

    /**
     * The ERROR watch event carrying {@code e}'s Status: once a watch's headers are out, failures can only be
     * reported in the stream, as kube-apiserver does.
     */
    public static byte[] errorEvent(ApiException e) {
        ObjectNode event = Json.object();
        event.put("type", "ERROR");
        event.set("object", e.toStatus());
        return Json.bytes(event);
    }

    /** Whether a selector restricts this watch (without one, every change is visible and MODIFIED is exact). */
    private boolean selects() {
        return !request.labels().isEmpty() || !fields.isEmpty();
    }

    private boolean send(String eventType, ObjectNode object) {
        ObjectNode event = Json.object();
        event.put("type", eventType);
        if (table && !eventType.equals("BOOKMARK")) {
            event.set("object", Tables.table(type, List.of(object), object.path("metadata").path("resourceVersion")
                    .asString(null), null, includeObject, !columnsSent, clock.now()));
            columnsSent = true;
        } else {
            event.set("object", object);
        }
        return sendBytes(Json.bytes(event));
    }

    private boolean sendBytes(byte[] event) {
        if (!sink.send(event)) {
            closeSlowOrGoneClient();
            return false;
        }
        return true;
    }

    /** The client is gone or too slow; it will watch again from the last resourceVersion it saw. */
    private void closeSlowOrGoneClient() {
        clock.schedule(Duration.ZERO, this::stop);
    }

    private String keyOf(ObjectNode object) {
        return type.key(object.path("metadata").path("namespace").asString(null),
                object.path("metadata").path("name").asString(""));
    }
}
