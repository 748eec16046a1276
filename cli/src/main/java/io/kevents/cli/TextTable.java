package io.kevents.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Left-aligned columns separated by three spaces, the way kubectl prints tables (its tab writer pads every
 * column but the last).
 */
final class TextTable {

    private static final int PADDING = 3;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(List<String> header) {
        rows.add(List.copyOf(header));
    }

    void add(List<String> row) {
        rows.add(List.copyOf(row));
    }

    String render() {
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                String cell = row.get(i);
                out.append(cell);
                if (i < columns - 1) {
                    out.append(" ".repeat(widths[i] - cell.length() + PADDING));
                }
            }
            out.append('\n');
        }
        return out.toString();
    }
}
