// Interaction for the HTML report's charts (none in the PNGs): clicking a legend entry keeps that series and fades
// the others (shift-click adds more), and dragging or scrolling over a panel pans and zooms its time (x) axis.
// Vega-Lite merges a parameter defined in several views of one chart, so every panel may carry the same names.

/** The series whose legend entry was clicked; every series while none is. */
const PICK = 'pick';

/** The parameters of a panel's first layer: a legend-bound series pick and, if `zoomX`, a scale-bound interval. */
function interactionParams(seriesField: string, zoomX = true): object[] {
  const pick = { name: PICK, select: { type: 'point', fields: [seriesField] }, bind: 'legend' };
  return zoomX ? [pick, { name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' }] : [pick];
}

/** Opacity of a layer: as given for the picked series, nearly invisible for the others. */
function pickedOpacity(value = 1): object {
  return { condition: { param: PICK, value, empty: true }, value: 0.04 };
}

/** Spreads for a spec builder: `params()` into a panel's first layer, `fade()` into each layer's encoding. */
export function interaction(on: boolean | undefined, seriesField: string) {
  return {
    params: (zoomX = true) => (on ? { params: interactionParams(seriesField, zoomX) } : {}),
    fade: (value = 1) => (on ? { opacity: pickedOpacity(value) } : {}),
  };
}
