// Pages of Vega-Lite charts: each chart is a <div> and its spec, embedded by vega-embed in the browser (SVG
// renderer, so marks are elements a test can count). window.chartsReady settles once every chart has drawn.

import type { TopLevelSpec } from 'vega-lite';
import { inlineScript, vegaScripts } from './assets.ts';
import { escapeHtml, jsonScript } from './page.ts';

export interface Chart {
  /** An HTML id: letters, digits and dashes. */
  readonly id: string;
  readonly spec: TopLevelSpec;
}

/** The chart's container. */
export function chartDiv(c: Chart, caption?: string): string {
  const note = caption === undefined ? '' : `<p class="note">${escapeHtml(caption)}</p>`;
  return `<div class="chart" id="${c.id}"></div>${note}`;
}

const EMBED = `
const specs = JSON.parse(document.getElementById('chart-specs').textContent);
window.chartsReady = Promise.all(Object.entries(specs).map(([id, spec]) =>
  vegaEmbed('#' + id, spec, { actions: false, renderer: 'svg' }).catch((e) => {
    console.error('chart ' + id + ': ' + e);
    throw e;
  })));
`;

/** The scripts that draw `charts`: the libraries, the specs and the embedding. */
export function chartScripts(charts: readonly Chart[]): string[] {
  const specs = Object.fromEntries(charts.map((c) => [c.id, c.spec]));
  return [vegaScripts(), jsonScript('chart-specs', specs), inlineScript(EMBED)];
}
