import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, test } from "vitest";
import { BarChart } from "~/components/charts/bar-chart.tsx";
import { Histogram, labelLines } from "~/components/charts/histogram.tsx";
import { CumulativeLineChart } from "~/components/charts/line-chart.tsx";

const bars = [
  { label: "Payroll", value: 12, text: "12" },
  { label: "IT", value: null, text: "fewer than 5" },
  { label: "Finance", value: null, text: "hidden" },
  { label: "Legal", value: 0, text: "0" },
];

describe("server-rendered charts", () => {
  test("a bar chart is one titled image with a table beside it; withheld counts get words, not bars", () => {
    const html = renderToStaticMarkup(<BarChart title="Which service do you share?" bars={bars} />);
    expect(html).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="([^"]+)"/);
    const titleId = /aria-labelledby="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(html).toContain(
      `<title id="${titleId}">Which service do you share?: Payroll 12, IT fewer than 5, Finance hidden, Legal 0</title>`,
    );
    expect(html).toContain("<caption>Which service do you share?</caption>");
    expect(html.match(/<rect/g)).toHaveLength(2); // Payroll, and a zero-width bar for Legal
    expect(html).toContain('<td class="numeric">fewer than 5</td>');
    expect(html).toMatch(/chart__value--withheld[^>]*>fewer than 5</);
  });

  test("a histogram draws a column per shown bin only", () => {
    const html = renderToStaticMarkup(
      <Histogram
        title="How hard is VAT?"
        bins={[
          { label: "1 Easy", value: 3, text: "3" },
          { label: "2", value: null, text: "fewer than 5" },
          { label: "3", value: 20, text: "20" },
        ]}
      />,
    );
    expect(html).toContain('role="img"');
    expect(html.match(/<rect/g)).toHaveLength(2);
    expect(html).toContain("<caption>How hard is VAT?</caption>");
  });

  test("histogram axis labels wrap to their column, at most three lines, never wider than it", () => {
    const column = (640 - 16) / 10;
    expect(labelLines("10,000 to 19,999", column)).toEqual(["10,000", "to", "19,999"]);
    expect(labelLines("3", column)).toEqual(["3"]);
    expect(labelLines("1 Not at all", 624 / 5)).toEqual(["1 Not at all"]);
    expect(labelLines("1 Not at all", 624 / 11)).toEqual(["1 Not", "at all"]);
    for (const label of ["100,000,000 to 199,999,999", "5 Very much indeed, more than anything"]) {
      const lines = labelLines(label, column);
      expect(lines.length).toBeLessThanOrEqual(3);
      for (const line of lines) expect(line.length * 8.4).toBeLessThanOrEqual(column - 6);
    }
    const html = renderToStaticMarkup(
      <Histogram
        title="VAT paid"
        bins={[
          { label: "0 to 9,999", value: 3, text: "3" },
          { label: "10,000 to 19,999", value: 5, text: "5" },
        ]}
      />,
    );
    expect(html).toContain(">10,000 to 19,999</tspan>");
  });

  test("the response line says where it ended and lists the days with responses", () => {
    const html = renderToStaticMarkup(
      <CumulativeLineChart
        title="Responses"
        total={20}
        points={[
          { day: "2026-11-01", count: 0, cumulative: 0, rate: 0 },
          { day: "2026-11-02", count: 5, cumulative: 5, rate: 25 },
          { day: "2026-11-03", count: 0, cumulative: 5, rate: 25 },
        ]}
      />,
    );
    expect(html).toContain(
      "Responses: 5 responses by 3 November 2026 (25% of those invited), from 1 November 2026",
    );
    expect(html).toContain("<path");
    expect(html.match(/<tr>/g)).toHaveLength(2); // header and the one day with responses
    expect(renderToStaticMarkup(<CumulativeLineChart title="Responses" total={0} points={[]} />)).toContain(
      "no responses yet",
    );
  });
});
