/**
 * Small bar charts drawn as inline SVG (no chart library: the reports stay light on old machines). Every
 * chart is also given as a table: the SVG is an image whose name sums it up, and the table — the same
 * numbers, formatted — sits under it in a `<details>` one opens to read the figures.
 */
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SMALL_COUNT } from '../../reportsApi.ts';
import { TableScroll } from '../ui.tsx';
import { PeopleFigure } from './format.tsx';

export interface ChartSeries {
  label: string;
  /** `target`: drawn as an outline (an objective), not as a filled bar. */
  kind?: 'value' | 'target';
}

/** A value of a chart: a number, none, or a masked count of people. */
export type ChartValue = number | null | typeof SMALL_COUNT;

export interface ChartRow {
  key: string;
  label: string;
  /** A short label under a column (months); the full label is used elsewhere. */
  shortLabel?: string;
  /**
   * One value per series; null when there is none (no target), left out of the drawing; `"<5"` when the API
   * masked a count of people: no bar, « < 5 » beside it, « moins de 5 » in the name and the table.
   */
  values: ChartValue[];
}

export interface ChartProps {
  title: string;
  series: ChartSeries[];
  rows: ChartRow[];
  /** How a value reads (in the table and beside the bars). */
  format: (value: number) => string;
  /** The table's first column heading. */
  rowHeader: string;
  /** A sentence under the title (the base of the shares, what is counted). */
  note?: ReactNode;
  /** Extra columns of the table (shares with their base…), one cell per row. */
  extraColumns?: { header: string; cells: ReactNode[] }[];
  /** `columns` for a series over time (months), `bars` (horizontal) otherwise. */
  layout?: 'bars' | 'columns';
}

/** Colours with at least 3:1 contrast on white, told apart by the legend and the table too. */
const COLOURS = ['#1d4e89', '#b45309', '#047857', '#6d28d9'];
const TARGET_COLOUR = '#4a4f57';

