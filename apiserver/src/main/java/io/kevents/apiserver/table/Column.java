package io.kevents.apiserver.table;

/**
 * A Table column definition.
 *
 * @param name        e.g. {@code Name}; kubectl prints it upper-cased
 * @param type        {@code string} or {@code integer}
 * @param format      {@code name} for the column kubectl treats as the object's name, else empty
 * @param description shown by {@code kubectl explain}-like tools
 * @param priority    0: always shown; 1: only with {@code -o wide}
 */
public record Column(String name, String type, String format, String description, int priority) {

    static Column text(String name, String description) {
        return new Column(name, "string", "", description, 0);
    }

    static Column wide(String name, String description) {
        return new Column(name, "string", "", description, 1);
    }

    static Column name(String description) {
        return new Column("Name", "string", "name", description, 0);
    }
}
