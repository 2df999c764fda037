import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  color: string;
  dash?: number[];
}

/**
 * A time chart (uPlot): days on x, one line per series. The figures it draws are also in the
 * table beside it, which is what a screen reader reads; the canvas is labelled as a figure.
 */
const epoch = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

/** `period`: the days asked for, first and last: every chart of a screen spans the same days, whatever days have data. */
export function TimeChart({
  title,
  days,
  series,
  unit,
  period,
}: {
  title: string;
  days: string[];
  series: ChartSeries[];
  unit: string;
  period: { from: string; to: string };
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const x = days.map(epoch);
    const range: [number, number] = [epoch(period.from) - 43_200, epoch(period.to) + 43_200];
    const plot = new uPlot(
      {
        title,
        width: Math.min(1180, element.clientWidth || 600),
        height: 240,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
        scales: { x: { time: true, range } },
        axes: [{}, { label: unit, size: 60 }],
        series: [
          {},
          ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, spanGaps: true, ...(s.dash ? { dash: s.dash } : {}), points: { show: true } })),
        ],
      },
      [x, ...series.map((s) => s.values)],
      element,
    );
    return () => plot.destroy();
  }, [title, days, series, unit, period.from, period.to]);
  return <div ref={box} class="chart" role="img" aria-label={`${title} (chart; the same figures are in the table below)`} />;
}
