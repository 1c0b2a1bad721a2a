// A one-line points bar on stderr, only when stderr is a terminal (logs and tests stay clean).

export class PointsProgress {
  private readonly startMs = performance.now();
  private drawn = false;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
    private readonly skipped: number,
  ) {}

  update(done: number, running: number): void {
    if (this.stream.isTTY !== true || this.total === 0) return;
    const width = 30;
    const finished = this.skipped + done;
    const filled = Math.round((finished / this.total) * width);
    const elapsedS = (performance.now() - this.startMs) / 1000;
    // ETA from the points run in this session (skipped ones cost nothing).
    const etaS = done > 0 ? (elapsedS / done) * (this.total - finished) : NaN;
    const eta = Number.isFinite(etaS) ? `, ~${etaS.toFixed(0)} s left` : '';
    this.stream.write(
      `\rsweep [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${finished}/${this.total} points (${running} running) ${elapsedS.toFixed(0)} s${eta} \x1b[K`,
    );
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
