import type { PublishedTable } from './figure-table.js';

/**
 * Charts drawn on the server as SVG, readable without JavaScript: role="img" with a <title> and <desc> that say
 * what the chart shows, and the same figures in a table beside it. Suppressed values are never drawn (no bar, a
 * gap in a line), only labelled as the table labels them ("fewer than 5" or "hidden"). The viewBox is narrow so that text stays legible on a phone.
 */
const WIDTH = 400;
const FONT = 'font-family="GDS Transport, arial, sans-serif"';
const INK = '#0b0c0c';
const SERIES = [
  { colour: '#1d70b8', dash: '', marker: 'circle' },
  { colour: '#d4351c', dash: '6 3', marker: 'square' },
  { colour: '#00703c', dash: '2 3', marker: 'triangle' },
  { colour: '#4c2c92', dash: '10 4 2 4', marker: 'diamond' },
] as const;

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
const numberOf = (value: unknown) => (typeof value === 'number' ? value : null);

export interface Chart {
  id: string;
  svg: string;
  /** Said under the chart for sighted readers too: why a line has gaps, when some months are hidden. */
  note?: string;
}

/** Horizontal bars, one per funnel step, the label above each bar. */
export function funnelChart(table: PublishedTable): Chart {
  const rows = table.rows;
  const largest = Math.max(1, ...rows.map((row) => numberOf(row.values.reached) ?? 0));
  const rowHeight = 50;
  const height = 16 + rows.length * rowHeight;
  const barArea = WIDTH - 70;
  const parts = rows.map((row, index) => {
    const y = 12 + index * rowHeight;
    const value = numberOf(row.values.reached);
    const label = `<text x="0" y="${y + 14}" ${FONT} font-size="15" fill="${INK}">${escape(String(row.values.label))}</text>`;
    if (value === null) return `${label}<rect x="0" y="${y + 21}" width="${barArea}" height="20" fill="none" stroke="#505a5f" stroke-dasharray="4 4"/><text x="8" y="${y + 36}" ${FONT} font-size="14" fill="${INK}">${escape(row.display.reached ?? '')}</text>`;
    const width = Math.max(2, Math.round((value / largest) * barArea));
    return `${label}<rect x="0" y="${y + 21}" width="${width}" height="20" fill="#1d70b8"/><text x="${width + 6}" y="${y + 36}" ${FONT} font-size="15" font-weight="bold" fill="${INK}">${value}</text>`;
  });
  const description = rows.map((row) => `${row.values.label}: ${row.display.reached}`).join('; ');
  return { id: 'funnel-chart', svg: svg('funnel-chart', height, 'Referral funnel', `Referrals reaching each step in the period. ${description}.`, parts.join('')) };
}

