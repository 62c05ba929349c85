// A fake of the embedded charts of a sheet (the surface of src/gas/charts-surface.ts), hooked into
// the Sheet fake of test/fakes/gas.ts (Sheet.newChart / insertChart / getCharts / updateChart /
// removeChart). A sheet keeps its charts in `SheetState.charts`, in the order they were inserted.
//
// Documented behaviour it reproduces:
// - a chart built by a builder is not on the sheet: its getChartId() is null until insertChart
//   puts it there; getCharts() then returns it with an ID unique across the spreadsheet, which
//   never changes while the chart lives;
// - getCharts() returns snapshots: changing a chart is modify() → builder → build() →
//   Sheet.updateChart(chart); nothing is saved before updateChart;
// - modify() starts from the chart's type, ranges, position, options and header count;
//   asPieChart() / asColumnChart() / asBarChart() / asLineChart() set the type and keep the rest;
// - setOption keeps the value under its (dotted) name; getOptions().get(name) returns it, null
//   when not set; setPosition takes a 1-based anchor row and column and pixel offsets;
// - getRanges() returns the chart's data ranges, which move and grow with inserted rows and
//   columns like any other area of the sheet.
//
// Modelling choices where the documentation is silent (keep them in mind when a test fails):
// - the object given to insertChart keeps getChartId() === null (only getCharts() tells the new
//   ID), so callers must not rely on the built object learning it;
// - insertChart always adds a new chart with a new ID, even for a chart obtained from
//   getCharts() or modify() (a duplicate, which the tests would see);
// - updateChart / removeChart of a chart that is not on this sheet (no ID, removed, another
//   sheet) throw CHART_MESSAGES.notFound; inserting a chart whose type was never set throws
//   CHART_MESSAGES.noType; an anchor row or column below 1 throws CHART_MESSAGES.position;
// - getNumHeaders() is -1 (detected by Sheets) until setNumHeaders is called;
// - IDs are 1000000001, 1000000002, … per spreadsheet (real ones are arbitrary integers);
// - the anchor does not move when rows are inserted above it.
//
// Counted calls: "Sheet.getCharts" and the other Sheet methods (counted in gas.ts),
// "EmbeddedChart.<method>", "EmbeddedChartBuilder.<method>", "ChartOptions.get",
// "ContainerInfo.<method>". Test handles (not counted): `describeCharts`, `chartStates`.

import type {
  ChartOptionsLike,
  ContainerInfoLike,
  EmbeddedChartBuilderLike,
  EmbeddedChartLike,
} from "../../src/gas/charts-surface";
import type { RangeLike } from "../../src/gas/surface";
import {
  type AreaState,
  type CallCounter,
  columnLetter,
  FakeRange,
  type SheetState,
  type SpreadsheetState,
} from "./gas";

export const CHART_MESSAGES = {
  notFound: "The chart could not be found on this sheet.",
  noType: "Chart type must be set before the chart is inserted.",
  position: "Invalid argument: the anchor row and column must be at least 1.",
  foreignRange: "The range must be a range of this spreadsheet.",
} as const;

/** The chart types the fake tells apart (names of Charts.ChartType). */
export type FakeChartType = "PIE" | "COLUMN" | "BAR" | "LINE";

export interface ChartState {
  id: number | null;
  type: FakeChartType | null;
  ranges: AreaState[];
  anchor: { row: number; col: number; offsetX: number; offsetY: number };
  options: Record<string, unknown>;
  numHeaders: number;
}

const FIRST_CHART_ID = 1_000_000_001;
const nextIds = new WeakMap<SpreadsheetState, number>();

function newId(spreadsheet: SpreadsheetState): number {
  const id = nextIds.get(spreadsheet) ?? FIRST_CHART_ID;
  nextIds.set(spreadsheet, id + 1);
  return id;
}

function copyState(s: ChartState): ChartState {
  return {
    id: s.id,
    type: s.type,
    ranges: s.ranges.map((r) => ({ ...r })),
    anchor: { ...s.anchor },
    options: { ...s.options },
    numHeaders: s.numHeaders,
  };
}

function blank(): ChartState {
  return {
    id: null,
    type: null,
    ranges: [],
    anchor: { row: 1, col: 1, offsetX: 0, offsetY: 0 },
    options: {},
    numHeaders: -1,
  };
}

function a1(area: AreaState): string {
  const start = `${columnLetter(area.col)}${area.row}`;
  if (area.numRows === 1 && area.numCols === 1) return start;
  return `${start}:${columnLetter(area.col + area.numCols - 1)}${area.row + area.numRows - 1}`;
}

export class FakeChartOptions implements ChartOptionsLike {
  constructor(
    private readonly calls: CallCounter,
    private readonly options: Readonly<Record<string, unknown>>,
  ) {}

  get(option: string): unknown {
    this.calls.count("ChartOptions.get");
    return Object.keys(this.options).includes(option) ? this.options[option] : null;
  }
}

export class FakeContainerInfo implements ContainerInfoLike {
  constructor(
    private readonly calls: CallCounter,
    private readonly anchor: ChartState["anchor"],
  ) {}

  getAnchorRow(): number {
    this.calls.count("ContainerInfo.getAnchorRow");
    return this.anchor.row;
  }

  getAnchorColumn(): number {
    this.calls.count("ContainerInfo.getAnchorColumn");
    return this.anchor.col;
  }

  getOffsetX(): number {
    this.calls.count("ContainerInfo.getOffsetX");
    return this.anchor.offsetX;
  }

  getOffsetY(): number {
    this.calls.count("ContainerInfo.getOffsetY");
    return this.anchor.offsetY;
  }
}

