// The replay page's script (plain browser JavaScript): it only renders what Node precomputed. The slider and the
// arrow keys move through steps (left/right) and microsteps (up/down); clicking the timeline jumps to a step.

export const REPLAY_SCRIPT = `
const data = JSON.parse(document.getElementById('replay-data').textContent);
const colours = data.colours;
const state = { run: 0, step: 0, micro: null };
const $ = (id) => document.getElementById(id);
const ENTITIES = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ENTITIES[c]);
const className = (c) => data.classes[c] ?? 'class ' + c;
const chip = (id, cls, note) =>
  '<span class="chip" style="background:' + colours[cls % colours.length] + '" title="invocation ' + id + ', ' +
  esc(className(cls)) + (note ? ', ' + note : '') + '">' + id +
  (note ? ' <small>' + note + '</small>' : '') + '</span>';

function run() { return data.runs[state.run]; }

/** The world at the current step, or part-way through it: the world before, with microsteps 0..micro applied. */
function worldNow() {
  const steps = run().steps;
  const step = steps[state.step];
  if (state.micro === null || state.step === 0) return step.world;
  const before = steps[state.step - 1].world;
  const machines = before.machines.slice();
  const shards = before.shards.slice();
  for (let i = 0; i <= state.micro; i++) {
    const m = step.micro[i];
    if (m.machine) machines[machines.findIndex((x) => x.id === m.machine.id)] = m.machine;
    if (m.shard) shards[shards.findIndex((x) => x.id === m.shard.id)] = m.shard;
  }
  return { nowUs: step.atUs, machines, shards, held: step.world.held };
}

function bar(used, total) {
  const pct = total > 0 ? Math.min(100, (100 * used) / total) : 0;
  return '<div class="meter"><div style="width:' + pct + '%"></div></div>';
}

function machineHtml(m) {
  const running = m.tasks.filter((t) => t[2] === 1);
  const waiting = m.tasks.filter((t) => t[2] === 0);
  const resident = m.tasks.filter((t) => t[3] !== 'swap').reduce((a, t) => a + t[4], 0);
  const swapped = m.tasks.filter((t) => t[3] !== 'ram').reduce((a, t) => a + t[4], 0);
  const cores = [];
  for (let c = 0; c < Math.max(m.cores, running.length); c++) {
    const t = running[c];
    const inside = t ? chip(t[0], t[1], t[4] + ' MB') : '<span class="free">idle</span>';
    cores.push('<div class="core">' + inside + '</div>');
  }
  const wait = waiting.map((t) => chip(t[0], t[1], t[3] === 'ram' ? t[4] + ' MB' : t[3])).join(' ') || '–';
  return '<div class="machine"><h4>machine ' + m.id + ' · ' + m.cores + ' core(s)</h4>' +
    '<div class="cores">' + cores.join('') + '</div>' +
    '<div>waiting: ' + wait + '</div>' +
    '<div class="mem">RAM ' + resident + ' / ' + m.usableMB + ' MB ' + bar(resident, m.usableMB) + '</div>' +
    '<div class="mem">swap ' + swapped + ' / ' + m.swapMB + ' MB ' + bar(swapped, m.swapMB) + '</div></div>';
}

function shardHtml(s) {
  const queues = s.queues.map((q, c) =>
    '<div>' + esc(className(c)) + ': ' + (q.length ? q.map((id) => chip(id, c)).join(' ') : '–') + '</div>').reverse();
  const idle = s.idle.map((e) => 'm' + e[0] + ' (' + e[1] + ' MB free)').join(', ') || '–';
  return '<div class="shard"><h4>shard ' + s.id + '</h4>' + queues.join('') +
    '<div>idle list: ' + idle + '</div></div>';
}

function render() {
  const r = run();
  const step = r.steps[state.step];
  $('step').max = r.steps.length - 1;
  $('step').value = state.step;
  for (const [i, other] of data.runs.entries()) $('timeline-' + i).style.display = i === state.run ? '' : 'none';
  const svg = $('timeline-' + state.run);
  const cursor = $('timeline-' + state.run + '-cursor');
  const cursorX = Number(svg.dataset.left) + state.step * Number(svg.dataset.stepWidth);
  cursor.setAttribute('x', cursorX);
  // Long traces scroll: keep the cursor in view.
  const box = svg.parentElement;
  if (cursorX < box.scrollLeft + 120 || cursorX > box.scrollLeft + box.clientWidth - 40)
    box.scrollLeft = cursorX - box.clientWidth / 2;
  const violated = r.violationStep === state.step;
  $('where').innerHTML = 'step <b>' + state.step + '</b> of ' + (r.steps.length - 1) + ' · t = ' + step.atUs +
    ' µs · ' + esc(step.event) + (violated ? ' <span class="bad">← violation</span>' : '');
  $('outputs').innerHTML = step.outputs.length ? esc(step.outputs.join('; ')) : '<i>no outputs</i>';
  $('violations').innerHTML = step.violations.map((v) => '<div class="bad">VIOLATED ' + esc(v) + '</div>').join('');
  $('micro').innerHTML = step.micro.length === 0 ? '<i>no microsteps</i>' : step.micro.map((m, i) =>
    '<li data-i="' + i + '"' + (state.micro === i ? ' class="at"' : '') + '>' + esc(m.text) + '</li>').join('');
  $('micro-where').textContent = state.micro === null ? 'after the step' : 'after microstep ' + state.micro;
  const w = worldNow();
  $('world').innerHTML = '<div class="row">' + w.machines.map(machineHtml).join('') + '</div>' +
    '<div class="row">' + w.shards.map(shardHtml).join('') + '</div>' +
    (w.held.length ? '<div>held by budget: ' + w.held.join(', ') + '</div>' : '');
}

function go(step, micro = null) {
  const n = run().steps.length;
  state.step = Math.max(0, Math.min(n - 1, step));
  state.micro = micro;
  render();
}

function moveMicro(delta) {
  const count = run().steps[state.step].micro.length;
  if (count === 0) return go(state.step + delta);
  const at = state.micro === null ? (delta > 0 ? -1 : count) : state.micro;
  const next = at + delta;
  if (next < 0) return go(state.step - 1);
  if (next >= count) return go(state.step, null);
  go(state.step, next);
}

$('step').addEventListener('input', (e) => go(Number(e.target.value)));
document.addEventListener('keydown', (e) => {
  if (e.target.tagName === 'SELECT') return;
  const moves = { ArrowRight: () => go(state.step + 1), ArrowLeft: () => go(state.step - 1),
    ArrowDown: () => moveMicro(1), ArrowUp: () => moveMicro(-1), Home: () => go(0),
    End: () => go(run().steps.length - 1) };
  if (!moves[e.key]) return;
  e.preventDefault();
  moves[e.key]();
});
$('micro').addEventListener('click', (e) => {
  const li = e.target.closest('li');
  if (li) go(state.step, Number(li.dataset.i));
});
$('to-violation').addEventListener('click', () => go(run().violationStep ?? 0));
if ($('run')) {
  $('run').addEventListener('change', (e) => {
    state.run = Number(e.target.value);
    go(run().violationStep ?? 0);
  });
}
for (const [i] of data.runs.entries()) {
  $('timeline-' + i).addEventListener('click', (e) => {
    const svg = e.currentTarget;
    const box = svg.getBoundingClientRect();
    go(Math.floor((e.clientX - box.left - Number(svg.dataset.left)) / Number(svg.dataset.stepWidth)));
  });
}
state.run = Math.max(0, data.runs.findIndex((r) => r.violationStep !== null));
if ($('run')) $('run').value = String(state.run);
go(run().violationStep ?? 0);
`;
