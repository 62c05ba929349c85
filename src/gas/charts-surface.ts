// The narrow part of the Spreadsheet service's embedded charts the charts adapter
// (src/gas/charts.ts) uses, declared like src/gas/surface.ts: every interface is a structural
// subset of the real `GoogleAppsScript.*` type (checked at the bottom of this file), methods
// returning primitives are picked from the real types, methods returning Apps Script objects are
// re-declared to return the narrow type. The fake in test/fakes/gas-charts.ts (hooked into the
// Sheet fake of test/fakes/gas.ts) implements exactly these.
//
// The chart type is set with the builder's asPieChart() / asColumnChart() / … rather than
// setChartType(Charts.ChartType.*), so the adapter needs no `Charts` global.

import type { RangeLike, SheetLike } from "./surface";

type GSheet = GoogleAppsScript.Spreadsheet.Sheet;
type GSpreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type GChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type GChartBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type GContainerInfo = GoogleAppsScript.Spreadsheet.ContainerInfo;
type GChartOptions = GoogleAppsScript.Charts.ChartOptions;

/** The options a chart was built with; `get("title")` is its title. */
export interface ChartOptionsLike {
  get(option: string): unknown;
}

/** Where a chart sits: its anchor cell (1-based) and the offset in pixels from it. */
export type ContainerInfoLike = Pick<
  GContainerInfo,
  "getAnchorRow" | "getAnchorColumn" | "getOffsetX" | "getOffsetY"
>;

export interface EmbeddedChartLike extends Pick<GChart, "getChartId" | "getNumHeaders"> {
  getOptions(): ChartOptionsLike;
  getRanges(): RangeLike[];
  getContainerInfo(): ContainerInfoLike;
  /** A builder holding this chart's settings; Sheet.updateChart(builder.build()) saves them. */
  modify(): EmbeddedChartBuilderLike;
}

export interface EmbeddedChartBuilderLike {
  addRange(range: RangeLike): EmbeddedChartBuilderLike;
  clearRanges(): EmbeddedChartBuilderLike;
  asPieChart(): EmbeddedChartBuilderLike;
  asColumnChart(): EmbeddedChartBuilderLike;
  asBarChart(): EmbeddedChartBuilderLike;
  asLineChart(): EmbeddedChartBuilderLike;
  setNumHeaders(headers: number): EmbeddedChartBuilderLike;
  /** Options as in the Charts gallery, dotted for nested ones ("legend.position"). */
  setOption(option: string, value: unknown): EmbeddedChartBuilderLike;
  /** Anchor row and column (1-based) and the offset in pixels from the anchor cell. */
  setPosition(
    anchorRowPos: number,
    anchorColPos: number,
    offsetX: number,
    offsetY: number,
  ): EmbeddedChartBuilderLike;
  build(): EmbeddedChartLike;
}

/** A sheet with its charts. */
export interface ChartsSheetLike extends SheetLike {
  getCharts(): EmbeddedChartLike[];
  newChart(): EmbeddedChartBuilderLike;
  insertChart(chart: EmbeddedChartLike): void;
  updateChart(chart: EmbeddedChartLike): void;
  removeChart(chart: EmbeddedChartLike): void;
}

export interface ChartsSpreadsheetLike {
  getSheetByName(name: string): ChartsSheetLike | null;
}

// Compile-time proof that the real services fit the narrow surface.
type Fits<Narrow, Real extends Narrow> = [Narrow, Real];
export type ChartsSurfaceMatchesAppsScript = [
  Fits<ChartOptionsLike, GChartOptions>,
  Fits<ContainerInfoLike, GContainerInfo>,
  Fits<EmbeddedChartLike, GChart>,
  Fits<EmbeddedChartBuilderLike, GChartBuilder>,
  Fits<ChartsSheetLike, GSheet>,
  Fits<ChartsSpreadsheetLike, GSpreadsheet>,
];
