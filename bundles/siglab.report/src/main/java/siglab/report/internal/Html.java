package siglab.report.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * What every page shares: escaping, number formats, one inline style sheet and atomic writes.
 * Pages are single static files that name nothing on the network: system fonts, inline CSS, and
 * only small inline scripts, so that a report opened on a train or from an archive looks the same.
 */
final class Html {

    /** Inline style for every page; sized for a laptop screen, wide tables scroll on their own. */
    static final String STYLE = """
            :root { color-scheme: light; --line: #d0d4da; --muted: #5b6470; --accent: #1f5fa8; --best: #e3f4e1; }
            * { box-sizing: border-box; }
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   margin: 0 auto; padding: 1rem 1.5rem 3rem; max-width: 1280px; line-height: 1.45; color: #1d2329; }
            h1 { font-size: 1.55rem; margin: .4rem 0 .2rem; }
            h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
            h3 { font-size: 1rem; margin: 1rem 0 .4rem; }
            .sub { color: var(--muted); margin: 0 0 1rem; }
            .status { display: inline-block; padding: 0 .5em; border-radius: .6em; font-size: .85em; font-weight: 600; }
            .status-finished { background: #dcf1dc; color: #1b5e20; }
            .status-failed { background: #fbdada; color: #8e1b1b; }
            .status-running, .status-unknown { background: #fff1c9; color: #6b4e00; }
            .status-warning { background: #ffd54f; color: #4a3500; text-decoration: none; }
            .scroll { overflow-x: auto; max-width: 100%; }
            table { border-collapse: collapse; margin: .3rem 0 1rem; font-size: .92rem; }
            th, td { border: 1px solid var(--line); padding: .25rem .55rem; text-align: left; vertical-align: top; }
            thead th { background: #f1f3f6; position: sticky; top: 0; }
            th[scope=row] { background: #f7f8fa; font-weight: 600; }
            #runs tbody th { white-space: nowrap; }
            td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            td.best { background: var(--best); font-weight: 600; }
            td.differs { background: #fff4cc; }
            .mark { color: #2e7d32; }
            .note { color: var(--muted); font-size: .9rem; }
            .error { background: #fbdada; border: 1px solid #e0a0a0; padding: .5rem .8rem; border-radius: .3rem; }
            .warning { background: #fff1c9; border: 2px solid #d9a400; padding: .3rem 1rem; border-radius: .3rem; margin: 1rem 0; }
            .warning h2 { margin: .4rem 0; border: 0; color: #6b4e00; }
            .cards { display: flex; flex-wrap: wrap; gap: .6rem; margin: .5rem 0 1rem; }
            .card { border: 1px solid var(--line); border-radius: .4rem; padding: .4rem .8rem; min-width: 8.5rem; }
            .card .label { color: var(--muted); font-size: .8rem; }
            .card .value { font-size: 1.3rem; font-weight: 600; font-variant-numeric: tabular-nums; }
            .card .pairs { color: var(--muted); font-size: .78rem; }
            .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(380px, 1fr)); gap: 1rem; }
            figure { margin: 0; border: 1px solid var(--line); border-radius: .4rem; padding: .4rem; background: #fff; }
            figure img { width: 100%; height: auto; display: block; }
            figcaption { color: var(--muted); font-size: .85rem; padding-top: .3rem; }
            .side { display: flex; flex-wrap: wrap; gap: 1rem; }
            .side table caption { font-weight: 600; text-align: left; padding-bottom: .2rem; }
            pre { background: #f7f8fa; border: 1px solid var(--line); padding: .6rem .8rem; overflow-x: auto; font-size: .85rem; }
            details > summary { cursor: pointer; color: var(--accent); }
            th button { all: unset; cursor: pointer; display: block; width: 100%; }
            th button:focus-visible { outline: 2px solid var(--accent); }
            th[aria-sort=ascending] button::after { content: " \\25B2"; font-size: .7em; }
            th[aria-sort=descending] button::after { content: " \\25BC"; font-size: .7em; }
            a { color: var(--accent); }
            @media (max-width: 700px) { body { padding: .5rem; } .figures { grid-template-columns: 1fr; } }
            """;

    private Html() {}

    /** Escapes text for element content and double-quoted attributes. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The opening of a page up to and including {@code <body>}. */
    static void open(StringBuilder page, String title) {
        page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // No network: forbid every remote load, even if a config value smuggled a URL in.
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                .append("img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
    }

    static void close(StringBuilder page) {
        page.append("</body>\n</html>\n");
    }

    /** A relative link from {@code from} (a folder) to {@code to}, percent-encoded. */
    static String href(Path from, Path to) {
        String relative = from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString()
                .replace('\\', '/');
        try {
            return new URI(null, null, relative, null).toASCIIString();
        } catch (URISyntaxException e) {
            return escape(relative);
        }
    }

    /** A rate in [0, 1] as a percentage with two decimals. */
    static String percent(double rate) {
        return Double.isNaN(rate) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * rate);
    }

    /** A number with four significant digits, integers without decimals. */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.valueOf((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value);
    }

    /** A cell of a CSV-derived table: numbers get four significant digits, text stays as it is. */
    static String cell(String text) {
        double value = RunFolder.parse(text);
        return Double.isNaN(value) ? text : number(value);
    }

    /** Writes a file atomically: a temporary file beside it, then a rename. */
    static void write(Path file, String content) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path temporary = parent.resolve("." + file.getFileName() + ".tmp");
        Files.writeString(temporary, content, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
