package io.rpainsights.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTableTest {

  @Test
  void textThatStartsLikeAFormulaGetsALeadingQuote() {
    // OWASP's list of the characters a spreadsheet starts a formula with.
    assertThat(CsvTable.field("=1+1")).isEqualTo("'=1+1");
    assertThat(CsvTable.field("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
    assertThat(CsvTable.field("-2+3")).isEqualTo("'-2+3");
    assertThat(CsvTable.field("@SUM(1)")).isEqualTo("'@SUM(1)");
    assertThat(CsvTable.field("\t=1")).isEqualTo("'\t=1");
    assertThat(CsvTable.field("\r=1")).isEqualTo("\"'\r=1\"");
  }

  @Test
  void thePrefixComesBeforeTheQuotingSoTheFieldStaysValidCsv() {
    assertThat(CsvTable.field("=HYPERLINK(\"http://evil\",\"x\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
  }

  @Test
  void otherTextIsWrittenAsItIs() {
    assertThat(CsvTable.field("login-page")).isEqualTo("login-page");
    assertThat(CsvTable.field("a=b")).isEqualTo("a=b");
    assertThat(CsvTable.field("")).isEmpty();
    assertThat(CsvTable.field(null)).isEmpty();
  }

  @Test
  void numbersBooleansAndTimesAreNeverPrefixed() {
    assertThat(CsvTable.field(-3.5)).isEqualTo("-3.5");
    assertThat(CsvTable.field(-2L)).isEqualTo("-2");
    assertThat(CsvTable.field(-1.0e20)).isEqualTo("-1.0E20");
    assertThat(CsvTable.field(new Measure(Kind.PERCENT, -50.0))).isEqualTo("-50");
    assertThat(CsvTable.field(false)).isEqualTo("false");
    assertThat(CsvTable.field(Instant.parse("-0001-01-01T00:00:00Z")))
        .isEqualTo("-0001-01-01T00:00:00Z");
  }

  @Test
  void aListIsTextByItsFirstItem() {
    assertThat(CsvTable.field(List.of("=a", "b"))).isEqualTo("'=a; b");
    assertThat(CsvTable.field(List.of("a", "=b"))).isEqualTo("a; =b");
  }

  @Test
  void headersAreTextToo() {
    // compare's CSV header names the two workflows, which come from the store.
    StringWriter out = new StringWriter();
    CsvTable.render(
        List.of(
            Column.of("metric", "", Kind.TEXT, (Object[] r) -> r[0]),
            Column.of("=evil", "", Kind.NUMBER, (Object[] r) -> r[1])),
        List.<Object[]>of(new Object[] {"-medianMs", -12.5}),
        new PrintWriter(out));
    assertThat(out.toString()).isEqualTo("metric,'=evil\r\n'-medianMs,-12.5\r\n");
  }
}