function shorten(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

function maxOf(rows: ChartRow[]): number {
  let max = 0;
  for (const row of rows)
    for (const value of row.values) if (typeof value === 'number' && value > max) max = value;
  return max > 0 ? max : 1;
}

function HorizontalBars({
  series,
  rows,
  format,
  maskedShort,
}: Pick<ChartProps, 'series' | 'rows' | 'format'> & { maskedShort: string }) {
  const width = 640;
  const labelWidth = 200;
  const valueWidth = 80;
  const barArea = width - labelWidth - valueWidth;
  const barHeight = 16;
  const rowGap = 12;
  const rowHeight = series.length * (barHeight + 3) + rowGap;
  const height = rows.length * rowHeight + 4;
  const max = maxOf(rows);
  return (
    <>
      {rows.map((row, r) => {
        const top = r * rowHeight + 2;
        return (
          <g key={row.key}>
            <text
              x={labelWidth - 8}
              y={top + (series.length * (barHeight + 3)) / 2}
              textAnchor="end"
              dominantBaseline="middle"
              className="chart-label"
            >
              {shorten(row.label, 28)}
            </text>
            {series.map((s, i) => {
              const value = row.values[i];
              if (value === null || value === undefined) return null;
              const y = top + i * (barHeight + 3);
              if (value === SMALL_COUNT)
                return (
                  <text
                    key={s.label}
                    x={labelWidth + 6}
                    y={y + barHeight / 2}
                    dominantBaseline="middle"
                    className="chart-value"
                  >
                    {maskedShort}
                  </text>
                );
              const length = value > 0 ? Math.max(2, (value / max) * barArea) : 0;
              const colour = s.kind === 'target' ? TARGET_COLOUR : (COLOURS[i % COLOURS.length] as string);
              return (
                <g key={s.label}>
                  {s.kind === 'target' ? (
                    <rect
                      x={labelWidth + 1}
                      y={y + 1}
                      width={Math.max(0, length - 2)}
                      height={barHeight - 2}
                      fill="none"
                      stroke={colour}
                      strokeWidth={2}
                      strokeDasharray="5 3"
                    />
                  ) : (
                    <rect x={labelWidth} y={y} width={length} height={barHeight} fill={colour} />
                  )}
                  <text
                    x={labelWidth + length + 6}
                    y={y + barHeight / 2}
                    dominantBaseline="middle"
                    className="chart-value"
                  >
                    {format(value)}
                  </text>
                </g>
              );
            })}
          </g>
        );
      })}
      <line x1={labelWidth} x2={labelWidth} y1={0} y2={height} className="chart-axis" />
    </>
  );
}

function Columns({ series, rows }: Pick<ChartProps, 'series' | 'rows'>) {
  const width = 640;
  const plotTop = 8;
  const plotHeight = 180;
  const groupWidth = (width - 8) / Math.max(1, rows.length);
  const barWidth = Math.max(2, Math.min(24, (groupWidth - 6) / series.length));
  const max = maxOf(rows);
  return (
    <>
      {rows.map((row, r) => {
        const left = 4 + r * groupWidth + (groupWidth - barWidth * series.length) / 2;
        return (
          <g key={row.key}>
            {series.map((s, i) => {
              const value = row.values[i];
              if (typeof value !== 'number' || value <= 0) return null;
              const h = Math.max(2, (value / max) * plotHeight);
              return (
                <rect
                  key={s.label}
                  x={left + i * barWidth}
                  y={plotTop + plotHeight - h}
                  width={barWidth - 1}
                  height={h}
                  fill={COLOURS[i % COLOURS.length]}
                />
              );
            })}
            <text
              x={4 + r * groupWidth + groupWidth / 2}
              y={plotTop + plotHeight + 16}
              textAnchor="middle"
              className="chart-label"
            >
              {shorten(row.shortLabel ?? row.label, 8)}
            </text>
          </g>
        );
      })}
      <line x1={0} x2={width} y1={plotTop + plotHeight} y2={plotTop + plotHeight} className="chart-axis" />
    </>
  );
}

/** A bar chart and the same figures as a table. */
export function BarChart({
  title,
  series,
  rows,
  format,
  rowHeader,
  note,
  extraColumns = [],
  layout = 'bars',
}: ChartProps) {
  const { t } = useTranslation();
  const id = useId();
  const cells = rows.length * series.length;
  const spoken = (value: number | typeof SMALL_COUNT) =>
    value === SMALL_COUNT ? t('reports.maskedSpoken') : format(value);
  const summary =
    cells <= 16
      ? rows
          .map((row) =>
            series.length === 1
              ? t('reports.chart.pair', { label: row.label, value: spoken(row.values[0] ?? 0) })
              : `${row.label} : ${series
                  .flatMap((s, i) => {
                    const value = row.values[i];
                    return value === null || value === undefined
                      ? []
                      : [t('reports.chart.pair', { label: s.label, value: spoken(value) })];
                  })
                  .join(', ')}`,
          )
          .join(' ; ')
      : t('reports.chart.seeTable');
  const width = 640;
  const height = layout === 'columns' ? 212 : rows.length * (series.length * (16 + 3) + 12) + 4;
  return (
    <figure className="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`} className="chart-title">
        {title}
      </figcaption>
      {note && <p className="help">{note}</p>}
      {series.length > 1 && (
        <ul className="chart-legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.label}>
              <span
                className={s.kind === 'target' ? 'chart-swatch chart-swatch-target' : 'chart-swatch'}
                style={s.kind === 'target' ? { borderColor: TARGET_COLOUR } : { background: COLOURS[i] }}
              />
              {s.label}
            </li>
          ))}
        </ul>
      )}
      <svg
        className="chart-svg"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={t('reports.chart.imageLabel', { title, summary })}
        focusable="false"
      >
        {layout === 'columns' ? (
          <Columns series={series} rows={rows} />
        ) : (
          <HorizontalBars
            series={series}
            rows={rows}
            format={format}
            maskedShort={t('reports.maskedShort')}
          />
        )}
      </svg>
      <details className="chart-data">
        <summary className="chart-summary">{t('reports.chart.showTable')}</summary>
        <TableScroll label={title}>
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeader}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label} className="numeric">
                    {s.label}
                  </th>
                ))}
                {extraColumns.map((column) => (
                  <th scope="col" key={column.header} className="numeric">
                    {column.header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={row.key}>
                  <th scope="row">{row.label}</th>
                  {series.map((s, i) => {
                    const value = row.values[i];
                    return (
                      <td key={s.label} className="numeric">
                        {value === null || value === undefined ? (
                          t('reports.noTarget')
                        ) : value === SMALL_COUNT ? (
                          <PeopleFigure value={value} />
                        ) : (
                          format(value)
                        )}
                      </td>
                    );
                  })}
                  {extraColumns.map((column) => (
                    <td key={column.header} className="numeric">
                      {column.cells[r]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </figure>
  );
}
