import { formatMetric, type MetricFormat } from "@/lib/dashboards/format-metric";
import { summarise, type ChartModel } from "./chart-model";

/** The chart's numbers for screen readers: latest, lowest and highest value of each visible series. */
export function ChartTable({
  title,
  model,
  format,
}: {
  title: string;
  model: ChartModel;
  format: MetricFormat;
}) {
  return (
    // A table ignores sr-only's 1px width, so the wrapper hides it.
    <div className="sr-only">
      <table>
        <caption>{title}: latest, lowest and highest value per series</caption>
        <thead>
          <tr>
            <th scope="col">Series</th>
            <th scope="col">Latest</th>
            <th scope="col">Lowest</th>
            <th scope="col">Highest</th>
          </tr>
        </thead>
        <tbody>
          {model.series.map((s) => {
            const { latest, min, max } = summarise(s.values);
            return (
              <tr key={s.key}>
                <th scope="row">{s.label}</th>
                <td>{formatMetric(latest, format)}</td>
                <td>{formatMetric(min, format)}</td>
                <td>{formatMetric(max, format)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
