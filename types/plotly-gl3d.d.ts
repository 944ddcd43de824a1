// The part of plotly.js's gl3d bundle that the 3D RFM scatter uses (the bundle ships no types).
declare module 'plotly.js-gl3d-dist-min' {
  export interface PlotlyPoint {
    customdata?: unknown;
    data?: { name?: string };
  }
  export interface PlotlyEvent {
    points: PlotlyPoint[];
  }
  export interface PlotlyElement extends HTMLDivElement {
    on(event: 'plotly_click' | 'plotly_hover' | 'plotly_unhover', handler: (event: PlotlyEvent) => void): void;
  }
  const Plotly: {
    newPlot(root: HTMLElement, data: object[], layout?: object, config?: object): Promise<PlotlyElement>;
    react(root: HTMLElement, data: object[], layout?: object, config?: object): Promise<PlotlyElement>;
    purge(root: HTMLElement): void;
  };
  export default Plotly;
}
