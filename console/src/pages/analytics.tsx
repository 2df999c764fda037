import { useEffect, useMemo, useState } from 'preact/hooks';
import { getJson, getText, type Me } from '../api';
import type { TimeChart as Chart } from '../chart';
import { percent, seconds } from '../format';
import { download, Loading, OperatorsOnly, Problem, Section, useLoad } from '../ui';

interface Row {
  destination: string;
  day: string;
  count: number;
  lodgedToDelivered: { median: number | null; p90: number | null };
  lodgedToFinal: { median: number | null; p90: number | null };
  rejectedShare: number;
  failedShare: number;
}

interface TimeRelease {
  from: string;
  to: string;
  rows: Row[];
}

const day = (d: Date) => d.toISOString().slice(0, 10);
const COLORS = ['#1f5fbf', '#b8460b', '#2a7d2e', '#7a3fb0'];

/** uPlot is most of the console's script, and only this screen draws: it is loaded when the screen first is. */
function useTimeChart(): typeof Chart | undefined {
  const [chart, setChart] = useState<{ TimeChart: typeof Chart }>();
  useEffect(() => {
    import('../chart').then(setChart, () => {});
  }, []);
  return chart?.TimeChart;
}

function DestinationCharts({ destination, rows, period }: { destination: string; rows: Row[]; period: { from: string; to: string } }) {
  const TimeChart = useTimeChart();
  const days = useMemo(() => rows.map((r) => r.day), [rows]);
  const times = useMemo(
    () => [
      { label: 'lodged → delivered, median', values: rows.map((r) => r.lodgedToDelivered.median), color: COLORS[0]! },
      { label: 'lodged → delivered, p90', values: rows.map((r) => r.lodgedToDelivered.p90), color: COLORS[0]!, dash: [6, 4] },
      { label: 'lodged → final, median', values: rows.map((r) => r.lodgedToFinal.median), color: COLORS[1]! },
      { label: 'lodged → final, p90', values: rows.map((r) => r.lodgedToFinal.p90), color: COLORS[1]!, dash: [6, 4] },
    ],
    [rows],
  );
  const counts = useMemo(
    () => [
      { label: 'exchanges', values: rows.map((r) => r.count), color: COLORS[2]! },
      { label: 'rejected %', values: rows.map((r) => r.rejectedShare * 100), color: COLORS[3]! },
      { label: 'failed %', values: rows.map((r) => r.failedShare * 100), color: COLORS[1]!, dash: [2, 3] },
    ],
    [rows],
  );
  return (
    <Section title={`Destination ${destination}`} id={`dest-${destination}`}>
      {TimeChart ? (
        <>
          <TimeChart title={`Time release to ${destination} per day`} days={days} series={times} unit="seconds" period={period} />
          <TimeChart title={`Volume and outcomes at ${destination} per day`} days={days} series={counts} unit="count / %" period={period} />
        </>
      ) : (
        <p class="muted">Loading the charts…</p>
      )}
    </Section>
  );
}

export function AnalyticsScreen({ me }: { me: Me }) {
  const today = new Date();
  const [draft, setDraft] = useState({ from: day(new Date(today.getTime() - 29 * 86_400_000)), to: day(today), destination: '' });
  const [query, setQuery] = useState(draft);
  const [csvError, setCsvError] = useState<unknown>();
  const { value, error, loading } = useLoad(
    () => (me.operator ? getJson<TimeRelease>('/v1/analytics/time-release', query) : Promise.resolve(undefined)),
    [query, me.operator],
  );
  const byDestination = useMemo(() => {
    const groups = new Map<string, Row[]>();
    for (const row of value?.rows ?? []) groups.set(row.destination, [...(groups.get(row.destination) ?? []), row]);
    for (const rows of groups.values()) rows.sort((a, b) => a.day.localeCompare(b.day));
    return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [value]);
  if (!me.operator) return <OperatorsOnly what="The Analytics screen" />;

  const csv = async () => {
    setCsvError(undefined);
    try {
      const params = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== ''));
      const { text } = await getText(`/v1/analytics/time-release?${params}`, 'text/csv');
      download(`time-release-${query.from}-${query.to}.csv`, text, 'text/csv');
    } catch (e) {
      setCsvError(e);
    }
  };

  return (
    <>
      <h1>Analytics</h1>
      <p class="muted">
        Time release from the exchanges' own timelines: from lodging to delivery (the destination took it) and to the final answer (acknowledged, rejected or
        failed), per destination and day (UTC). Also at <code>GET /v1/analytics/time-release</code> and as Prometheus histograms.
      </p>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ ...draft });
        }}
      >
        <div class="field">
          <label for="a-from">From</label>
          <input id="a-from" type="date" required value={draft.from} onInput={(e) => setDraft({ ...draft, from: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="a-to">To</label>
          <input id="a-to" type="date" required value={draft.to} onInput={(e) => setDraft({ ...draft, to: e.currentTarget.value })} />
        </div>
        <div class="field">
          <label for="a-destination">Destination</label>
          <input id="a-destination" value={draft.destination} onInput={(e) => setDraft({ ...draft, destination: e.currentTarget.value })} />
        </div>
        <div class="actions">
          <button type="submit">Show</button>
          <button type="button" class="secondary" onClick={csv}>
            Download CSV
          </button>
        </div>
      </form>
      <Problem error={error ?? csvError} />
      <Loading when={loading} />
      {value && byDestination.length === 0 && <p>No delivery was lodged in this period.</p>}
      {byDestination.map(([destination, rows]) => (
        <DestinationCharts key={destination} destination={destination} rows={rows} period={value!} />
      ))}
      {value && value.rows.length > 0 && (
        <Section title="Figures">
          <table>
            <caption>
              Time release per destination and day, {value.from} to {value.to}
            </caption>
            <thead>
              <tr>
                <th scope="col">Destination</th>
                <th scope="col">Day</th>
                <th scope="col" class="num">
                  Count
                </th>
                <th scope="col" class="num">
                  → delivered, median
                </th>
                <th scope="col" class="num">
                  → delivered, p90
                </th>
                <th scope="col" class="num">
                  → final, median
                </th>
                <th scope="col" class="num">
                  → final, p90
                </th>
                <th scope="col" class="num">
                  Rejected
                </th>
                <th scope="col" class="num">
                  Failed
                </th>
              </tr>
            </thead>
            <tbody>
              {byDestination.flatMap(([, rows]) =>
                rows.map((r) => (
                  <tr key={`${r.destination}-${r.day}`}>
                    <th scope="row">{r.destination}</th>
                    <td>{r.day}</td>
                    <td class="num">{r.count}</td>
                    <td class="num">{seconds(r.lodgedToDelivered.median)}</td>
                    <td class="num">{seconds(r.lodgedToDelivered.p90)}</td>
                    <td class="num">{seconds(r.lodgedToFinal.median)}</td>
                    <td class="num">{seconds(r.lodgedToFinal.p90)}</td>
                    <td class="num">{percent(r.rejectedShare)}</td>
                    <td class="num">{percent(r.failedShare)}</td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </Section>
      )}
    </>
  );
}
