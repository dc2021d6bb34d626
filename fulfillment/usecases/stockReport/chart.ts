/**
 * The stock report's picture: one panel per component, a bar per blood group whose height is days
 * of supply and whose colour is its level, with the group's amber and red thresholds drawn as ticks
 * and the units available written on top. Vega-Lite describes it; Vega renders SVG headlessly (no
 * canvas, no browser), so the Lambda and the embedded default draw the same file.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { COMPONENT_LABEL, COMPONENTS } from '../../domain/vocabulary.js';
import type { StockReportRow } from './data.js';

/** Bars stop here so one well-stocked group does not flatten every other bar to nothing. */
export const CHART_DAYS_CAP = 14;

export const LEVEL_COLOURS = { green: '#2e7d32', amber: '#f9a825', red: '#c62828' } as const;

export function stockChartSpec(date: string, rows: readonly StockReportRow[]): TopLevelSpec {
  const values = rows.map((r) => ({
    component: COMPONENT_LABEL[r.component],
    group: r.group,
    units: r.available,
    days: Math.min(r.daysOfSupply, CHART_DAYS_CAP),
    level: r.level,
    amber: Math.min(r.thresholds.amberBelowDays, CHART_DAYS_CAP),
    red: Math.min(r.thresholds.redBelowDays, CHART_DAYS_CAP),
    label: r.daysOfSupply > CHART_DAYS_CAP ? `${r.available}↑` : String(r.available),
  }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Blood stock on ${date}: days of supply by group and component`,
      subtitle: `Bar colour = level · dashed tick = amber threshold, solid tick = red threshold · number = units available (↑ = over ${CHART_DAYS_CAP} days)`,
      anchor: 'start',
    },
    background: 'white',
    padding: 16,
    data: { values },
    // Explicit panels rather than a wrapped facet: no empty sixth panel, and titles line up.
    concat: COMPONENTS.map((c) => panel(COMPONENT_LABEL[c])),
    columns: 3,
    spacing: { row: 24, column: 28 },
    config: {
      font: 'DejaVu Sans, Arial, sans-serif',
      view: { stroke: '#ddd' },
      // Headless Vega estimates text widths; an unlimited legend label is never cut short.
      legend: { orient: 'top', direction: 'horizontal', labelLimit: 0, titleLimit: 0 },
      title: { subtitleFontSize: 12 },
    },
  } as TopLevelSpec;
}

const groupAxis = {
  field: 'group',
  type: 'nominal',
  title: null,
  sort: null,
  axis: { labelAngle: 0 },
} as const;
// Headroom above the cap keeps the unit labels inside every panel, so all panel titles line up.
const daysScale = { domain: [0, CHART_DAYS_CAP + 2] };
const daysAxis = { values: Array.from({ length: CHART_DAYS_CAP / 2 + 1 }, (_, i) => i * 2) };
/** Thresholds in darker shades than the bars, so a tick stays visible across a bar of its own level. */
const TICK_COLOURS = { amber: '#b35c00', red: '#6d0000' } as const;

function panel(component: string) {
  return {
    title: { text: component, fontSize: 13 },
    width: 280,
    height: 170,
    transform: [{ filter: { field: 'component', equal: component } }],
    layer: [
      {
        mark: { type: 'bar', cornerRadiusEnd: 2 },
        encoding: {
          x: groupAxis,
          y: {
            field: 'days',
            type: 'quantitative',
            title: 'days of supply',
            scale: daysScale,
            axis: daysAxis,
          },
          color: {
            field: 'level',
            type: 'nominal',
            title: 'level',
            scale: { domain: ['green', 'amber', 'red'], range: Object.values(LEVEL_COLOURS) },
          },
        },
      },
      {
        mark: { type: 'tick', thickness: 2.5, color: TICK_COLOURS.amber, strokeDash: [5, 3] },
        encoding: { x: groupAxis, y: { field: 'amber', type: 'quantitative', scale: daysScale } },
      },
      {
        mark: { type: 'tick', thickness: 2.5, color: TICK_COLOURS.red },
        encoding: { x: groupAxis, y: { field: 'red', type: 'quantitative', scale: daysScale } },
      },
      {
        mark: { type: 'text', dy: -7, fontSize: 11, color: '#222' },
        encoding: {
          x: groupAxis,
          y: { field: 'days', type: 'quantitative', scale: daysScale },
          text: { field: 'label', type: 'nominal' },
        },
      },
    ],
  };
}

export async function renderStockChartSvg(date: string, rows: readonly StockReportRow[]): Promise<string> {
  const view = new View(parse(compile(stockChartSpec(date, rows)).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
