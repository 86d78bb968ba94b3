package siglab.report.internal;

import java.util.ArrayList;
import java.util.List;
import siglab.report.internal.Comparison.Cell;
import siglab.report.internal.Comparison.Column;
import siglab.report.internal.Comparison.Row;
import siglab.report.internal.Comparison.Section;

/**
 * Writes a comparison's table for a terminal, a spreadsheet (CSV) or a paper (Markdown, LaTeX).
 * By default the table has one column per run; transposed, one row per run, as papers usually
 * print them.
 */
final class TableFormats {

    /** A table laid out for writing: a header, labelled rows, and where sections break. */
    record Grid(String corner, List<String> header, List<String> labels, List<List<Cell>> cells, List<Integer> breaks) {}

    private TableFormats() {}

    static Grid grid(Comparison comparison, boolean transpose) {
        List<Row> rows = comparison.rows();
        List<Column> columns = comparison.columns();
        List<Integer> breaks = new ArrayList<>();
        if (!transpose) {
            List<List<Cell>> cells = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            for (int r = 0; r < rows.size(); r++) {
                if (r > 0 && rows.get(r).section() != rows.get(r - 1).section()) {
                    breaks.add(r);
                }
                labels.add(rows.get(r).label());
                cells.add(rows.get(r).cells());
            }
            return new Grid("", columns.stream().map(Column::label).toList(), labels, cells, breaks);
        }
        List<List<Cell>> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            List<Cell> line = new ArrayList<>();
            for (Row row : rows) {
                line.add(row.cells().get(c));
            }
            cells.add(line);
        }
        return new Grid("run", rows.stream().map(Row::label).toList(), columns.stream().map(Column::label).toList(),
                cells, breaks);
    }

    /** Plain text with aligned columns; the best of each row carries a {@code *}. */
    static String text(Grid grid) {
        int columns = grid.header().size() + 1;
        String[][] table = new String[grid.labels().size() + 1][columns];
        table[0][0] = grid.corner();
        for (int c = 1; c < columns; c++) {
            table[0][c] = grid.header().get(c - 1);
        }
        for (int r = 0; r < grid.labels().size(); r++) {
            table[r + 1][0] = grid.labels().get(r);
            for (int c = 1; c < columns; c++) {
                Cell cell = grid.cells().get(r).get(c - 1);
                table[r + 1][c] = cell.text() + (cell.best() ? " *" : "  ");
            }
        }
        int[] widths = new int[columns];
        for (String[] line : table) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        int total = (columns - 1) * 2;
        for (int width : widths) {
            total += width;
        }
        for (int r = 0; r < table.length; r++) {
            if (r == 1 || grid.breaks().contains(r - 1)) {
                out.append("-".repeat(total)).append('\n');
            }
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = table[r][c];
                if (c > 0) {
                    line.append("  ");
                }
                // Labels align left; values align right so that decimals line up.
                line.append(c == 0 ? cell + " ".repeat(widths[c] - cell.length())
                        : " ".repeat(widths[c] - cell.length()) + cell);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** RFC 4180 CSV of the same cells, without best marks so that the values stay values. */
    static String csv(Grid grid) {
        StringBuilder out = new StringBuilder();
        List<String> header = new ArrayList<>();
        header.add(grid.corner().isEmpty() ? "setting" : grid.corner());
        header.addAll(grid.header());
        out.append(String.join(",", header.stream().map(TableFormats::csvCell).toList())).append("\r\n");
        for (int r = 0; r < grid.labels().size(); r++) {
            List<String> line = new ArrayList<>();
            line.add(csvCell(grid.labels().get(r)));
            grid.cells().get(r).forEach(cell -> line.add(csvCell(cell.text())));
            out.append(String.join(",", line)).append("\r\n");
        }
        return out.toString();
    }

    /** A GitHub-flavoured Markdown table; the best of each row in bold. */
    static String markdown(Grid grid) {
        StringBuilder out = new StringBuilder("| ").append(markdownCell(grid.corner()));
        grid.header().forEach(h -> out.append(" | ").append(markdownCell(h)));
        out.append(" |\n|---");
        grid.header().forEach(h -> out.append("|---:"));
        out.append("|\n");
        for (int r = 0; r < grid.labels().size(); r++) {
            out.append("| ").append(markdownCell(grid.labels().get(r)));
            for (Cell cell : grid.cells().get(r)) {
                String text = markdownCell(cell.text());
                out.append(" | ").append(cell.best() ? "**" + text + "**" : text);
            }
            out.append(" |\n");
        }
        return out.toString();
    }

    /** A booktabs LaTeX tabular; the best of each row in bold. */
    static String latex(Grid grid) {
        StringBuilder out = new StringBuilder("% needs \\usepackage{booktabs}\n\\begin{tabular}{l")
                .append("r".repeat(grid.header().size())).append("}\n\\toprule\n").append(latexCell(grid.corner()));
        grid.header().forEach(h -> out.append(" & ").append(latexCell(h)));
        out.append(" \\\\\n\\midrule\n");
        for (int r = 0; r < grid.labels().size(); r++) {
            if (grid.breaks().contains(r)) {
                out.append("\\midrule\n");
            }
            out.append(latexCell(grid.labels().get(r)));
            for (Cell cell : grid.cells().get(r)) {
                String text = latexCell(cell.text());
                out.append(" & ").append(cell.best() ? "\\textbf{" + text + "}" : text);
            }
            out.append(" \\\\\n");
        }
        return out.append("\\bottomrule\n\\end{tabular}\n").toString();
    }

    static String csvCell(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
        return text;
    }

    static String markdownCell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("\n", " ");
    }

    static String latexCell(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(c);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                case '\u00b1' -> out.append("$\\pm$");
                case '\u2014' -> out.append("---");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