/** A chart as getCharts() or build() hands it out: a snapshot. */
export class FakeEmbeddedChart implements EmbeddedChartLike {
  /** Test handle, not counted. */
  readonly state: ChartState;

  constructor(
    private readonly sheet: SheetState,
    state: ChartState,
  ) {
    this.state = copyState(state);
  }

  private count(method: string): void {
    this.sheet.spreadsheet.calls.count(`EmbeddedChart.${method}`);
  }

  getChartId(): number | null {
    this.count("getChartId");
    return this.state.id;
  }

  getNumHeaders(): number {
    this.count("getNumHeaders");
    return this.state.numHeaders;
  }

  getOptions(): FakeChartOptions {
    this.count("getOptions");
    return new FakeChartOptions(this.sheet.spreadsheet.calls, { ...this.state.options });
  }

  getRanges(): FakeRange[] {
    this.count("getRanges");
    return this.state.ranges.map((r) => new FakeRange(r.sheet, r.row, r.col, r.numRows, r.numCols));
  }

  getContainerInfo(): FakeContainerInfo {
    this.count("getContainerInfo");
    return new FakeContainerInfo(this.sheet.spreadsheet.calls, { ...this.state.anchor });
  }

  modify(): FakeEmbeddedChartBuilder {
    this.count("modify");
    return new FakeEmbeddedChartBuilder(this.sheet, this.state);
  }
}

export class FakeEmbeddedChartBuilder implements EmbeddedChartBuilderLike {
  private readonly state: ChartState;

  constructor(
    private readonly sheet: SheetState,
    state: ChartState,
  ) {
    this.state = copyState(state);
  }

  private count(method: string): void {
    this.sheet.spreadsheet.calls.count(`EmbeddedChartBuilder.${method}`);
  }

  private as(method: string, type: FakeChartType): this {
    this.count(method);
    this.state.type = type;
    return this;
  }

  addRange(range: RangeLike): this {
    this.count("addRange");
    if (!(range instanceof FakeRange) || range.sheetState.spreadsheet !== this.sheet.spreadsheet)
      throw new Error(CHART_MESSAGES.foreignRange);
    this.state.ranges.push(range.area());
    return this;
  }

  clearRanges(): this {
    this.count("clearRanges");
    this.state.ranges = [];
    return this;
  }

  asPieChart(): this {
    return this.as("asPieChart", "PIE");
  }

  asColumnChart(): this {
    return this.as("asColumnChart", "COLUMN");
  }

  asBarChart(): this {
    return this.as("asBarChart", "BAR");
  }

  asLineChart(): this {
    return this.as("asLineChart", "LINE");
  }

  setNumHeaders(headers: number): this {
    this.count("setNumHeaders");
    this.state.numHeaders = headers;
    return this;
  }

  setOption(option: string, value: unknown): this {
    this.count("setOption");
    this.state.options[String(option)] = value;
    return this;
  }

  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.count("setPosition");
    if (!(anchorRowPos >= 1) || !(anchorColPos >= 1)) throw new Error(CHART_MESSAGES.position);
    this.state.anchor = { row: anchorRowPos, col: anchorColPos, offsetX, offsetY };
    return this;
  }

  build(): FakeEmbeddedChart {
    this.count("build");
    return new FakeEmbeddedChart(this.sheet, this.state);
  }
}

function stateOf(chart: EmbeddedChartLike): ChartState {
  if (!(chart instanceof FakeEmbeddedChart))
    throw new Error("The fake only accepts charts from Sheet.newChart(), getCharts() or modify().");
  return chart.state;
}

// The Sheet fake's chart methods (test/fakes/gas.ts counts the calls and delegates here).

export function sheetCharts(sheet: SheetState): FakeEmbeddedChart[] {
  return sheet.charts.map((c) => new FakeEmbeddedChart(sheet, c));
}

export function newChartBuilder(sheet: SheetState): FakeEmbeddedChartBuilder {
  return new FakeEmbeddedChartBuilder(sheet, blank());
}

export function insertSheetChart(sheet: SheetState, chart: EmbeddedChartLike): void {
  const state = copyState(stateOf(chart));
  if (state.type === null) throw new Error(CHART_MESSAGES.noType);
  state.id = newId(sheet.spreadsheet);
  sheet.charts.push(state);
}

function indexOn(sheet: SheetState, chart: EmbeddedChartLike): number {
  const id = stateOf(chart).id;
  const i = id === null ? -1 : sheet.charts.findIndex((c) => c.id === id);
  if (i < 0) throw new Error(CHART_MESSAGES.notFound);
  return i;
}

export function updateSheetChart(sheet: SheetState, chart: EmbeddedChartLike): void {
  sheet.charts[indexOn(sheet, chart)] = copyState(stateOf(chart));
}

export function removeSheetChart(sheet: SheetState, chart: EmbeddedChartLike): void {
  sheet.charts.splice(indexOn(sheet, chart), 1);
}

/** Test handle, not counted: the charts of a sheet as plain values, in sheet order. */
export function describeCharts(sheet: { state: SheetState }): {
  id: number;
  type: FakeChartType | null;
  title: unknown;
  ranges: string[];
  anchor: { row: number; col: number };
  numHeaders: number;
  options: Record<string, unknown>;
}[] {
  return sheet.state.charts.map((c) => ({
    id: c.id as number,
    type: c.type,
    title: c.options.title ?? null,
    ranges: c.ranges.map(a1),
    anchor: { row: c.anchor.row, col: c.anchor.col },
    numHeaders: c.numHeaders,
    options: { ...c.options },
  }));
}
