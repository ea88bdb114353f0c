import { describe, expect, it } from 'vitest';
import { cellId, columnTotals, publish, publishTogether, rowTotals, tableCellId, type RowSpec, type TableSpec } from '../../src/reports/figure-table.js';
import { FEWER_THAN_5, HIDDEN, suppressedCells, suppression } from '../../src/reports/suppression.js';

const grid = (counts: Record<string, number>, lines: { parts: string[]; total: string }[] = [], dependants: Record<string, string[]> = {}) =>
  suppressedCells({ peopleCounts: new Map(Object.entries(counts)), lines, dependants: new Map(Object.entries(dependants)) });

describe('primary suppression', () => {
  it('when a count of young people is under 5 (0 included), then it is hidden; 5 and over are shown', () => {
    expect([...grid({ a: 0, b: 1, c: 4, d: 5, e: 120 })].sort()).toEqual(['a', 'b', 'c']);
  });

  it('when a rate or amount is built on a hidden count, then it is hidden too; built on shown counts it stays', () => {
    const hidden = grid({ part: 3, whole: 40, other: 12 }, [], { rate: ['part', 'whole'], otherRate: ['other', 'whole'] });
    expect(hidden.has('rate')).toBe(true);
    expect(hidden.has('otherRate')).toBe(false);
  });
});

describe('secondary suppression', () => {
  it('when one part of a line with a shown total is hidden, then the smallest other part is hidden too', () => {
    // 3 + 6 + 9 = 18: with only the 3 hidden it would be 18 - 6 - 9.
    expect([...grid({ a: 3, b: 6, c: 9, total: 18 }, [{ parts: ['a', 'b', 'c'], total: 'total' }])].sort()).toEqual(['a', 'b']);
  });

  it('when two parts are already hidden, then nothing more is hidden', () => {
    expect([...grid({ a: 3, b: 2, c: 9, total: 14 }, [{ parts: ['a', 'b', 'c'], total: 'total' }])].sort()).toEqual(['a', 'b']);
  });

  it('when the hidden parts of a line are all 0 and the visible parts make up the total, then another part is hidden (else each hidden part is known to be 0)', () => {
    // 6 + 0 + 0 = 6: "fewer than 5" twice beside 6 and a total of 6 says both are 0.
    expect([...grid({ a: 6, b: 0, c: 0, total: 6 }, [{ parts: ['a', 'b', 'c'], total: 'total' }])].sort()).toEqual(['a', 'b', 'c']);
    // 6 + 1 + 0 = 7: the two hidden parts are 1 and 0 in some order, which cannot be told apart.
    expect([...grid({ a: 6, b: 1, c: 0, total: 7 }, [{ parts: ['a', 'b', 'c'], total: 'total' }])].sort()).toEqual(['b', 'c']);
  });

  it('when two tables show the same figure, then a cell hidden in one to protect its line is hidden in the other too', () => {
    const trend: TableSpec = { id: 'trend', area: 'eet', title: 'T', definition: 'D', columns: [{ key: 'label', label: 'Month', kind: 'text' }, { key: 'n', label: 'N', kind: 'people' }], rows: [{ key: 'jan', values: { label: 'Jan', n: 6 } }, { key: 'feb', values: { label: 'Feb', n: 2 } }, { key: 'all', total: true, values: { label: 'All', n: 8 } }] };
    trend.lines = columnTotals(trend.rows, trend.columns);
    const january: TableSpec = { id: 'january', area: 'eet', title: 'J', definition: 'D', columns: trend.columns, rows: [{ key: 'jan', values: { label: 'Jan', n: 6 } }] };
    const [alone] = publishTogether([january]);
    expect(alone!.rows[0]!.values.n).toBe(6);
    const [withTrend, published] = publishTogether([january, trend], [{ parts: [tableCellId('january', 'jan:n')], total: tableCellId('trend', 'jan:n') }]);
    expect(published!.rows.map((row) => row.values.n)).toEqual([HIDDEN, FEWER_THAN_5, 8]);
    expect(withTrend!.rows[0]!.values.n).toBe(HIDDEN);
  });

  it('when the hidden parts are as large as "fewer than 5" allows (4 + 4 = 8), then the total is hidden too; a hidden 5 or more is not said to be fewer than 5', () => {
    // Two "fewer than 5" making 8 can only be 4 and 4.
    expect([...grid({ a: 4, b: 4, total: 8 }, [{ parts: ['a', 'b'], total: 'total' }])].sort()).toEqual(['a', 'b', 'total']);
    // 12 = 7 + 5 + 0: the 0 pins itself, so the 5 is hidden; a hidden 5 or more and a "fewer than 5" making 5 are
    // 5 and 0, so the 7 goes too. They read "hidden": three "fewer than 5" could not make 12.
    const said = suppression({ peopleCounts: new Map(Object.entries({ a: 7, b: 5, c: 0, total: 12 })), lines: [{ parts: ['a', 'b', 'c'], total: 'total' }], dependants: new Map() });
    expect(Object.fromEntries(said)).toEqual({ a: HIDDEN, b: HIDDEN, c: FEWER_THAN_5 });
    // A hidden 5 or more beside a total of 5 could only be 5 (and the rest 0): the total goes too.
    expect([...grid({ a: 5, b: 0, total: 5 }, [{ parts: ['a', 'b'], total: 'total' }])].sort()).toEqual(['a', 'b', 'total']);
  });

  it('when a figure is pinned only through two lines (a row and a column), then it is protected too', () => {
    //          x     y    all
    // r1       6     3     9
    // r2       8     9    17
    // all     14    12    26
    // r1:y (3) hides r1:x; column x then hides r2:x; so far each line has two hidden. But r2:x = 14 - r1:x and
    // r1:x = 9 - 3..: bounds pin nothing here, so nothing more is hidden.
    const counts = { r1x: 6, r1y: 3, r1t: 9, r2x: 8, r2y: 9, r2t: 17, tx: 14, ty: 12, tt: 26 };
    const lines = [
      { parts: ['r1x', 'r1y'], total: 'r1t' },
      { parts: ['r2x', 'r2y'], total: 'r2t' },
      { parts: ['r1x', 'r2x'], total: 'tx' },
      { parts: ['r1y', 'r2y'], total: 'ty' },
      { parts: ['r1t', 'r2t'], total: 'tt' },
    ];
    const hidden = grid(counts, lines);
    expect([...hidden].sort()).toEqual(['r1x', 'r1y', 'r2x', 'r2y']);
  });

  it('when the only other part is the total, then the total is hidden', () => {
    expect([...grid({ a: 2, total: 7 }, [{ parts: ['a'], total: 'total' }])].sort()).toEqual(['a', 'total']);
  });


  it('when hiding a cell for one line leaves a crossing line with one hidden cell, then that line is fixed too (rows and columns of a table)', () => {
    //          suitable unsuitable total
    // type A       6        2        8
    // type B       7        9       16
    // all         13       11       24
    const counts = { A_s: 6, A_u: 2, A_t: 8, B_s: 7, B_u: 9, B_t: 16, T_s: 13, T_u: 11, T_t: 24 };
    const lines = [
      { parts: ['A_s', 'A_u'], total: 'A_t' },
      { parts: ['B_s', 'B_u'], total: 'B_t' },
      { parts: ['A_s', 'B_s'], total: 'T_s' },
      { parts: ['A_u', 'B_u'], total: 'T_u' },
      { parts: ['A_t', 'B_t'], total: 'T_t' },
    ];
    const hidden = grid(counts, lines);
    // A_u (2) is primary; row A then hides A_s (6); column "suitable" then hides B_s (7); column "unsuitable" hides B_u; row B is then fine.
    expect([...hidden].sort()).toEqual(['A_s', 'A_u', 'B_s', 'B_u']);
    for (const line of lines) expect([...line.parts, line.total].filter((cell) => hidden.has(cell)).length).not.toBe(1);
  });
});

