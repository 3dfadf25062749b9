/**
 * The report of a comparison: {@code Report} writes {@code JsonReport} (records through Jackson's
 * databind), {@code CsvReport} and {@code HtmlReport} (with {@code Charts} and {@code Timeline},
 * SVG drawn directly) into one directory; {@code Machine} names where it ran. It draws only what
 * the rows hold.
 */
package dev.multitasking.app.report;
