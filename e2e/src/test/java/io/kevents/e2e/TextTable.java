package io.kevents.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table as kubectl prints it (tab-aligned columns, upper-case headers that may contain single spaces such as
 * {@code LAST SEEN}): the header names in order and each row as column -> cell. Cells are cut at the header's
 * column starts, so a last column with spaces (MESSAGE) is read whole.
 */
record TextTable(List<String> columns, List<Map<String, String>> rows) {

    /** Header words joined by single spaces: one column name. */
    private static final Pattern COLUMN = Pattern.compile("\\S+(?: \\S+)*");

    /** Parses {@code text}: the first non-blank line is the header, the following non-blank lines are rows. */
    static TextTable parse(String text) {
        List<String> lines = text.lines().filter(line -> !line.isBlank()).toList();
        if (lines.isEmpty()) {
            return new TextTable(List.of(), List.of());
        }
        return parse(lines.get(0), lines.subList(1, lines.size()));
    }

    /** Parses rows under a header line (describe's Events section, where a dashed line follows the header). */
    static TextTable parse(String header, List<String> lines) {
        List<String> columns = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        Matcher matcher = COLUMN.matcher(header);
        while (matcher.find()) {
            columns.add(matcher.group());
            starts.add(matcher.start());
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank() || line.trim().matches("[- ]+")) {
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                int from = Math.min(starts.get(i), line.length());
                int to = i + 1 < columns.size() ? Math.min(starts.get(i + 1), line.length()) : line.length();
                row.put(columns.get(i), line.substring(from, to).trim());
            }
            rows.add(row);
        }
        return new TextTable(List.copyOf(columns), List.copyOf(rows));
    }

    /** The rows whose {@code column} is {@code value}. */
    List<Map<String, String>> rowsWhere(String column, String value) {
        return rows.stream().filter(row -> value.equals(row.get(column))).toList();
    }

    /** The single row whose {@code column} is {@code value}. */
    Map<String, String> row(String column, String value) {
        List<Map<String, String>> found = rowsWhere(column, value);
        if (found.size() != 1) {
            throw new AssertionError("expected one row with " + column + "=" + value + ", found " + found.size()
                    + " in " + this);
        }
        return found.get(0);
    }

    /** Every row without the given columns (to compare the rest exactly). */
    List<Map<String, String>> rowsWithout(String... dropped) {
        return rows.stream().<Map<String, String>>map(row -> {
            Map<String, String> copy = new LinkedHashMap<>(row);
            for (String column : dropped) {
                copy.remove(column);
            }
            return copy;
        }).toList();
    }
}