describe('published tables', () => {
  const rows: RowSpec[] = [
    { key: 'north', values: { label: 'North', reached: 12, applied: 3, rate: 25 } },
    { key: 'south', values: { label: 'South', reached: 9, applied: 6, rate: 67 } },
    { key: 'all', total: true, values: { label: '=SUM(A1)', reached: 21, applied: 9, rate: 43 } },
  ];
  const columns: TableSpec['columns'] = [
    { key: 'label', label: 'District', kind: 'text' },
    { key: 'reached', label: 'Reached', kind: 'people' },
    { key: 'applied', label: 'Applied', kind: 'people' },
    { key: 'rate', label: 'Share', kind: 'percent', builtOn: ['reached', 'applied'] },
  ];

  it('when a table is published, then hidden cells read "fewer than 5" in values and display, with the rates built on them, and totals that would give them away', () => {
    const published = publish({ id: 't', area: 'housing', title: 'T', definition: 'D', columns, rows, lines: columnTotals(rows, columns) });
    const north = published.rows[0]!;
    expect(north.values).toEqual({ label: 'North', reached: 12, applied: FEWER_THAN_5, rate: FEWER_THAN_5 });
    // 3 hidden in "applied" leaves 6 = 9 - 3 workable, so South's 6 is hidden too (and its rate): as "hidden",
    // since it is not fewer than 5.
    expect(published.rows[1]!.values).toEqual({ label: 'South', reached: 9, applied: HIDDEN, rate: HIDDEN });
    expect(published.rows[2]!.display).toEqual({ label: '=SUM(A1)', reached: '21', applied: '9', rate: '43%' });
    expect(north.suppressed).toEqual(['applied', 'rate']);
  });

  it('when a share cannot be worked out because its hidden count is 0, then it reads "fewer than 5" too, not "not recorded" (which would tell the 0); a share that means nothing on a row says "not applicable"', () => {
    const zero: RowSpec[] = [
      { key: 'east', values: { label: 'East', reached: 0, applied: 0, rate: null } },
      { key: 'west', values: { label: 'West', reached: 3, applied: 1, rate: 33 } },
      { key: 'all', total: true, notApplicable: ['rate'], values: { label: 'All', reached: 3, applied: 1, rate: null } },
    ];
    const published = publish({ id: 't', area: 'housing', title: 'T', definition: 'D', columns, rows: zero });
    expect(published.rows[0]!.values).toEqual({ label: 'East', reached: FEWER_THAN_5, applied: FEWER_THAN_5, rate: FEWER_THAN_5 });
    expect(published.rows[1]!.values.rate).toBe(FEWER_THAN_5);
    expect(published.rows[2]!.values.rate).toBeNull();
    expect(published.rows[2]!.display.rate).toBe('not applicable');
  });

  it('when rows sum to a total column, then row lines are built for every row', () => {
    expect(rowTotals(rows, ['applied'], 'reached')).toEqual([
      { parts: [cellId('north', 'applied')], total: cellId('north', 'reached') },
      { parts: [cellId('south', 'applied')], total: cellId('south', 'reached') },
      { parts: [cellId('all', 'applied')], total: cellId('all', 'reached') },
    ]);
  });
});
