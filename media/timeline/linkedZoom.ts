// Zoom and pan on time, the same on every chart of the page. A chart that the user zooms or
// pans leads; the others follow at once through the zoom plugin's own API (so that its
// "reset" still knows where each chart started). The range is reported when a gesture ends,
// not on every step: storing the state serialises the whole view.
import type { Chart as ChartJs } from 'chart.js';
import type { TimeRange } from './state';

export class LinkedZoom {
  private charts: ChartJs[] = [];
  /** Set while this class moves charts itself, so that their own callbacks stay quiet. */
  private moving = false;

  /**
   * @param home the span the charts open on: a zoom back to it is no zoom
   * @param onSettled the range after a gesture (undefined: back home)
   */
  constructor(private readonly home: TimeRange, private readonly onSettled: (range: TimeRange | undefined) => void) {}

  add(chart: ChartJs): void {
    this.charts.push(chart);
  }

  /** Forgets the charts (they are being destroyed); late callbacks of theirs then do nothing. */
  dispose(): void {
    this.charts = [];
  }

  /** The zoom plugin's callbacks for every chart of the group. */
  readonly callbacks = {
    onZoom: ({ chart }: { chart: ChartJs }): void => this.follow(chart),
    onPan: ({ chart }: { chart: ChartJs }): void => this.follow(chart),
    onZoomComplete: ({ chart }: { chart: ChartJs }): void => this.settle(chart),
    onPanComplete: ({ chart }: { chart: ChartJs }): void => this.settle(chart),
  };

  /** Shows `range` on every chart (a zoom restored from the state). */
  apply(range: TimeRange): void {
    this.move(this.charts, (chart) => chart.zoomScale('x', range, 'none'));
  }

  reset(): void {
    this.move(this.charts, (chart) => chart.resetZoom('none'));
    this.onSettled(undefined);
  }

  private follow(leader: ChartJs): void {
    if (this.moving || !this.charts.includes(leader)) return;
    const { min, max } = leader.scales.x;
    this.move(this.charts.filter((chart) => chart !== leader), (chart) => chart.zoomScale('x', { min, max }, 'none'));
  }

  private settle(leader: ChartJs): void {
    if (this.moving || !this.charts.includes(leader)) return;
    const { min, max } = leader.scales.x;
    this.onSettled(min === this.home.min && max === this.home.max ? undefined : { min, max });
  }

  private move(charts: ChartJs[], step: (chart: ChartJs) => void): void {
    this.moving = true;
    try {
      charts.forEach(step);
    } finally {
      this.moving = false;
    }
  }
}