/** A line per measure across the months, each with its own colour, dash and marker, so colour is never the only cue. */
export function trendChart(table: PublishedTable, seriesKeys: string[]): Chart {
  const months = table.rows.filter((row) => !row.total);
  const series = seriesKeys.map((key) => table.columns.find((column) => column.key === key)!);
  const values = months.flatMap((row) => series.map((column) => numberOf(row.values[column.key]) ?? 0));
  const top = niceMaximum(Math.max(...values, 0));
  const legendHeight = 22 * series.length; // one line each, so long labels fit a phone
  const plot = { left: 40, right: WIDTH - 10, top: legendHeight + 14, bottom: legendHeight + 214 };
  const height = plot.bottom + 46;
  const x = (index: number) => (months.length === 1 ? (plot.left + plot.right) / 2 : plot.left + (index * (plot.right - plot.left)) / (months.length - 1));
  const y = (value: number) => plot.bottom - (value / top) * (plot.bottom - plot.top);
  const parts: string[] = [];
  series.forEach((column, index) => {
    const style = SERIES[index % SERIES.length]!;
    const lx = 2;
    const ly = 16 + index * 22;
    parts.push(`<line x1="${lx}" y1="${ly - 5}" x2="${lx + 28}" y2="${ly - 5}" stroke="${style.colour}" stroke-width="3" stroke-dasharray="${style.dash}"/>${marker(style.marker, lx + 14, ly - 5, style.colour)}<text x="${lx + 34}" y="${ly}" ${FONT} font-size="14" fill="${INK}">${escape(column.label)}</text>`);
  });
  for (const tick of [0, top / 2, top]) {
    parts.push(`<line x1="${plot.left}" y1="${y(tick)}" x2="${plot.right}" y2="${y(tick)}" stroke="#b1b4b6" stroke-width="1"/><text x="${plot.left - 6}" y="${y(tick) + 5}" text-anchor="end" ${FONT} font-size="13" fill="${INK}">${tick}</text>`);
  }
  const every = Math.ceil(months.length / 6);
  months.forEach((row, index) => {
    if (index % every !== 0 && index !== months.length - 1) return;
    const [year, month] = row.key.split('-');
    const name = new Date(Date.UTC(Number(year), Number(month) - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' });
    // The first and last labels align to the plot's edges, so they are not cut off.
    const anchor = months.length > 1 && index === 0 ? 'start' : months.length > 1 && index === months.length - 1 ? 'end' : 'middle';
    const labelX = anchor === 'start' ? x(index) - 6 : anchor === 'end' ? x(index) + 6 : x(index);
    parts.push(`<text x="${labelX}" y="${plot.bottom + 20}" text-anchor="${anchor}" ${FONT} font-size="13" fill="${INK}">${name}</text><text x="${labelX}" y="${plot.bottom + 38}" text-anchor="${anchor}" ${FONT} font-size="12" fill="#505a5f">${year}</text>`);
  });
  series.forEach((column, index) => {
    const style = SERIES[index % SERIES.length]!;
    // A suppressed month breaks the line: nothing is drawn that would let a reader estimate it.
    let path = '';
    let penDown = false;
    months.forEach((row, monthIndex) => {
      const value = numberOf(row.values[column.key]);
      if (value === null) {
        penDown = false;
        return;
      }
      path += `${penDown ? 'L' : 'M'}${x(monthIndex).toFixed(1)} ${y(value).toFixed(1)} `;
      penDown = true;
      parts.push(marker(style.marker, x(monthIndex), y(value), style.colour));
    });
    if (path) parts.push(`<path d="${path.trim()}" fill="none" stroke="${style.colour}" stroke-width="3" stroke-dasharray="${style.dash}"/>`);
  });
  const description = series
    .map((column) => `${column.label}: ${months.map((row) => `${row.values.label} ${row.display[column.key]}`).join(', ')}`)
    .join('. ');
  const anyHidden = months.some((row) => series.some((column) => row.suppressed.includes(column.key)));
  return {
    id: 'trend-chart',
    svg: svg('trend-chart', height, 'Trend by month', `${description}. Hidden months are left out of the lines.`, parts.join('')),
    // An empty plot would read as "none": say that hidden months are gaps, not zeros.
    ...(anyHidden ? { note: 'Hidden months ("fewer than 5", or "hidden" so that one cannot be worked out) are not drawn: a gap in a line, or a line that does not show, means a hidden number, not none.' } : {}),
  };
}

function marker(shape: (typeof SERIES)[number]['marker'], cx: number, cy: number, colour: string): string {
  switch (shape) {
    case 'circle':
      return `<circle cx="${cx}" cy="${cy}" r="5" fill="${colour}"/>`;
    case 'square':
      return `<rect x="${cx - 5}" y="${cy - 5}" width="10" height="10" fill="${colour}"/>`;
    case 'triangle':
      return `<path d="M${cx} ${cy - 6} L${cx + 6} ${cy + 5} L${cx - 6} ${cy + 5} Z" fill="${colour}"/>`;
    default:
      return `<path d="M${cx} ${cy - 6} L${cx + 6} ${cy} L${cx} ${cy + 6} L${cx - 6} ${cy} Z" fill="${colour}"/>`;
  }
}

/** 1, 2 or 5 times a power of ten, at least the largest value (and at least 10). */
export function niceMaximum(largest: number): number {
  if (largest <= 10) return 10;
  const power = 10 ** Math.floor(Math.log10(largest));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= largest)!;
}

function svg(id: string, height: number, title: string, description: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" class="app-chart" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${id}-title ${id}-desc" data-qa="${id}"><title id="${id}-title">${escape(title)}</title><desc id="${id}-desc">${escape(description)}</desc>${body}</svg>`;
}
