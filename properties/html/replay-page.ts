// `priceclass replay FILE --html OUT.html`: a counterexample as a page. The timeline per machine core (SVG, drawn
// in Node), the violating step highlighted and the property named, and a world panel for the step the slider or
// the arrow keys select (each machine's cores, waiting tasks, memory and swap; each shard's queues and idle list).

import { inlineScript } from '../../sim/report/html/assets.ts';
import { escapeHtml, htmlPage, jsonScript } from '../../sim/report/html/page.ts';
import type { TraceDoc } from '../render.ts';
import { REPLAY_SCRIPT } from './replay-script.ts';
import { docRuns } from './snapshots.ts';
import { CLASS_COLOURS, markerLegend, timelineSvg } from './timeline.ts';

const STYLE = `
.timeline { display: block; cursor: pointer; }
.timeline .bg { fill: #fafafa; stroke: #ddd; } .timeline .lbl { font-size: 11px; fill: #444; }
.timeline .inv { font-size: 10px; fill: #fff; pointer-events: none; } .timeline .tick { font-size: 10px; fill: #666; }
.timeline .mark { font-size: 12px; } .timeline .idle { fill: #999; }
.timeline .violation { fill: #e74c3c; opacity: 0.25; } .timeline .vlbl { font-size: 11px; fill: #c0392b; }
.timeline .cursor { fill: #1f6feb; fill-opacity: 0.08; stroke: #1f6feb; stroke-width: 1.5; pointer-events: none; }
.scroll { overflow-x: auto; border: 1px solid #ddd; margin: 8px 0; }
.controls { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid #eee; }
#step { width: 100%; }
.bad { color: #c0392b; font-weight: bold; }
.row { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
.machine, .shard { border: 1px solid #ccc; border-radius: 4px; padding: 6px 8px; min-width: 220px; font-size: 13px; }
.machine h4, .shard h4 { margin: 0 0 4px; font-size: 13px; }
.cores { display: flex; gap: 4px; margin-bottom: 4px; }
.core { border: 1px dashed #bbb; padding: 2px; min-width: 60px; }
.free { color: #999; font-size: 11px; }
.chip { display: inline-block; color: #fff; border-radius: 3px; padding: 0 4px; margin: 1px; font-size: 12px; }
.meter { display: inline-block; width: 100px; height: 8px; background: #eee; vertical-align: middle; }
.meter div { height: 100%; background: #555; }
#micro { font-family: monospace; font-size: 12px; max-height: 160px; overflow: auto; }
#micro li { cursor: pointer; } #micro li.at { background: #dbe9ff; }
.legend span.sw { display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin: 0 3px 0 8px; }
`;

export function replayHtml(doc: TraceDoc, source: string): string {
  const runs = docRuns(doc);
  const title = `${doc.property}: ${source}`;
  const timelines = runs.map(
    (r, i) => `<div class="scroll">${timelineSvg(doc.runs[i], r, doc.classes, `timeline-${i}`)}</div>`,
  );
  const classLegend = doc.classes
    .map((c, i) => `<span class="sw" style="background:${CLASS_COLOURS[i % CLASS_COLOURS.length]}"></span>${c}`)
    .join('');
  const picker =
    runs.length > 1
      ? `<label>run <select id="run">${runs
          .map((r, i) => `<option value="${i}">${escapeHtml(r.title)}</option>`)
          .join('')}</select></label> `
      : '';
  const body = [
    `<h1>Counterexample: <span id="property">${escapeHtml(doc.property)}</span></h1>`,
    `<p class="${doc.violated ? 'bad' : ''}" id="verdict">${escapeHtml(
      doc.violated ? `violated: ${doc.message}` : `holds now (recorded: ${doc.message})`,
    )}</p>`,
    `<pre>${escapeHtml(doc.header.join('\n'))}</pre>`,
    `<p class="legend">classes:${classLegend} &nbsp; marks: ${markerLegend()}</p>`,
    '<div class="controls">',
    `${picker}<button id="to-violation">go to the violation</button> `,
    '<span class="note">← → step, ↑ ↓ microstep, click the timeline to jump</span>',
    '<input type="range" id="step" min="0" max="0" value="0" aria-label="step">',
    '<div id="where"></div></div>',
    ...timelines,
    '<h2>Step</h2><div id="outputs"></div><div id="violations"></div>',
    '<h3>Microsteps <span class="note" id="micro-where"></span></h3><ol id="micro" start="0"></ol>',
    '<h2>World</h2><div id="world"></div>',
  ].join('\n');
  const data = { classes: doc.classes, colours: CLASS_COLOURS, runs };
  return htmlPage({
    title,
    body,
    style: STYLE,
    scripts: [jsonScript('replay-data', data), inlineScript(REPLAY_SCRIPT)],
  });
}
